/**
 * Dates in the words people read (messages, timeline notes, refusals): `2026年11月20日`, as the
 * mini-program's pages write them (miniprogram/utils/format.ts). Data stays `YYYY-MM-DD`.
 */
import { shanghai } from '../time';

/** `2026年11月20日`: the Shanghai day of an instant. */
export const dayText = (ms: number): string => shanghai(ms).format('YYYY年M月D日');

/** `2026-11-20` → `2026年11月20日`. */
export const dateText = (date: string): string => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

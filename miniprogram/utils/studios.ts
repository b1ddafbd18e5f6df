/** The studios of the 20 townships and streets, grouped and searched the same way on 首页 and 我要反映. */
import type { StudioSummary, Township } from '../services/types';
import { HOME_TOWNSHIP_KEY } from './keys';

export interface TownshipGroup {
  id: string;
  name: string;
  studios: StudioSummary[];
}

/** The townships with their studios, those matching `keyword` only (a township's name matches all its studios). */
export function groupStudios(townships: Township[], studios: StudioSummary[], keyword: string): TownshipGroup[] {
  const k = keyword.trim();
  return townships
    .map((t) => {
      const own = studios.filter((s) => s.townshipId === t.id);
      const shown = !k || t.name.includes(k) ? own : own.filter((s) => s.name.includes(k) || s.address.includes(k));
      return { id: t.id, name: t.name, studios: shown };
    })
    .filter((g) => !k || g.studios.length > 0);
}

/** Where the phone keeps it. */
export { HOME_TOWNSHIP_KEY };

/**
 * The township the resident is known to live in, if the phone knows one: the township of the
 * last studio page opened (studios/detail remembers it).
 */
export function knownTownship(): string {
  const v = wx.getStorageSync(HOME_TOWNSHIP_KEY);
  return typeof v === 'string' ? v : '';
}

export function rememberTownship(townshipId: string): void {
  if (townshipId) wx.setStorageSync(HOME_TOWNSHIP_KEY, townshipId);
}

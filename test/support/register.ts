import type { Item, ItemView } from '../../core/register/item';
import { submitEvent, type TestApp } from './app';

/**
 * Builders for register items, made through the real functions as a client would:
 * each returns the item as its last actor saw it.
 */

/** A resident's item, still `submitted`. */
export const submitted = (t: TestApp, openid = 'dev-resident', overrides: Record<string, unknown> = {}): Promise<ItemView> =>
  t.ok<ItemView>('register', openid, submitEvent(overrides));

/** An item accepted by `by` (dev-rep by default: it then owns it). */
export async function accepted(t: TestApp, by = 'dev-rep', openid = 'dev-resident', overrides: Record<string, unknown> = {}): Promise<ItemView> {
  const item = await submitted(t, openid, overrides);
  return t.ok<ItemView>('register', by, { action: 'accept', id: item.id });
}

/** An item answered by its owner (dev-rep by default). */
export async function answered(t: TestApp, by = 'dev-rep', openid = 'dev-resident', overrides: Record<string, unknown> = {}): Promise<ItemView> {
  const item = await accepted(t, by, openid, overrides);
  return t.ok<ItemView>('register', by, { action: 'answer', id: item.id, reply: '已联系街道城管中队，路灯本周内修复。' });
}

/** The stored document, as the store holds it: for "nothing changed" checks. */
export const stored = (t: TestApp, id: string) => t.store.get<Item>('items', id);

/** How many items the register holds. */
export const itemCount = (t: TestApp) => t.store.count('items');

/** Chinese characters: every message a user may read is in Chinese. */
export const CHINESE = /[\u4e00-\u9fff]/;

/**
 * Makes `openid` a member through the real invitation flow: dev-admin invites, the user binds.
 * `kind` representative binds to `target` (a representative id); liaison makes it a liaison
 * of the studios in `target`.
 */
export async function bindMember(t: TestApp, openid: string, kind: 'representative' | 'liaison', target: string | string[]): Promise<void> {
  const invite =
    kind === 'representative'
      ? { action: 'invite', kind, representativeId: target }
      : { action: 'invite', kind, studioIds: Array.isArray(target) ? target : [target] };
  const { code } = await t.ok<{ code: string }>('members', 'dev-admin', invite);
  await t.ok('members', openid, { action: 'bind', code });
}

/** Actions as a set, so a test does not depend on their order. */
export const sorted = (actions: readonly string[]) => [...actions].sort();

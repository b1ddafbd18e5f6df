/**
 * Sliding-window throttles kept in `counters`, one document per (kind, user): the times of the
 * user's recent attempts. A slot is checked and taken by a compare-and-swap on that document,
 * so a burst of concurrent requests cannot all pass a check made before any of them is
 * recorded (the racing writes conflict and are retried in turn, each seeing the others).
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../deps';
import { rateLimited } from '../errors';
import type { StoredDoc } from '../ports/store';
import { retryOnConflict } from './retry';

export interface Attempts extends StoredDoc {
  at: number[];
}

export interface Window {
  ms: number;
  max: number;
  /** The refusal, given the time (ms) until a slot frees. */
  message: (waitMs: number) => string;
}

/** The counter document of `kind` for this openid: hashed, so the counters name nobody. */
export const throttleId = (kind: string, openid: string) => `${kind}-${createHash('sha256').update(openid).digest('hex').slice(0, 30)}`;

function refuse(at: readonly number[], now: number, windows: readonly Window[]): void {
  for (const w of windows) {
    const inside = at.filter((x) => x > now - w.ms).sort((a, b) => a - b);
    if (inside.length >= w.max) throw rateLimited(w.message(inside[inside.length - w.max] + w.ms - now));
  }
}

/** The counter document of a throttle, to read alongside other work before `takeSlot`. */
export const readSlots = (deps: Deps, id: string) => deps.store.get<Attempts>('counters', id);

/**
 * Takes one slot at `now`, or throws RATE_LIMITED when any window is full: a compare-and-swap
 * on the counter's version (a racing request conflicts, reads again and is counted after it),
 * so no burst gets past the limit. `read` is the counter already read, to save a round.
 */
export async function takeSlot(deps: Deps, id: string, now: number, windows: readonly Window[], read?: Promise<Attempts | null>): Promise<Attempts> {
  const keep = Math.max(...windows.map((w) => w.ms));
  let first: Promise<Attempts | null> | undefined = read;
  return retryOnConflict(async () => {
    const doc = await (first ?? readSlots(deps, id));
    first = undefined;
    const recent = (doc?.at ?? []).filter((x) => x > now - keep);
    refuse(recent, now, windows);
    const next = { _id: id, at: [...recent, now] };
    return doc ? deps.store.update<Attempts>('counters', id, doc._v, next) : deps.store.create<Attempts>('counters', next);
  });
}

/** Gives back the slot taken at `at` (the attempt succeeded, so it was no failure); `taken` is what takeSlot stored. */
export function giveBackSlot(deps: Deps, id: string, at: number, taken?: Attempts): Promise<void> {
  let first: Attempts | undefined = taken;
  return retryOnConflict(async () => {
    const doc = first ?? (await deps.store.get<Attempts>('counters', id));
    first = undefined;
    if (!doc || !doc.at.includes(at)) return;
    const { _v, ...rest } = doc;
    const i = doc.at.indexOf(at);
    await deps.store.update<Attempts>('counters', id, _v, { ...rest, at: [...doc.at.slice(0, i), ...doc.at.slice(i + 1)] });
  });
}

/** Minutes, rounded up, for a refusal's words. */
export const minutesOf = (ms: number) => Math.max(1, Math.ceil(ms / 60000));

/**
 * Sliding-window throttles kept in `counters`, one document per (kind, user): the times of the
 * user's recent attempts. A slot is checked and taken in one transaction over that document,
 * so a burst of concurrent requests cannot all pass a check made before any of them is
 * recorded (the racing transactions conflict and are retried in turn).
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../deps';
import { rateLimited } from '../errors';
import type { StoredDoc } from '../ports/store';
import { retryOnConflict } from './retry';

interface Attempts extends StoredDoc {
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

/** Takes one slot at `now`, or throws RATE_LIMITED when any window is full. */
export function takeSlot(deps: Deps, id: string, now: number, windows: readonly Window[]): Promise<void> {
  const keep = Math.max(...windows.map((w) => w.ms));
  return retryOnConflict(() =>
    deps.store.transaction(async (tx) => {
      const doc = await tx.get<Attempts>('counters', id);
      const recent = (doc?.at ?? []).filter((x) => x > now - keep);
      refuse(recent, now, windows);
      const next = { _id: id, at: [...recent, now] };
      if (doc) await tx.update<Attempts>('counters', id, doc._v, next);
      else await tx.create<Attempts>('counters', next);
    }),
  );
}

/** Gives back the slot taken at `at` (the attempt succeeded, so it was no failure). */
export function giveBackSlot(deps: Deps, id: string, at: number): Promise<void> {
  return retryOnConflict(async () => {
    const doc = await deps.store.get<Attempts>('counters', id);
    if (!doc || !doc.at.includes(at)) return;
    const { _v, ...rest } = doc;
    const i = doc.at.indexOf(at);
    await deps.store.update<Attempts>('counters', id, _v, { ...rest, at: [...doc.at.slice(0, i), ...doc.at.slice(i + 1)] });
  });
}

/** Minutes, rounded up, for a refusal's words. */
export const minutesOf = (ms: number) => Math.max(1, Math.ceil(ms / 60000));

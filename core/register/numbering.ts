import { createHash } from 'node:crypto';
import type { Deps } from '../deps';
import type { StoredDoc, TransactionOps } from '../ports/store';
import { retryOnConflict } from '../shared/retry';
import { shanghaiYear } from '../time';
import type { Item } from './item';

interface Counter extends StoredDoc {
  value: number;
}

/** The item id for a client's request: the same request always maps to the same item. */
export const itemIdFor = (openid: string, requestId: string): string =>
  'it' + createHash('sha256').update(`${openid}\u0000${requestId}`).digest('hex').slice(0, 30);

/**
 * Creates the item with the next number of its year (`XJ2026-000123`) in one transaction
 * with the counter, so numbers are gap-free: a number is taken only if its item is stored.
 * If the id exists already (a retried request) the stored item is returned instead.
 * `guard` runs in the same transaction before a number is taken (the submit rate limit):
 * if it throws, nothing is stored and no number is spent.
 */
export async function createNumberedItem(
  deps: Deps,
  draft: Omit<Item, '_v' | 'no' | 'year' | 'seq'>,
  guard?: (tx: TransactionOps) => Promise<void>,
): Promise<{ item: Item; created: boolean }> {
  const year = shanghaiYear(draft.createdAt);
  const counterId = `${deps.config.numberPrefix}${year}`;
  return retryOnConflict(() =>
    deps.store.transaction(async (tx: TransactionOps) => {
      const existing = await tx.get<Item>('items', draft._id);
      if (existing) return { item: existing, created: false };
      if (guard) await guard(tx);
      const counter = await tx.get<Counter>('counters', counterId);
      const seq = (counter?.value ?? 0) + 1;
      if (counter) await tx.update<Counter>('counters', counterId, counter._v, { _id: counterId, value: seq });
      else await tx.create<Counter>('counters', { _id: counterId, value: seq });
      const no = `${counterId}-${String(seq).padStart(6, '0')}`;
      const item = await tx.create<Item>('items', { ...draft, no, year, seq });
      return { item, created: true };
    }),
  );
}

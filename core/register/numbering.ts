import type { Deps } from '../deps';
import { createNumbered, requestDocId, type NumberingGuard, type NumberingSpec } from '../matters/numbering';
import type { TransactionOps } from '../ports/store';
import type { Item } from './item';

/** The item id for a client's request: the same request always maps to the same item. */
export const itemIdFor = (openid: string, requestId: string): string => requestDocId('it', openid, requestId);

/** Register numbers: `XJ2026-000123` (prefix from the settings). */
export const itemNumbering = (deps: Deps): NumberingSpec => ({ collection: 'items', prefix: deps.config.numberPrefix, width: 6 });

/**
 * Creates the item with the next number of its year (the kernel's gap-free numbering). If the
 * id exists already (a retried request) the stored item is returned instead. `guard` runs in
 * the same transaction before a number is taken (the submit rate limit).
 */
export async function createNumberedItem(
  deps: Deps,
  draft: Omit<Item, '_v' | 'no' | 'year' | 'seq'>,
  guard?: NumberingGuard,
): Promise<{ item: Item; created: boolean }> {
  const { doc, created } = await createNumbered<Item>(deps, itemNumbering(deps), draft, guard);
  return { item: doc, created };
}

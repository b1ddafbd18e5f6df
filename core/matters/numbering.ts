/**
 * Numbers per kind and Shanghai year, gap-free: `XJ2026-000123` for register items,
 * `ZX2026-001` for inquiries. The number is taken in the same transaction that stores the
 * document, so a number is spent only if its document exists.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../deps';
import type { CollectionName, NewDoc, StoredDoc, TransactionOps } from '../ports/store';
import { retryOnConflict } from '../shared/retry';
import { shanghaiYear } from '../time';

interface Counter extends StoredDoc {
  value: number;
}

export interface Numbered {
  no: string;
  year: number;
  seq: number;
}

export interface NumberingSpec {
  collection: CollectionName;
  /** Letters before the year: `XJ`, `ZX`. */
  prefix: string;
  /** Digits of the sequence: 6 gives `000123`. */
  width: number;
}

/** A document id for a client's request: the same request of the same user maps to the same id. */
export const requestDocId = (prefix: string, openid: string, requestId: string): string =>
  prefix + createHash('sha256').update(`${openid}\u0000${requestId}`).digest('hex').slice(0, 30);

/** `XJ2026-000123`. */
export const formatNumber = (spec: Pick<NumberingSpec, 'prefix' | 'width'>, year: number, seq: number) =>
  `${spec.prefix}${year}-${String(seq).padStart(spec.width, '0')}`;

/** Runs in the numbering transaction before a number is taken; `reads` names what it reads, read with the counter. */
export type NumberingGuard = ((tx: TransactionOps) => Promise<void>) & { reads?: ReadonlyArray<readonly [string, string]> };

/**
 * Stores `draft` with the next number of its year (by `createdAt` in Shanghai). If a document
 * with the draft's id exists already (a retried request), that one is returned instead and no
 * number is spent. `guard` runs in the same transaction before a number is taken (a rate
 * limit): if it throws, nothing is stored.
 */
export async function createNumbered<D extends StoredDoc & Numbered & { createdAt: number }>(
  deps: Deps,
  spec: NumberingSpec,
  draft: Omit<NewDoc<D>, keyof Numbered>,
  guard?: NumberingGuard,
): Promise<{ doc: D; created: boolean }> {
  return retryOnConflict(() => deps.store.transaction((tx: TransactionOps) => createNumberedIn<D>(tx, spec, draft, guard)));
}

/** What createNumberedIn reads: a transaction that reads these with its own spends no round on them. */
export function numberingReads(spec: NumberingSpec, draft: { _id: string; createdAt: number }, guard?: NumberingGuard): Array<readonly [string, string]> {
  return [[spec.collection, draft._id], ['counters', `${spec.prefix}${shanghaiYear(draft.createdAt)}`], ...(guard?.reads ?? [])];
}

/** createNumbered inside a transaction the caller runs (and retries), with its other writes. */
export async function createNumberedIn<D extends StoredDoc & Numbered & { createdAt: number }>(
  tx: TransactionOps,
  spec: NumberingSpec,
  draft: Omit<NewDoc<D>, keyof Numbered>,
  guard?: NumberingGuard,
): Promise<{ doc: D; created: boolean }> {
  const year = shanghaiYear(draft.createdAt);
  const counterId = `${spec.prefix}${year}`;
  // The guard's documents are read in the same round (a transaction reads each once).
  const [existing, counter] = await Promise.all([
    tx.get<D>(spec.collection, draft._id),
    tx.get<Counter>('counters', counterId),
    ...(guard?.reads ?? []).map(([collection, id]) => tx.get(collection, id)),
  ]);
  if (existing) return { doc: existing, created: false };
  const seq = (counter?.value ?? 0) + 1;
  const doc = { ...draft, no: formatNumber(spec, year, seq), year, seq } as NewDoc<D>;
  // The guard's writes go with the number's, in one round: if it refuses, the transaction
  // is undone as a whole, so no number is spent and nothing is stored.
  const [, , created] = await Promise.all([
    guard ? guard(tx) : undefined,
    counter ? tx.update<Counter>('counters', counterId, counter._v, { _id: counterId, value: seq }) : tx.create<Counter>('counters', { _id: counterId, value: seq }),
    tx.create<D>(spec.collection, doc),
  ]);
  return { doc: created, created: true };
}

/**
 * The ledger's writer: `points` effects become entries, once per effect key, each within its
 * rule's yearly cap. A representative's entries of a year and their total (`pointTotals`) are
 * written in one transaction: the cap is checked against the total read in it, so two entries
 * racing past a cap cannot both count (the loser's transaction conflicts and runs again against
 * the new total). An entry whose points the cap took entirely is still written, with 0 points
 * and `capped`, so the ledger explains why it counted nothing. The representatives of one
 * change share a transaction (up to REPS_PER_TRANSACTION), and the directory is read in the
 * same rounds as the totals: in the cloud a change's points cost the transaction's four rounds
 * (start, read, write, commit), however many representatives earn them.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../deps';
import type { Representative, Studio } from '../directory/types';
import type { PointsEffect } from '../matters/effects';
import type { TransactionOps } from '../ports/store';
import { retryOnConflict } from '../shared/retry';
import { shanghaiDate, shanghaiYear } from '../time';
import { rulesFor, type PointRule } from './rules';
import { totalId, type PointEntry, type PointTotal } from './types';

/** Representatives whose entries share one transaction (their totals and entries: 2 documents and more each). */
const REPS_PER_TRANSACTION = 10;

/** The entry's id: derived from the effect's key, so a second attempt finds the first. */
export const entryId = (key: string) => 'pe' + createHash('sha256').update(key).digest('hex').slice(0, 30);

/** What of `asked` the cap leaves for this rule, given what the representative has from it this year. */
export function allowance(rule: Pick<PointRule, 'cap'>, counted: number, asked: number): number {
  if (rule.cap === null) return asked;
  return Math.max(0, Math.min(asked, rule.cap - counted));
}

/** A representative's total with one more entry counted (or only recorded, for 0 points). */
export function addToTotal(total: Omit<PointTotal, '_v'> | null, base: Omit<PointTotal, '_v' | 'total' | 'byCode' | 'entries' | 'updatedAt'>, code: string, points: number, now: number): Omit<PointTotal, '_v'> {
  const byCode = { ...(total?.byCode ?? {}) };
  byCode[code] = (byCode[code] ?? 0) + points;
  return {
    ...base,
    ...(total ? { repName: total.repName, studioId: total.studioId, townshipId: total.townshipId } : {}),
    total: (total?.total ?? 0) + points,
    byCode,
    entries: (total?.entries ?? 0) + 1,
    updatedAt: now,
  };
}

/** Writes the total as read in the transaction (created when it did not exist). */
export async function saveTotal(tx: TransactionOps, before: PointTotal | null, next: Omit<PointTotal, '_v'>): Promise<void> {
  if (before) await tx.update<PointTotal>('pointTotals', before._id, before._v, next);
  else await tx.create<PointTotal>('pointTotals', next);
}

/** Writes the entries of these effects that are not in the ledger yet; returns how many were new. */
export async function grantPoints(deps: Deps, effects: readonly PointsEffect[]): Promise<number> {
  const groups = new Map<string, PointsEffect[]>();
  for (const e of effects) {
    const k = `${shanghaiYear(e.at)}|${e.rep}`;
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  const repIds = [...new Set(effects.map((e) => e.rep))];
  const years = [...new Set(effects.map((e) => shanghaiYear(e.at)))];
  // The representatives, every studio (a few dozen, for the townships) and each year's rules,
  // read while the transactions start and read the totals: they share those rounds.
  const directory = Promise.all([
    deps.store.find<Representative>('representatives', { where: { _id: { in: repIds } }, limit: 1000 }),
    deps.store.find<Studio>('studios', { limit: 1000 }),
    Promise.all(years.map((y) => rulesFor(deps, y))),
  ]).then(([reps, studios, tables]) => {
    const repById = new Map(reps.map((r) => [r._id, r]));
    for (const id of repIds) if (!repById.has(id)) console.error(`points: representative ${id} not found; entries not written`);
    return { repById, townshipOf: new Map(studios.map((s) => [s._id, s.townshipId])), rulesByYear: new Map(years.map((y, i) => [y, tables[i]])) };
  });
  // Stays observed if a transaction fails before awaiting it (its error then comes from there).
  directory.catch(() => undefined);

  // The representatives' entries of a change are written together, a few representatives to a
  // transaction: one read round and one write round for all of them (a forum's attendance, a
  // proposal's lead and co-signers), not a transaction after another.
  const all = [...groups.values()];
  const chunks: PointsEffect[][][] = [];
  for (let i = 0; i < all.length; i += REPS_PER_TRANSACTION) chunks.push(all.slice(i, i + REPS_PER_TRANSACTION));
  const now = deps.clock.now();
  const written = await Promise.all(
    chunks.map((chunk) =>
      retryOnConflict(() =>
        deps.store.transaction(async (tx) => {
          const [{ repById, townshipOf, rulesByYear }, read] = await Promise.all([
            directory,
            Promise.all(
              chunk.map((group) => {
                const year = shanghaiYear(group[0].at);
                return Promise.all([tx.get<PointTotal>('pointTotals', totalId(year, group[0].rep)), ...group.map((e) => tx.get<PointEntry>('points', entryId(e.key)))]);
              }),
            ),
          ]);
          const writes: Array<Promise<unknown>> = [];
          let fresh = 0;
          chunk.forEach((group, g) => {
            const [total, ...existing] = read[g] as [PointTotal | null, ...Array<PointEntry | null>];
            const year = shanghaiYear(group[0].at);
            const rep = repById.get(group[0].rep);
            if (!rep) return;
            const rules = new Map((rulesByYear.get(year) ?? []).map((r) => [r.code, r]));
            const townshipId = townshipOf.get(rep.studioId) ?? '';
            let running: Omit<PointTotal, '_v'> | null = total;
            let changed = false;
            const seen = new Set<string>();
            for (let i = 0; i < group.length; i++) {
              const e = group[i];
              const rule = rules.get(e.code);
              if (existing[i] || seen.has(e.key) || !rule || !rule.enabled) continue;
              seen.add(e.key);
              const counted = running?.byCode[e.code] ?? 0;
              const pending = rule.approval === 'admin';
              const points = pending ? 0 : allowance(rule, counted, rule.points);
              writes.push(tx.create<PointEntry>('points', {
                _id: entryId(e.key),
                year,
                date: shanghaiDate(e.at),
                at: e.at,
                repId: rep._id,
                repName: rep.name,
                studioId: rep.studioId,
                townshipId,
                code: rule.code,
                label: rule.label,
                points,
                asked: rule.points,
                capped: !pending && points < rule.points,
                status: pending ? 'pending' : 'granted',
                src: e.src,
                note: e.note,
                evidence: null,
                proposedBy: null,
                proposedName: null,
                decidedBy: null,
                decidedAt: null,
                rejectReason: null,
                createdAt: now,
              }));
              running = addToTotal(running, baseOf(year, rep, townshipId), rule.code, points, now);
              changed = true;
              fresh++;
            }
            if (changed && running) writes.push(saveTotal(tx, total, running));
          });
          // Every entry and total of the chunk in one round of the transaction.
          await Promise.all(writes);
          return fresh;
        }),
      ),
    ),
  );
  return written.reduce((a, b) => a + b, 0);
}

/** The fixed fields of a representative's total. */
export const baseOf = (year: number, rep: Pick<Representative, '_id' | 'name' | 'studioId'>, townshipId: string) => ({
  _id: totalId(year, rep._id),
  year,
  repId: rep._id,
  repName: rep.name,
  studioId: rep.studioId,
  townshipId,
});

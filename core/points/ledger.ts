/**
 * The ledger's writer: `points` effects become entries, once per effect key, each within its
 * rule's yearly cap. A representative's entries of a year and their total (`pointTotals`) are
 * written in one transaction: the cap is checked against the total read in it, so two entries
 * racing past a cap cannot both count (the loser's transaction conflicts and runs again against
 * the new total). An entry whose points the cap took entirely is still written, with 0 points
 * and `capped`, so the ledger explains why it counted nothing.
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

/** What writing points effects reads first: their representatives, the studios, each year's rules. */
export interface PointsContext {
  repById: Map<string, Representative>;
  townshipOf: Map<string, string>;
  rulesByYear: Map<number, PointRule[]>;
}

/** One round: the representatives, every studio (a few dozen, for the townships), each year's rules. */
export async function readPointsContext(deps: Deps, effects: readonly PointsEffect[]): Promise<PointsContext> {
  const repIds = [...new Set(effects.map((e) => e.rep))];
  const years = [...new Set(effects.map((e) => shanghaiYear(e.at)))];
  const [reps, studios, ...tables] = await Promise.all([
    deps.store.find<Representative>('representatives', { where: { _id: { in: repIds } }, limit: 1000 }),
    deps.store.find<Studio>('studios', { limit: 1000 }),
    ...years.map((y) => rulesFor(deps, y)),
  ]);
  return {
    rulesByYear: new Map(years.map((y, i) => [y, tables[i]])),
    repById: new Map(reps.map((r) => [r._id, r])),
    townshipOf: new Map(studios.map((s) => [s._id, s.townshipId])),
  };
}

/**
 * Writes the entries of these effects that are not in the ledger yet; returns how many were
 * new. `context` is what readPointsContext answers for them, when it was read early.
 */
export async function grantPoints(deps: Deps, effects: readonly PointsEffect[], context?: Promise<PointsContext>): Promise<number> {
  const ctx = await (context ?? readPointsContext(deps, effects));
  const written = await Promise.all(
    pointGroups(effects).map((group) =>
      retryOnConflict(() =>
        deps.store.transaction(async (tx) => {
          await Promise.all(pointsReads(group).map(([c, id]) => tx.get(c, id)));
          return writePointsIn(tx, deps, group, ctx);
        }),
      ),
    ),
  );
  return written.reduce((a, b) => a + b, 0);
}

/** Effects by Shanghai year and representative: one total each. */
export function pointGroups(effects: readonly PointsEffect[]): PointsEffect[][] {
  const groups = new Map<string, PointsEffect[]>();
  for (const e of effects) {
    const k = `${shanghaiYear(e.at)}|${e.rep}`;
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  return [...groups.values()];
}

/** What writePointsIn reads (a total and the entries): a transaction reading these first spends no round in it. */
export const pointsReads = (group: readonly PointsEffect[]): Array<readonly [string, string]> => [
  ['pointTotals', totalId(shanghaiYear(group[0].at), group[0].rep)],
  ...group.map((e) => ['points', entryId(e.key)] as const),
];

/**
 * Writes one group's new entries and its total inside the caller's transaction, the cap
 * checked against the total read in it; returns how many entries were new.
 */
export async function writePointsIn(tx: TransactionOps, deps: Deps, group: readonly PointsEffect[], ctx: PointsContext): Promise<number> {
  const { rulesByYear, repById, townshipOf } = ctx;
  const year = shanghaiYear(group[0].at);
  const rep = repById.get(group[0].rep);
  if (!rep) {
    console.error(`points: representative ${group[0].rep} not found; ${group.length} entries not written`);
    return 0;
  }
  const rules = new Map((rulesByYear.get(year) ?? []).map((r) => [r.code, r]));
  const now = deps.clock.now();
  const [total, ...existing] = await Promise.all([
    tx.get<PointTotal>('pointTotals', totalId(year, rep._id)),
    ...group.map((e) => tx.get<PointEntry>('points', entryId(e.key))),
  ]);
  let running: Omit<PointTotal, '_v'> | null = total;
  let changed = false;
  let fresh = 0;
  const writes: Array<Promise<unknown>> = [];
  const seen = new Set<string>();
  for (let i = 0; i < group.length; i++) {
    const e = group[i];
    const rule = rules.get(e.code);
    if (existing[i] || seen.has(e.key) || !rule || !rule.enabled) continue;
    seen.add(e.key);
    const counted = running?.byCode[e.code] ?? 0;
    const pending = rule.approval === 'admin';
    const points = pending ? 0 : allowance(rule, counted, rule.points);
    writes.push(
      tx.create<PointEntry>('points', {
        _id: entryId(e.key),
        year,
        date: shanghaiDate(e.at),
        at: e.at,
        repId: rep._id,
        repName: rep.name,
        studioId: rep.studioId,
        townshipId: townshipOf.get(rep.studioId) ?? '',
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
      }),
    );
    running = addToTotal(running, baseOf(year, rep, townshipOf.get(rep.studioId) ?? ''), rule.code, points, now);
    changed = true;
    fresh++;
  }
  // The entries and the total in one round of the transaction.
  if (changed && running) writes.push(saveTotal(tx, total, running));
  await Promise.all(writes);
  return fresh;
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

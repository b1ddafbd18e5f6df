/**
 * Progress of group visits (走访进度) per group, township and county for a year:
 * - households: distinct households visited in the year (their `visitYears` hold it) against
 *   the target (the group's, or the sum of the groups' targets);
 * - visits: visit records dated in the year;
 * - coverage of each must-visit category: of its registered households, the share visited in
 *   the year;
 * - issues raised on the year's visits: found, solved on the spot, registered, escalated to
 *   民情会诊;
 * - pace (the current year only): by the start of month m, target × (m − 1) ÷ 12 households.
 * Everything is counted by the store (grouped counts, one round for any scope); no household
 * or visit is loaded.
 */
import type { Deps } from '../deps';
import type { Studio, Township } from '../directory/types';
import { forbidden, notFound, validationError } from '../errors';
import type { Caller } from '../members/types';
import type { Filter, GroupCount } from '../ports/store';
import { shanghai, shanghaiYear } from '../time';
import { REFUSALS, may } from './permissions';
import { MUST_VISIT, MUST_VISIT_LABELS, type MustVisit, type VisitGroup } from './types';

export interface ProgressQuery {
  scope: 'group' | 'township' | 'county';
  id?: string;
  year?: number;
}

const percent = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

/** Households expected by the start of month `m` (1–12) of a year with this target. */
export const paceExpected = (target: number, month: number) => Math.ceil((target * (month - 1)) / 12);

type Key = 'groupId' | 'townshipId';

interface Counts {
  registered: GroupCount[];
  visited: GroupCount[];
  categories: Array<{ registered: GroupCount[]; visited: GroupCount[] }>;
  visits: GroupCount[];
  issues: GroupCount[];
}

/** Every figure of a scope, grouped by `key`: 4 + 2 × 5 grouped counts, all in one round. */
function count(deps: Deps, key: Key, base: Filter, year: number): Promise<Counts> {
  const households = (where: Filter) => deps.store.countBy('households', [key], { ...base, ...where });
  const seen = { visitYears: { has: year } };
  return Promise.all([
    households({}),
    households(seen),
    Promise.all(MUST_VISIT.map((c) => Promise.all([households({ categories: { has: c } }), households({ categories: { has: c }, ...seen })]))),
    deps.store.countBy('visits', [key], { ...base, year }),
    deps.store.countBy('visitIssues', [key, 'outcome', 'escalated'], { ...base, year }),
  ]).then(([registered, visited, categories, visits, issues]) => ({
    registered,
    visited,
    categories: categories.map(([r, v]) => ({ registered: r, visited: v })),
    visits,
    issues,
  }));
}

/** The figures of one key value (a group, a township), or of all of them (`id` undefined). */
function figures(c: Counts, key: Key, id: string | undefined, target: number, year: number, now: number) {
  const of = (rows: GroupCount[]) => rows.filter((r) => id === undefined || r.key[key] === id);
  const sum = (rows: GroupCount[]) => of(rows).reduce((n, r) => n + r.count, 0);
  const visited = sum(c.visited);
  const issues = of(c.issues);
  const found = issues.reduce((n, r) => n + r.count, 0);
  const current = shanghaiYear(now) === year;
  const expected = current ? paceExpected(target, shanghai(now).month() + 1) : target;
  return {
    target,
    households: { registered: sum(c.registered), visited },
    percent: percent(visited, target),
    visits: sum(c.visits),
    pace: { expected, monthEnd: current ? Math.ceil((target * (shanghai(now).month() + 1)) / 12) : target, behind: visited < expected },
    coverage: MUST_VISIT.map((category: MustVisit, i) => {
      const registered = sum(c.categories[i].registered);
      const seen = sum(c.categories[i].visited);
      return { category, label: MUST_VISIT_LABELS[category], registered, visited: seen, percent: percent(seen, registered) };
    }),
    issues: {
      found,
      solved: issues.filter((r) => r.key.outcome === 'solved').reduce((n, r) => n + r.count, 0),
      registered: issues.filter((r) => r.key.outcome === 'registered').reduce((n, r) => n + r.count, 0),
      escalated: issues.filter((r) => r.key.escalated === 1).reduce((n, r) => n + r.count, 0),
    },
  };
}

export type Figures = ReturnType<typeof figures>;

const targetOf = (groups: VisitGroup[]) => groups.reduce((n, g) => n + g.target, 0);

/** 走访进度 of a group, a township (with each of its groups) or the county (with each township). */
export async function visitProgress(deps: Deps, caller: Caller, q: ProgressQuery) {
  const now = deps.clock.now();
  const year = q.year ?? shanghaiYear(now);
  if (q.scope !== 'county' && !q.id) throw validationError(q.scope === 'group' ? '请指定代表组' : '请指定乡镇（街道）');
  if (!may(caller, 'list', null)) throw forbidden(REFUSALS.list);

  if (q.scope === 'group') {
    const [g, c] = await Promise.all([deps.store.get<VisitGroup>('visitGroups', q.id as string), count(deps, 'groupId', { groupId: q.id as string }, year)]);
    if (!g || !may(caller, 'report', { scope: 'group', group: g })) throw notFound('该代表组');
    return { scope: q.scope, year, group: { id: g._id, name: g.name, townshipId: g.townshipId, townshipName: g.townshipName }, ...figures(c, 'groupId', g._id, g.target, year, now) };
  }

  if (q.scope === 'township') {
    const id = q.id as string;
    const [township, studios, groups, c] = await Promise.all([
      deps.store.get<Township>('townships', id),
      deps.store.find<Studio>('studios', { where: { townshipId: id, kind: 'township' }, limit: 1 }),
      deps.store.find<VisitGroup>('visitGroups', { where: { townshipId: id }, orderBy: [['createdAt', 'asc']], limit: 500 }),
      count(deps, 'groupId', { townshipId: id }, year),
    ]);
    if (!township || !studios[0]) throw notFound('该乡镇（街道）');
    if (!may(caller, 'report', { scope: 'township', studioId: studios[0]._id })) throw forbidden(REFUSALS.report);
    return {
      scope: q.scope,
      year,
      township: { id: township._id, name: township.name },
      ...figures(c, 'groupId', undefined, targetOf(groups), year, now),
      groups: groups.map((g) => ({ id: g._id, name: g.name, ...figures(c, 'groupId', g._id, g.target, year, now) })),
    };
  }

  if (!may(caller, 'report', { scope: 'county' })) throw forbidden(REFUSALS.report);
  const [townships, groups, c] = await Promise.all([
    deps.store.find<Township>('townships', { orderBy: [['order', 'asc']], limit: 100 }),
    deps.store.find<VisitGroup>('visitGroups', { orderBy: [['createdAt', 'asc']], limit: 1000 }),
    count(deps, 'townshipId', {}, year),
  ]);
  return {
    scope: q.scope,
    year,
    ...figures(c, 'townshipId', undefined, targetOf(groups), year, now),
    townships: townships.map((t) => {
      const own = groups.filter((g) => g.townshipId === t._id);
      return { id: t._id, name: t.name, groups: own.length, ...figures(c, 'townshipId', t._id, targetOf(own), year, now) };
    }),
  };
}

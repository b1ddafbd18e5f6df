/** Reading proposals (代表提议): the public list and view, the staff lists by scope, statistics. */
import type { Deps } from '../deps';
import { notFound } from '../errors';
import type { Caller } from '../members/types';
import type { Filter } from '../ports/store';
import type { Page } from '../register/usecases';
import { PROPOSAL_STATUSES, PUBLIC_STATUSES, type ProposalStatus } from './lifecycle';
import { may, scopeOf } from './permissions';
import { RATINGS, RESULT_KINDS, type Proposal, type ProposalLevel } from './types';
import { publicAnswer, publicProposal, summarizeProposal, viewProposal } from './view';

/** One proposal: in full for those who may read it so, else its public view once past review, else NOT_FOUND. */
export async function getProposal(deps: Deps, caller: Caller, id: string) {
  const p = await deps.store.get<Proposal>('proposals', id);
  const now = deps.clock.now();
  if (p && may(caller, 'read', p)) return viewProposal(p, caller, now, deps.config);
  if (p && may(caller, 'readPublic', p)) return publicAnswer(p, now);
  throw notFound('该提议');
}

export interface ListQuery {
  /** The public list (residents always get it). */
  public?: boolean;
  status?: ProposalStatus;
  level?: ProposalLevel;
  key?: boolean;
  /** Only those past their deadline with a department (督办). */
  overdue?: boolean;
  /** `due`: those with a department, the earliest due first. */
  order?: 'newest' | 'due';
  page: number;
  pageSize: number;
}

const empty = (q: ListQuery) => ({ items: [], total: 0, page: q.page, pageSize: q.pageSize });

/**
 * The public list (residents and anyone without a staff list, or `public: true`): proposals past review, newest first, with
 * nothing personal. The staff list: a representative's own (raised or co-signed), a
 * department's (lead or assisting), a liaison's studios', every proposal for an administrator.
 */
export async function listProposals(deps: Deps, caller: Caller, q: ListQuery): Promise<Page<unknown> & { public: boolean }> {
  const now = deps.clock.now();
  const publicList = q.public === true || !may(caller, 'list', null);
  const where: Filter = publicList ? { status: { in: [...PUBLIC_STATUSES] } } : scopeOf(caller);
  if (q.status) {
    if (publicList && !PUBLIC_STATUSES.includes(q.status)) return { ...empty(q), public: true };
    where.status = q.status;
  }
  if (q.level) where.level = q.level;
  if (q.key !== undefined) where.key = q.key;
  if (q.overdue) where.dueAt = { lt: now };
  if (q.order === 'due' && !q.overdue) where.dueAt = { exists: true };
  const orderBy: Array<[string, 'asc' | 'desc']> = q.order === 'due' || q.overdue ? [['dueAt', 'asc']] : [['createdAt', 'desc']];
  const [rows, total] = await Promise.all([
    deps.store.find<Proposal>('proposals', { where, orderBy, limit: q.pageSize, skip: (q.page - 1) * q.pageSize }),
    deps.store.count('proposals', where),
  ]);
  const items = publicList ? rows.map((p) => publicProposal(p, now)) : rows.map((p) => summarizeProposal(p, now));
  return { items, total, page: q.page, pageSize: q.pageSize, public: publicList };
}

const pct = (n: number, d: number) => ({ numerator: n, denominator: d, percent: d === 0 ? null : Math.round((n / d) * 1000) / 10 });

/**
 * 统计: a year's proposals (by number year) at a level, from one grouped count and one count:
 * raised, accepted, by status, results by kind, on time, satisfaction, overdue now.
 */
export async function proposalStats(deps: Deps, _caller: Caller, q: { level?: ProposalLevel; year?: number }) {
  const where: Filter = { ...(q.year ? { year: q.year } : {}), ...(q.level ? { level: q.level } : {}) };
  const [groups, overdue] = await Promise.all([
    deps.store.countBy('proposals', ['status', 'resultKind', 'timeliness', 'satisfaction'], where),
    deps.store.count('proposals', { ...where, dueAt: { lt: deps.clock.now() } }),
  ]);
  const byStatus: Record<string, number> = Object.fromEntries(PROPOSAL_STATUSES.map((s) => [s, 0]));
  const results: Record<string, number> = Object.fromEntries(RESULT_KINDS.map((k) => [k, 0]));
  const satisfaction: Record<string, number> = Object.fromEntries(RATINGS.map((r) => [r, 0]));
  let raised = 0;
  let completed = 0;
  let onTime = 0;
  for (const { key, count } of groups) {
    raised += count;
    if (typeof key.status === 'string') byStatus[key.status] = (byStatus[key.status] ?? 0) + count;
    if (typeof key.resultKind === 'string') {
      results[key.resultKind] = (results[key.resultKind] ?? 0) + count;
      completed += count;
    }
    if (key.timeliness === 'on_time') onTime += count;
    if (typeof key.satisfaction === 'string') satisfaction[key.satisfaction] = (satisfaction[key.satisfaction] ?? 0) + count;
  }
  const reviewed = raised - byStatus.submitted;
  const accepted = reviewed - byStatus.returned - byStatus.converted;
  const appraised = RATINGS.reduce((n, r) => n + satisfaction[r], 0);
  return {
    level: q.level ?? null,
    year: q.year ?? null,
    raised,
    accepted,
    byStatus,
    completed,
    results,
    onTime,
    appraised,
    satisfaction,
    overdue,
    rates: {
      accepted: { ...pct(accepted, reviewed), formula: '立案率 = 立案 ÷ 已审查（立案、转为意见建议、退回）' },
      onTime: { ...pct(onTime, completed), formula: '按期办复率 = 期限内办复 ÷ 已办复' },
      solved: { ...pct(results.solved, completed), formula: '解决率 = 已解决 ÷ 已办复' },
      satisfied: { ...pct(satisfaction.satisfied + satisfaction.basically_satisfied, appraised), formula: '满意率 = （满意 + 基本满意） ÷ 已评价' },
    },
  };
}

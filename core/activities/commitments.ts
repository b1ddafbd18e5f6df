/**
 * Service commitments (服务承诺): what a studio promises residents — accept within 2 days,
 * reply within 7, replies on time, residents satisfied — published by its liaison and shown on
 * the studio's page beside the figure measured on the register over the last 90 days
 * ("2 日内受理 — 94%"). One grouped count over the studio's items of the window measures all.
 */
import type { Deps } from '../deps';
import type { Studio } from '../directory/types';
import { forbidden, notFound, validationError } from '../errors';
import type { Caller } from '../members/types';
import type { GroupCount, StoredDoc } from '../ports/store';
import { checkText } from '../register/usecases';
import { retryOnConflict } from '../shared/retry';
import { shanghaiDate } from '../time';
import { REFUSALS, may } from './permissions';

export const COMMITMENT_CODES = ['accept', 'reply', 'onTime', 'satisfied'] as const;
export type CommitmentCode = (typeof COMMITMENT_CODES)[number];

/** The window the figures are measured over. */
export const MEASURE_DAYS = 90;
const DAY = 24 * 60 * 60 * 1000;

export interface Commitment {
  code: CommitmentCode;
  /** For `accept` and `reply`: within how many calendar days. */
  days: number | null;
  /** The studio's own words, shown under the line (optional). */
  text: string | null;
}

export interface CommitmentsDoc extends StoredDoc {
  studioId: string;
  items: Commitment[];
  publishedAt: number;
  publishedBy: string;
}

/** What a studio promises when it has published nothing yet: offered as the starting point. */
export const SUGGESTED: readonly Commitment[] = [
  { code: 'accept', days: 2, text: null },
  { code: 'reply', days: 7, text: null },
  { code: 'onTime', days: null, text: null },
  { code: 'satisfied', days: null, text: null },
];

export const commitmentLabel = (c: Pick<Commitment, 'code' | 'days'>): string =>
  c.code === 'accept' ? `${c.days} 日内受理` : c.code === 'reply' ? `${c.days} 日内答复` : c.code === 'onTime' ? '按期答复办结' : '群众满意';

const FORMULAS: Record<CommitmentCode, (days: number | null) => string> = {
  accept: (d) => `提交后 ${d} 日内受理（交办）的 ÷ (收集 − 不予受理 − 合并)`,
  reply: (d) => `提交后 ${d} 日内答复或办结的 ÷ (收集 − 不予受理 − 合并)`,
  onTime: () => '在期限内答复或办结 ÷ 已答复或已解决',
  satisfied: () => '评价满意 ÷ 已评价',
};

/** The figure of one commitment from the grouped counts of the window. */
function measure(c: Commitment, groups: GroupCount[]) {
  let num = 0;
  let den = 0;
  for (const { key, count } of groups) {
    const handled = key.status !== 'rejected' && key.status !== 'merged';
    const replied = key.outcome === 'answered' || key.outcome === 'resolved';
    if (c.code === 'accept' && handled) {
      den += count;
      if (typeof key.acceptDays === 'number' && key.acceptDays <= (c.days ?? 0)) num += count;
    } else if (c.code === 'reply' && handled) {
      den += count;
      if (typeof key.replyDays === 'number' && key.replyDays <= (c.days ?? 0)) num += count;
    } else if (c.code === 'onTime' && replied) {
      den += count;
      if (key.timeliness === 'on_time') num += count;
    } else if (c.code === 'satisfied' && key.satisfaction !== null) {
      den += count;
      if (key.satisfaction === 'satisfied') num += count;
    }
  }
  return { numerator: num, denominator: den, percent: den === 0 ? null : Math.round((num / den) * 1000) / 10, formula: FORMULAS[c.code](c.days) };
}

/**
 * 服务承诺: a studio's published commitments, each with its measured figure over the last 90
 * days (items submitted in the window). Open to everyone: it is on the studio's page.
 */
export async function studioCommitments(deps: Deps, studioId: string) {
  const now = deps.clock.now();
  const since = now - MEASURE_DAYS * DAY;
  const [studio, doc, groups] = await Promise.all([
    deps.store.get<Studio>('studios', studioId),
    deps.store.get<CommitmentsDoc>('commitments', studioId),
    deps.store.countBy('items', ['status', 'outcome', 'timeliness', 'satisfaction', 'acceptDays', 'replyDays'], { studioId, createdAt: { gte: since } }),
  ]);
  if (!studio) throw notFound('该工作室');
  const collected = groups.reduce((a, g) => a + g.count, 0);
  return {
    studioId,
    published: doc !== null,
    publishedAt: doc?.publishedAt ?? null,
    window: { days: MEASURE_DAYS, from: shanghaiDate(since), to: shanghaiDate(now), collected },
    items: (doc?.items ?? []).map((c) => ({ ...c, label: commitmentLabel(c), measured: measure(c, groups) })),
    suggested: doc ? null : SUGGESTED.map((c) => ({ ...c, label: commitmentLabel(c) })),
  };
}

/** 发布服务承诺: the studio's liaison publishes (or replaces) its commitments. */
export async function publishCommitments(deps: Deps, caller: Caller, studioId: string, items: Commitment[]) {
  if (!may(caller, 'manage', { studioId })) throw forbidden(REFUSALS.manage);
  if (!(await deps.store.get<Studio>('studios', studioId))) throw notFound('该工作室');
  if (new Set(items.map((c) => c.code)).size !== items.length) throw validationError('每项承诺只能出现一次');
  for (const c of items) {
    if ((c.code === 'accept' || c.code === 'reply') && (c.days === null || c.days < 1)) throw validationError(`“${c.code === 'accept' ? '受理' : '答复'}”承诺请填写天数`);
    if ((c.code === 'onTime' || c.code === 'satisfied') && c.days !== null) throw validationError('该项承诺不需要天数');
  }
  await checkText(deps, caller, items.map((c) => c.text ?? ''));
  const now = deps.clock.now();
  await retryOnConflict(async () => {
    const doc = { _id: studioId, studioId, items, publishedAt: now, publishedBy: caller.openid };
    const existing = await deps.store.get<CommitmentsDoc>('commitments', studioId);
    if (existing) await deps.store.update<CommitmentsDoc>('commitments', studioId, existing._v, doc);
    else await deps.store.create<CommitmentsDoc>('commitments', doc);
  });
  return studioCommitments(deps, studioId);
}

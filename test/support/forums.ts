import type { TestApp } from './app';
import { DEV_IDENTITIES, submitEvent } from './app';

/**
 * Builders for forums (党代表论坛) and proposals (代表提议), made through the real functions as
 * their users would, for the page tests and `npm run screenshots`. The clock is the test app's
 * (2026-11-02 10:00 Shanghai unless moved); each builder leaves it where the stage needs it.
 */

const { liaison, admin, representative: rep, department: dept } = DEV_IDENTITIES;
/** 陈素芬 (rep-fuying-2), bound by `bindSecondRep`. */
export const SECOND_REP = 'wx-rep-fuying-2';
const sh = (local: string) => Date.parse(`${local}+08:00`);
let seq = 0;
const rid = (p: string) => `${p}-${(seq++).toString(36).padStart(5, '0')}`;

/** Binds 陈素芬's WeChat account (once). */
export async function bindSecondRep(t: TestApp): Promise<void> {
  if (await t.store.get('members', SECOND_REP)) return;
  const { code } = await t.ok('members', admin, { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-2' });
  await t.ok('members', SECOND_REP, { action: 'bind', code });
}

/** Three residents' items on parking (with names and phones), and one on another matter. */
export async function parkingItems(t: TestApp): Promise<Array<{ id: string; no: string }>> {
  const contents = ['小区停车位太少，晚上车辆乱停占用消防通道，希望增加停车位。', '城东路两边停车难，接送孩子的车辆把路堵死了。', '老旧小区没有停车场，能否利用空地建一个停车场？'];
  const out = [];
  for (const [i, content] of contents.entries()) {
    out.push(await t.ok('register', `resident-park-${seq++}`, submitEvent({ content, contactName: `张${'一二三'[i]}`, contactPhone: `1391234500${i}` })));
  }
  await t.ok('register', `resident-other-${seq++}`, submitEvent({ content: '菜市场门口垃圾清运不及时，气味很大。', category: '生态环境' }));
  return out;
}

export type ForumStage = 'draft' | 'published' | 'ended' | 'closed' | 'cancelled';

/**
 * A township forum of 福应街道 on 2026-11-20 14:00–16:30 (王建华 and 陈素芬 taking part, 县住建局
 * invited, two parking items linked), taken to `stage`. `ended` and `closed` leave the clock at
 * 2026-11-20 17:00.
 */
export async function forumIn(t: TestApp, stage: ForumStage, options: { views?: number; topic?: string } = {}): Promise<{ id: string; proposalId: string | null }> {
  await bindSecondRep(t);
  const items = await parkingItems(t);
  const f = await t.ok('forums', liaison, {
    action: 'schedule',
    requestId: rid('forum'),
    level: 'township',
    studioId: 'studio-fuying',
    topic: options.topic ?? '破解城东片区停车难',
    description: '围绕城东片区老旧小区停车难、占用消防通道等群众反映集中的问题，听取党代表和群众意见，形成对策建议。',
    startAt: '2026-11-20T14:00:00+08:00',
    endAt: '2026-11-20T16:30:00+08:00',
    form: 'studio',
    representativeIds: ['rep-fuying-1', 'rep-fuying-2'],
    invitedDepartmentIds: ['dept-zhujian'],
    itemIds: [items[0].id, items[1].id],
  });
  if (stage === 'draft') return { id: f.id, proposalId: null };
  await t.ok('forums', liaison, { action: 'publish', id: f.id });
  for (let i = 0; i < (options.views ?? 0); i++) {
    await t.ok('forums', `resident-view-${seq++}`, { action: 'submitView', id: f.id, requestId: rid('view'), content: ['建议利用城东公园地下空间建设公共停车场。', '机关单位停车位可以夜间向居民开放。', '老旧小区内部可以挖潜增加车位。'][i % 3] });
  }
  if (stage === 'cancelled') {
    await t.ok('forums', liaison, { action: 'cancel', id: f.id, reason: '因台风预警改期举行，时间另行通知' });
    return { id: f.id, proposalId: null };
  }
  if (stage === 'published') return { id: f.id, proposalId: null };
  t.clock.set(sh('2026-11-20T17:00:00'));
  if (stage === 'ended') return { id: f.id, proposalId: null };
  const closed = await t.ok('forums', liaison, {
    action: 'close',
    id: f.id,
    attendance: ['rep-fuying-1', 'rep-fuying-2'],
    summary: '与会党代表和群众代表围绕停车难充分讨论，形成两项成果。',
    outcomes: [
      { title: '规划建设城东公共停车场', content: '建议县住建局牵头规划建设城东公共停车场，缓解老旧小区停车难。', asProposal: true },
      { title: '推行错时共享停车', content: '由街道协调辖区机关单位夜间向居民开放停车位。', asProposal: false },
    ],
  });
  return { id: f.id, proposalId: closed.outcomes[0].proposalId };
}

export const PROPOSAL_STAGES = ['submitted', 'accepted', 'dispatched', 'in_progress', 'extension', 'completed', 'reopened', 'closed'] as const;
export type ProposalStage = (typeof PROPOSAL_STAGES)[number];

/**
 * A proposal raised by 王建华 with 陈素芬, taken to `stage`: accepted, dispatched to 县住建局
 * (dev-dept) with 县交通运输局 assisting as a key proposal under 张副县长, taken, with progress
 * at 40% (a milestone), an extension asked, completed as solved, appraised not satisfied
 * (reopened) or satisfied (closed).
 */
export async function proposalIn(t: TestApp, stage: ProposalStage, title = '加快城东片区停车设施建设'): Promise<string> {
  await bindSecondRep(t);
  const { id } = await t.ok('proposals', rep, {
    action: 'raise',
    requestId: rid('ty'),
    title,
    content: '城东片区老旧小区集中，停车位缺口大，车辆占用消防通道现象突出，建议规划建设公共停车场并推进错时共享停车。',
    category: '交通出行',
    level: 'township',
    coSigners: ['rep-fuying-2'],
  });
  const at = PROPOSAL_STAGES.indexOf(stage);
  if (at >= 1) await t.ok('proposals', admin, { action: 'review', id, decision: 'accept' });
  if (at >= 2) await t.ok('proposals', admin, { action: 'dispatch', id, leadDepartmentId: 'dept-zhujian', assistingDepartmentIds: ['dept-jiaotong'], key: true, leaderName: '张副县长' });
  if (at >= 3) {
    await t.ok('proposals', dept, { action: 'accept', id });
    await t.ok('proposals', dept, { action: 'progress', id, text: '完成城东片区停车需求调查和选址论证', percent: 40, milestone: '选址论证' });
  }
  if (stage === 'extension') await t.ok('proposals', dept, { action: 'requestExtension', id, until: '2027-03-31', reason: '停车场选址需履行规划调整程序' });
  if (at >= 5 && stage !== 'extension') {
    await t.ok('proposals', dept, { action: 'progress', id, text: '城东公共停车场建成投用', percent: 100, milestone: '建成投用' });
    await t.ok('proposals', dept, { action: 'complete', id, result: 'solved', text: '城东公共停车场已建成投用，新增车位 320 个。' });
  }
  if (stage === 'reopened' || stage === 'closed') {
    const rating = stage === 'reopened' ? 'not_satisfied' : 'satisfied';
    await t.ok('proposals', rep, { action: 'appraise', id, rating });
    await t.ok('proposals', SECOND_REP, { action: 'appraise', id, rating });
  }
  return id;
}

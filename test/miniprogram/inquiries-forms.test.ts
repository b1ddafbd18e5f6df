import { DEV_IDENTITIES, exists, find, openPage, startBackend, tap, tapButton, tapText, text, type, type Backend, type View } from './support/harness';
import { phoneClockFollowsBackend } from './support/staff';

/**
 * 质询详情's forms (党内质询): clarification pauses the clock and the paused days move the due
 * date; an extension; an unsatisfied evaluation opens round 2; returning with a reason; the
 * committee's decision after the last round. Each through the page, as its user would.
 */

const { representative: rep, admin, contact } = DEV_IDENTITIES;
const DAY = 24 * 3600_000;

let seq = 0;
const raiseEvent = (over: Record<string, unknown> = {}) => ({
  action: 'raise',
  requestId: `inq-form-${(seq++).toString().padStart(4, '0')}`,
  subject: { body: 'party_committee' },
  area: 'policy',
  title: '乡村振兴重点项目推进情况',
  content: '县委部署的乡村振兴十大重点项目中，有三个项目至今未开工，请说明原因和下一步安排。',
  context: 'interim',
  ...over,
});
const REPLY = '经核实，三个项目因用地审批滞后未能开工，现已完成报批，计划下月全部开工，县委督查室跟踪督办。';

const buttons = (page: View) => page.querySelectorAll('.action').map((b) => text(find(b, '.t-button')).trim());
const part = (node: View, cls: string): string | undefined => node.dom.querySelector(`[class$="${cls}"], [class*="${cls} "]`)?.textContent?.trim();
const status = (page: View) => find(page, '.status').dom.textContent;

let backend: Backend;
beforeEach(async () => {
  backend = await startBackend();
  phoneClockFollowsBackend(backend);
});

async function accepted() {
  const q = await backend.t.ok('inquiries', rep, raiseEvent());
  return backend.t.ok('inquiries', admin, { action: 'accept', id: q.id, contactId: 'ct-xianwei-ban' });
}

/** The contact replies and records a meeting (through the back end): evaluation opens. */
async function repliedAndMet(id: string) {
  await backend.t.ok('inquiries', contact, { action: 'reply', id, text: REPLY });
  await backend.t.ok('inquiries', contact, {
    action: 'meet',
    id,
    at: backend.t.clock.now(),
    place: '县委办公室会议室',
    attendees: '陈立新、王建华',
    summary: '当面说明项目推进安排。',
  });
}

it('a clarification pauses the clock, the paused days move the due date, and the administrator extends it once', async () => {
  const q = await accepted();

  backend.as(contact);
  let page = await openPage('pages/staff/inquiry/index', { id: q.id });
  await tapButton(page, '.action-askClarification');
  await tapButton(page, '.send');
  expect(part(find(page, '.panel-ask'), 'inq-error')).toBe('请填写需要补充说明的问题');
  await type(page, '.question', '请提供三个项目的名称和所在乡镇。');
  await tapButton(page, '.send');
  expect(status(page)).toBe('待补充说明');
  expect(part(page, 'clock__big')).toBe('暂停计时');
  expect(text(page)).toContain('等待提出人补充说明，暂停期间不计入办理期限');
  expect(buttons(page)).toEqual([]);

  // Five days later the lead answers.
  backend.t.clock.set(backend.t.clock.now() + 5 * DAY);
  backend.as(rep);
  page = await openPage('pages/staff/inquiry/index', { id: q.id });
  expect(buttons(page)).toEqual(['补充说明']);
  await tapButton(page, '.action-clarify');
  expect(text(find(page, '.panel-clarify'))).toContain('问：请提供三个项目的名称和所在乡镇。');
  await type(page, '.answer', '白塔镇文旅综合体、横溪镇农产品加工园、埠头镇污水处理站。');
  await tapButton(page, '.send');
  expect(status(page)).toBe('办理中');
  expect(part(page, 'clock__big')).toBe('剩 30 天');
  expect(text(page)).toContain('书面答复期限 2026年12月7日');
  expect(text(page)).toContain('已暂停 5 天，期限相应顺延');
  expect(text(find(page, '.clarifications'))).toContain('答：白塔镇文旅综合体');

  backend.as(admin);
  page = await openPage('pages/staff/inquiry/index', { id: q.id });
  expect(buttons(page)).toEqual(['延长办理期限']);
  await tapButton(page, '.action-extend');
  find(page, '.extend-days').dispatchEvent('change', { detail: { value: '4' } });
  await backend.settle();
  expect(part(find(page, '.extend-days'), 'pick__value')).toBe('5 天');
  await tapButton(page, '.send');
  expect(part(find(page, '.panel-extend'), 'inq-error')).toBe('请填写延期理由');
  await type(page, '.extend-reason', '涉及多个部门会商');
  await tapButton(page, '.send');
  expect(text(page)).toContain('书面答复期限 2026年12月12日');
  expect(text(page)).toContain('已延长 5 天');
  expect(text(find(page, '.extensions'))).toContain('第 1 轮 · 延长 5 天：涉及多个部门会商');
  expect(backend.sent.at(-1)?.data).toEqual({ action: 'extend', id: q.id, days: 5, reason: '涉及多个部门会商' });
  // Once a round.
  expect(buttons(page)).toEqual([]);
});

it('the proposers are not satisfied: the page shows round 2 with a new 30-day clock', async () => {
  const q = await accepted();
  await repliedAndMet(q.id);
  backend.as(rep);
  const page = await openPage('pages/staff/inquiry/index', { id: q.id });
  expect(buttons(page)).toEqual(['评价']);
  await tapButton(page, '.action-evaluate');
  await tapButton(page, '.send');
  expect(part(find(page, '.panel-evaluate'), 'inq-error')).toBe('请选择满意或不满意');
  await tapText(page, '.eval-choice', '不满意');
  await type(page, '.eval-comment', '没有回答具体开工时间');
  await tapButton(page, '.send');
  expect(backend.sent.at(-1)?.data).toEqual({ action: 'evaluate', id: q.id, satisfied: false, comment: '没有回答具体开工时间' });
  expect(status(page)).toBe('办理中');
  expect(text(page)).toContain('第 2 轮（最多 3 轮）');
  expect(part(page, 'clock__big')).toBe('剩 30 天');
  expect(text(find(page, '.evaluations'))).toContain('第 1 轮 · 王建华不满意');
  expect(text(find(page, '.evaluations'))).toContain('没有回答具体开工时间');
  expect(text(find(page, '.replies'))).toContain('按期答复');
  expect(buttons(page)).toEqual([]);
});

it('the administrator returns an inquiry with a reason; the lead sees it refused, in red', async () => {
  const q = await backend.t.ok('inquiries', rep, raiseEvent());
  backend.as(admin);
  let page = await openPage('pages/staff/inquiry/index', { id: q.id });
  await tapButton(page, '.action-return');
  await type(page, '.return-reason', '属于具体问题线索，请通过信访举报渠道反映');
  await tapButton(page, '.send');
  expect(status(page)).toBe('已退回');

  backend.as(rep);
  page = await openPage('pages/staff/inquiry/index', { id: q.id });
  expect(find(page, '.status').dom.className).toContain('badge--danger');
  expect(text(find(page, '.returned'))).toContain('属于具体问题线索，请通过信访举报渠道反映');
  expect(exists(page, '.handling')).toBe(false);
});

it('after the third unsatisfied round the administrator records the committee decision, which closes it', async () => {
  const q = await accepted();
  for (let round = 1; round <= 3; round++) {
    await repliedAndMet(q.id);
    await backend.t.ok('inquiries', rep, { action: 'evaluate', id: q.id, satisfied: false });
  }
  backend.as(admin);
  const page = await openPage('pages/staff/inquiry/index', { id: q.id });
  expect(status(page)).toBe('提交党委（纪委）研究');
  expect(buttons(page)).toEqual(['登记研究决定', '问责']);
  await tapButton(page, '.action-decide');
  await type(page, '.decision-text', '责成县发改局牵头限期开工，纳入年度考核。');
  await tapButton(page, '.send');
  expect(status(page)).toBe('已办结');
  expect(find(page, '.status').dom.className).toContain('badge--success');
  expect(text(find(page, '.decision'))).toContain('责成县发改局牵头限期开工，纳入年度考核。');
  expect(text(page)).toContain('评价（提交党委（纪委）研究）');
  expect(buttons(page)).toEqual(['问责']);
});

it('a refused action keeps what was typed and says why in Chinese', async () => {
  const q = await accepted();
  backend.as(contact);
  const page = await openPage('pages/staff/inquiry/index', { id: q.id });
  await tapButton(page, '.action-reply');
  await type(page, '.reply-text', REPLY);
  // Meanwhile the contact answers from another phone.
  await backend.t.ok('inquiries', contact, { action: 'reply', id: q.id, text: REPLY });
  await tapButton(page, '.send');
  expect(part(find(page, '.handling'), 'action-error')).toMatch(/[\u4e00-\u9fff]/);
  expect(page.data.panel).toBe('reply');
  expect(page.data.f.reply.text).toBe(REPLY);
  // Pull to refresh shows where it stands now.
  await page.instance.onPullDownRefresh();
  await backend.settle();
  expect(status(page)).toBe('已书面答复');
});

it('tapping an open form button again closes it', async () => {
  const q = await accepted();
  backend.as(contact);
  const page = await openPage('pages/staff/inquiry/index', { id: q.id });
  await tapButton(page, '.action-reply');
  expect(exists(page, '.panel-reply')).toBe(true);
  await tapButton(page, '.action-reply');
  expect(exists(page, '.panel-reply')).toBe(false);
  await tap(page, '.action-askClarification', '.t-button');
  await tapButton(page, '.panel-cancel');
  expect(exists(page, '.panel-ask')).toBe(false);
});

import type { Item } from '../../core/register/item';
import { makeTestApp, submitEvent, type TestApp } from '../support/app';
import { CHINESE, accepted, submitted } from '../support/register';

/**
 * Bad input (issue 2, item 7): every action validates its event and answers VALIDATION with a
 * Chinese message naming the field, and nothing changes.
 */

let t: TestApp;
/** A submitted item of dev-resident and one accepted by dev-rep: targets for the id-bearing actions. */
let fresh: string;
let owned: string;
/** Everything the register and members hold, to compare before and after. */
let snapshot: () => Promise<unknown>;

beforeAll(async () => {
  t = await makeTestApp({ now: '2026-11-02T10:00:00+08:00' });
  fresh = (await submitted(t)).id;
  owned = (await accepted(t, 'dev-rep', 'resident-b')).id;
  snapshot = async () => ({
    items: await t.store.find<Item>('items', { orderBy: [['_id', 'asc']], limit: 1000 }),
    counters: await t.store.find('counters', { limit: 1000 }),
    members: await t.store.find('members', { orderBy: [['_id', 'asc']], limit: 1000 }),
    invites: await t.store.count('invites'),
  });
});
afterAll(() => t.close());

const long = (n: number) => '长'.repeat(n);

/** [who, function, event, a word the message must contain (the field's label)] */
type Case = [openid: string, fn: string, event: Record<string, unknown>, label: string];

const cases = (): Case[] => [
  // submit
  ['dev-resident', 'register', { action: 'submit' }, '请求标识'],
  ['dev-resident', 'register', submitEvent({ requestId: 'abc' }), '请求标识'],
  ['dev-resident', 'register', submitEvent({ requestId: 'has space in it' }), '请求标识'],
  ['dev-resident', 'register', submitEvent({ studioId: 42 }), '工作室'],
  ['dev-resident', 'register', submitEvent({ studioId: 'studio-nowhere' }), '工作室'],
  ['dev-resident', 'register', submitEvent({ category: '闲聊' }), '类别'],
  ['dev-resident', 'register', submitEvent({ content: undefined }), '反映内容'],
  ['dev-resident', 'register', submitEvent({ content: '太短' }), '反映内容'],
  ['dev-resident', 'register', submitEvent({ content: '        ' }), '反映内容'],
  ['dev-resident', 'register', submitEvent({ content: long(1001) }), '反映内容'],
  ['dev-resident', 'register', submitEvent({ content: ['路灯坏了很久了'] }), '反映内容'],
  ['dev-resident', 'register', submitEvent({ contactName: long(21) }), '联系人姓名'],
  ['dev-resident', 'register', submitEvent({ contactPhone: '12345' }), '联系电话'],
  ['dev-resident', 'register', submitEvent({ contactPhone: 13812345678 }), '联系电话'],
  ['dev-resident', 'register', submitEvent({ anonymous: 'yes' }), '匿名'],
  ['dev-resident', 'register', submitEvent({ status: 'closed' }), 'status'],
  ['dev-resident', 'register', submitEvent({ submitterOpenid: 'someone-else' }), 'submitterOpenid'],
  // mine
  ['dev-resident', 'register', { action: 'mine', page: -1 }, '页码'],
  ['dev-resident', 'register', { action: 'mine', page: 0 }, '页码'],
  ['dev-resident', 'register', { action: 'mine', page: 1.5 }, '页码'],
  ['dev-resident', 'register', { action: 'mine', page: '2' }, '页码'],
  ['dev-resident', 'register', { action: 'mine', pageSize: 500 }, '每页条数'],
  ['dev-resident', 'register', { action: 'mine', pageSize: 0 }, '每页条数'],
  ['dev-resident', 'register', { action: 'mine', openid: 'dev-admin' }, 'openid'],
  // get
  ['dev-resident', 'register', { action: 'get' }, '编号'],
  ['dev-resident', 'register', { action: 'get', id: 7 }, '编号'],
  ['dev-resident', 'register', { action: 'get', id: '../items' }, '编号'],
  ['dev-resident', 'register', { action: 'get', id: 'x'.repeat(65) }, '编号'],
  ['dev-resident', 'register', { action: 'get', id: { $ne: null } }, '编号'],
  // inbox
  ['dev-liaison', 'register', { action: 'inbox', status: 'open' }, '状态'],
  ['dev-liaison', 'register', { action: 'inbox', overdue: 'yes' }, '逾期'],
  ['dev-liaison', 'register', { action: 'inbox', page: -3 }, '页码'],
  ['dev-liaison', 'register', { action: 'inbox', pageSize: 500 }, '每页条数'],
  ['dev-liaison', 'register', { action: 'inbox', studioId: 'studio/*' }, '工作室'],
  // accept
  ['dev-rep', 'register', { action: 'accept' }, '编号'],
  ['dev-rep', 'register', { action: 'accept', id: null }, '编号'],
  ['dev-rep', 'register', { action: 'accept', id: '', owner: 'me' }, '编号'],
  // assign
  ['dev-liaison', 'register', { action: 'assign', id: '' }, '编号'],
  ['dev-liaison', 'register', { action: 'assign', id: '__ID__' }, '党代表'],
  ['dev-liaison', 'register', { action: 'assign', id: '__ID__', representativeId: 5 }, '党代表'],
  ['dev-liaison', 'register', { action: 'assign', id: '__ID__', representativeId: 'rep-nobody' }, '党代表'],
  // answer
  ['dev-rep', 'register', { action: 'answer', id: '__OWNED__' }, '答复内容'],
  ['dev-rep', 'register', { action: 'answer', id: '__OWNED__', reply: '' }, '答复内容'],
  ['dev-rep', 'register', { action: 'answer', id: '__OWNED__', reply: '好' }, '答复内容'],
  ['dev-rep', 'register', { action: 'answer', id: '__OWNED__', reply: long(2001) }, '答复内容'],
  ['dev-rep', 'register', { action: 'answer', id: '__OWNED__', reply: 12345 }, '答复内容'],
  ['dev-rep', 'register', { action: 'answer', id: '__OWNED__', reply: '已处理好了', status: 'closed' }, 'status'],
  // promise
  ['dev-rep', 'register', { action: 'promise', id: '__OWNED__', deadline: '2026-02-30', note: '协调后答复' }, '期限'],
  ['dev-rep', 'register', { action: 'promise', id: '__OWNED__', deadline: '2026/11/10', note: '协调后答复' }, '期限'],
  ['dev-rep', 'register', { action: 'promise', id: '__OWNED__', deadline: '20261110', note: '协调后答复' }, '期限'],
  ['dev-rep', 'register', { action: 'promise', id: '__OWNED__', deadline: 1793000000000, note: '协调后答复' }, '期限'],
  ['dev-rep', 'register', { action: 'promise', id: '__OWNED__', deadline: '2026-11-10' }, '说明'],
  ['dev-rep', 'register', { action: 'promise', id: '__OWNED__', deadline: '2026-11-01', note: '协调后答复' }, '期限'],
  ['dev-rep', 'register', { action: 'promise', id: '__OWNED__', deadline: '2028-01-01', note: '协调后答复' }, '期限'],
  // refer
  ['dev-liaison', 'register', { action: 'refer', id: '__OWNED__', deadline: '2026-11-30' }, '有关单位'],
  ['dev-liaison', 'register', { action: 'refer', id: '__OWNED__', departmentId: 'dept-zhujian', deadline: '2026-13-01' }, '期限'],
  ['dev-liaison', 'register', { action: 'refer', id: '__OWNED__', departmentId: 'dept-zhujian', deadline: '2026-04-31' }, '期限'],
  ['dev-liaison', 'register', { action: 'refer', id: '__OWNED__', departmentId: 'dept-zhujian', deadline: '2026-11-30', note: long(501) }, '说明'],
  ['dev-liaison', 'register', { action: 'refer', id: '__OWNED__', departmentId: 'dept-nowhere', deadline: '2026-11-30' }, '有关单位'],
  // recordReferralResult
  ['dev-liaison', 'register', { action: 'recordReferralResult', id: '__OWNED__' }, '办理结果'],
  ['dev-liaison', 'register', { action: 'recordReferralResult', id: '__OWNED__', result: long(2001) }, '办理结果'],
  // resolve
  ['dev-rep', 'register', { action: 'resolve', id: '__OWNED__', reply: ' ' }, '办结说明'],
  ['dev-rep', 'register', { action: 'resolve', id: '__OWNED__', reply: long(2001) }, '办结说明'],
  // reject
  ['dev-liaison', 'register', { action: 'reject', id: '__ID__' }, '理由'],
  ['dev-liaison', 'register', { action: 'reject', id: '__ID__', reason: '重' }, '理由'],
  ['dev-liaison', 'register', { action: 'reject', id: '__ID__', reason: long(501) }, '理由'],
  // feedback
  ['dev-resident', 'register', { action: 'feedback', id: '__ID__' }, '是否满意'],
  ['dev-resident', 'register', { action: 'feedback', id: '__ID__', satisfied: 'yes' }, '是否满意'],
  ['dev-resident', 'register', { action: 'feedback', id: '__ID__', satisfied: 1 }, '是否满意'],
  ['dev-resident', 'register', { action: 'feedback', id: '__ID__', satisfied: true, comment: long(501) }, '评价意见'],
  // stats
  ['dev-admin', 'register', { action: 'stats' }, '统计范围'],
  ['dev-admin', 'register', { action: 'stats', scope: 'world' }, '统计范围'],
  ['dev-admin', 'register', { action: 'stats', scope: 'county', from: '2026-02-30' }, '开始日期'],
  ['dev-admin', 'register', { action: 'stats', scope: 'county', to: 'tomorrow' }, '结束日期'],
  ['dev-admin', 'register', { action: 'stats', scope: 'county', from: '2026-12-01', to: '2026-11-01' }, '日期'],
  ['dev-admin', 'register', { action: 'stats', scope: 'studio' }, '工作室'],
  ['dev-admin', 'register', { action: 'stats', scope: 'township' }, '乡镇'],
  // members
  ['dev-resident', 'members', { action: 'me', openid: 'dev-admin' }, 'openid'],
  ['dev-admin', 'members', { action: 'invite' }, '类型'],
  ['dev-admin', 'members', { action: 'invite', kind: 'boss' }, '类型'],
  ['dev-admin', 'members', { action: 'invite', kind: 'representative' }, '党代表'],
  ['dev-admin', 'members', { action: 'invite', kind: 'representative', representativeId: 'rep-nobody' }, '党代表'],
  ['dev-admin', 'members', { action: 'invite', kind: 'liaison', studioIds: [] }, '工作室'],
  ['dev-admin', 'members', { action: 'invite', kind: 'liaison', studioIds: 'studio-fuying' }, '工作室'],
  ['dev-admin', 'members', { action: 'invite', kind: 'liaison', studioIds: ['studio-nowhere'] }, '工作室'],
  ['dev-resident', 'members', { action: 'bind' }, '邀请码'],
  ['dev-resident', 'members', { action: 'bind', code: 'abc' }, '邀请码'],
  ['dev-resident', 'members', { action: 'bind', code: 12345678 }, '邀请码'],
  // directory
  ['dev-resident', 'directory', { action: 'townships', page: 2 }, 'page'],
  ['dev-resident', 'directory', { action: 'studios', kind: 'temple' }, '类型'],
  ['dev-resident', 'directory', { action: 'studios', townshipId: '福应' }, '乡镇'],
  ['dev-resident', 'directory', { action: 'studio' }, '编号'],
  ['dev-resident', 'directory', { action: 'studio', id: 'a b' }, '编号'],
];

describe('malformed events answer VALIDATION in Chinese and change nothing', () => {
  it.each(cases().map((c) => [`${c[1]}.${String(c[2].action)} ${JSON.stringify(c[2]).slice(0, 90)}`, ...c] as const))(
    '%s',
    async (_name, openid, fn, rawEvent, label) => {
      const event = JSON.parse(JSON.stringify(rawEvent).replaceAll('__ID__', fresh).replaceAll('__OWNED__', owned));
      const before = await snapshot();
      const r = await t.call(fn, openid, event);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toMatch(CHINESE);
      expect(r.error.message).toContain(label);
      expect(await snapshot()).toEqual(before);
    },
  );
});

describe('events that are not requests at all', () => {
  it.each([
    ['null', null],
    ['a string', 'submit'],
    ['a number', 42],
    ['an array', [{ action: 'submit' }]],
  ])('a non-object event (%s) answers VALIDATION', async (_n, event) => {
    const before = await snapshot();
    const r = await t.app.call('register', event, 'dev-resident');
    expect(r).toEqual({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(CHINESE) } });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['an unknown action', { action: 'drop' }],
    ['no action', { id: 'x' }],
    ['an action that is not a string', { action: ['submit'] }],
    ['an inherited property as action', { action: 'constructor' }],
    ['an inherited property as action', { action: '__proto__' }],
  ])('%s answers VALIDATION naming the known actions', async (_n, event) => {
    const before = await snapshot();
    const r = await t.call('register', 'dev-resident', event);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.message).toMatch(/未知的操作/);
    expect(r.error.details).toEqual({ actions: expect.arrayContaining(['submit', 'feedback', 'stats']) });
    expect(await snapshot()).toEqual(before);
  });

  it('an unknown function answers NOT_FOUND', async () => {
    expect(await t.fails('nope', 'dev-resident', { action: 'x' })).toBe('NOT_FOUND');
    expect(await t.fails('toString', 'dev-resident', { action: 'x' })).toBe('NOT_FOUND');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too long', 'o'.repeat(129)],
  ])('a %s openid answers UNAUTHENTICATED and stores nothing', async (_n, openid) => {
    const before = await snapshot();
    const r = await t.call('register', openid, submitEvent());
    expect(r).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(CHINESE) } });
    expect(await t.fails('members', openid, { action: 'me' })).toBe('UNAUTHENTICATED');
    expect(await snapshot()).toEqual(before);
  });

  it('the platform’s userInfo in an event is not taken for input', async () => {
    const r = await t.call('register', 'dev-resident', { action: 'mine', userInfo: { appId: 'wx123', openId: 'dev-admin' } });
    expect(r.ok).toBe(true);
  });

  it('an identity in the event is never the caller', async () => {
    const r = await t.call('members', 'resident-z', { action: 'me', userInfo: { openId: 'dev-admin' } });
    expect(r).toMatchObject({ ok: true, data: { openid: 'resident-z', role: 'resident' } });
  });
});

describe('validation messages', () => {
  it('name every bad field in details', async () => {
    const r = await t.call('register', 'dev-resident', { action: 'submit', requestId: 'abc', category: 'x' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const issues = (r.error.details as { issues: Array<{ path: string; message: string }> }).issues;
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['requestId', 'studioId', 'category', 'content']));
    for (const i of issues) expect(i.message).toMatch(CHINESE);
  });
});

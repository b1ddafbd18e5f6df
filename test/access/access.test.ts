import net from 'node:net';
import { startLocalHost, type HttpAnswer, type LocalHost } from '../support/localHost';

/**
 * The access suite (issue 11, docs/security.md): the real local cloud (`npm start`'s
 * local/main.ts, a child process on 127.0.0.1) driven over HTTP as an outsider and as every
 * role would drive it. One check per hole of issue 11 and per rule of the access model; the
 * rules' numbers (A1…) are those of docs/security.md. `npx jest test/access` runs it alone.
 */
let host: LocalHost;
beforeAll(async () => {
  host = await startLocalHost();
  await setClock('2026-11-02T10:00:00+08:00');
}, 60_000);
afterAll(async () => {
  await host.dispose();
});

const RESIDENT = 'dev-resident';
const REP = 'dev-rep';
const LIAISON = 'dev-liaison';
const ADMIN = 'dev-admin';
const CONTACT = 'dev-contact';
const STUDIO = 'studio-fuying';

let seq = 0;
const rid = (p = 'acc') => `${p}-${(++seq).toString().padStart(6, '0')}`;
const setClock = (now: string) => host.request('POST', '/dev/clock', { body: { now } });
const call = (fn: string, openid: string | undefined, event: Record<string, unknown> | string): Promise<HttpAnswer> => host.call(fn, openid, event);
const ok = async (fn: string, openid: string, event: Record<string, unknown>) => {
  const r = await call(fn, openid, event);
  if (r.status !== 200) throw new Error(`${fn}.${String(event.action)} as ${openid}: ${r.status} ${r.text}`);
  return r.body.data;
};
/** The error code (and HTTP status) of a refused call. */
const refused = async (fn: string, openid: string | undefined, event: Record<string, unknown> | string) => {
  const r = await call(fn, openid, event);
  return r.status === 200 ? 'OK' : `${r.status} ${r.body.error.code}`;
};
const submit = (openid: string, over: Record<string, unknown> = {}) =>
  ok('register', openid, {
    action: 'submit',
    requestId: rid('sub'),
    studioId: STUDIO,
    category: '交通出行',
    content: '小区门口的路灯坏了一个多月，晚上出行不安全。',
    contactName: '李明',
    contactPhone: '13812345678',
    ...over,
  });
async function bind(openid: string, kind: 'representative' | 'liaison', target: string) {
  const { code } = await ok('members', ADMIN, kind === 'representative' ? { action: 'invite', kind, representativeId: target } : { action: 'invite', kind, studioIds: [target] });
  await ok('members', openid, { action: 'bind', code });
}
async function reception(startAt: string, endAt: string, publish = true) {
  const r = await ok('receptions', LIAISON, { action: 'schedule', studioId: STUDIO, startAt, endAt, form: 'studio', topic: '老旧小区改造意见征集', representativeIds: ['rep-fuying-1'], capacity: 20 });
  return publish ? ok('receptions', LIAISON, { action: 'publish', id: r.id }) : r;
}

describe('the eight holes of issue 11, closed', () => {
  it('hole 1: a liaison who owned an item and rebinds as another studio’s representative cannot read or answer it; it is back in the queue', async () => {
    await bind('acc-liaison-1', 'liaison', STUDIO);
    const item = await submit('acc-res-1');
    await ok('register', 'acc-liaison-1', { action: 'accept', id: item.id });
    await bind('acc-liaison-1', 'representative', 'rep-anzhou-1');
    expect(await refused('register', 'acc-liaison-1', { action: 'get', id: item.id })).toBe('404 NOT_FOUND');
    expect(await refused('register', 'acc-liaison-1', { action: 'answer', id: item.id, reply: '我来答复这个问题' })).toBe('404 NOT_FOUND');
    const seen = await ok('register', LIAISON, { action: 'get', id: item.id });
    expect(seen).toMatchObject({ status: 'submitted', owner: null });
    expect(seen.timeline.at(-1)).toMatchObject({ action: 'release' });
  });

  it('hole 2: a representative who submits to their own studio cannot rate its handling; the satisfaction rate does not move', async () => {
    const before = (await ok('register', ADMIN, { action: 'stats', scope: 'studio', id: STUDIO })).rates.satisfied;
    const item = await submit(REP);
    await ok('register', REP, { action: 'accept', id: item.id });
    await ok('register', REP, { action: 'answer', id: item.id, reply: '已经联系城管处理' });
    expect(await refused('register', REP, { action: 'feedback', id: item.id, satisfied: true })).toBe('403 FORBIDDEN');
    expect((await ok('register', ADMIN, { action: 'stats', scope: 'studio', id: STUDIO })).rates.satisfied).toEqual(before);
  });

  it('hole 3: the timer is no callable function here, and in the cloud runs only from its trigger (test/cloudfunctions/entries.test.ts)', async () => {
    expect(await refused('reminders', RESIDENT, { action: 'run' })).toBe('404 NOT_FOUND');
    expect(await refused('reminders', undefined, { Type: 'Timer', TriggerName: 'reminders' })).toBe('404 NOT_FOUND');
  });

  it('hole 4: wrong codes lock binding after 5 per openid, even for a right code; unknown and used codes answer alike', async () => {
    const { code } = await ok('members', ADMIN, { action: 'invite', kind: 'representative', representativeId: 'rep-baita-1' });
    await ok('members', 'acc-first', { action: 'bind', code });
    const used = await call('members', 'acc-guesser', { action: 'bind', code });
    const unknown = await call('members', 'acc-guesser', { action: 'bind', code: 'ZZZZZZZZ' });
    expect([used.status, used.body]).toEqual([unknown.status, unknown.body]);
    const started = Date.now();
    for (let i = 0; i < 3; i++) await call('members', 'acc-guesser', { action: 'bind', code: `ZZZZZZZ${i + 2}` });
    const fresh = await ok('members', ADMIN, { action: 'invite', kind: 'representative', representativeId: 'rep-baita-2' });
    const answers = await Promise.all(Array.from({ length: 20 }, () => refused('members', 'acc-guesser', { action: 'bind', code: 'YYYYYYYY' })));
    expect(new Set(answers)).toEqual(new Set(['429 RATE_LIMITED']));
    expect(await refused('members', 'acc-guesser', { action: 'bind', code: fresh.code })).toBe('429 RATE_LIMITED');
    expect((await ok('members', 'acc-guesser', { action: 'me' })).role).toBe('resident');
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('hole 5: after 5 submits in an hour a booking with a question is refused and registers nothing', async () => {
    const r = await reception('2026-11-12T09:00:00+08:00', '2026-11-12T11:00:00+08:00');
    for (let i = 0; i < 5; i++) await submit('acc-busy');
    expect(await refused('receptions', 'acc-busy', { action: 'book', id: r.id, requestId: rid(), question: '小区加装电梯的费用如何分摊？' })).toBe('429 RATE_LIMITED');
    expect((await ok('register', 'acc-busy', { action: 'mine' })).total).toBe(5);
    expect((await ok('receptions', 'acc-busy', { action: 'get', id: r.id })).myBooking).toBeNull();
  });

  it('hole 6: walk-ins only at a published reception, from 2 hours before to 2 hours after it', async () => {
    const r = await reception('2026-11-11T09:00:00+08:00', '2026-11-11T11:00:00+08:00');
    const walkIn = () => ({ action: 'walkIn', id: r.id, requestId: rid('walk'), category: '民生服务', content: '独居老人希望社区定期上门探访。' });
    expect(await refused('receptions', REP, walkIn())).toBe('409 INVALID_STATE');
    await setClock('2026-11-11T06:59:00+08:00');
    expect(await refused('receptions', REP, walkIn())).toBe('409 INVALID_STATE');
    await setClock('2026-11-11T07:00:00+08:00');
    expect((await ok('receptions', REP, walkIn())).channel).toBe('reception');
    await setClock('2026-11-11T12:59:30+08:00'); // the dev clock runs on from the instant it is set
    expect((await ok('receptions', REP, walkIn())).channel).toBe('reception');
    await setClock('2026-11-11T13:01:00+08:00');
    expect(await refused('receptions', REP, walkIn())).toBe('409 INVALID_STATE');
    await setClock('2026-11-02T10:00:00+08:00');
  });

  it('hole 7: an anonymous item from a representative names nobody to the other studio’s liaison', async () => {
    await bind('acc-liaison-anzhou', 'liaison', 'studio-anzhou');
    const item = await submit(REP, { studioId: 'studio-anzhou', anonymous: true, contactName: undefined, contactPhone: undefined });
    const seen = await ok('register', 'acc-liaison-anzhou', { action: 'get', id: item.id });
    expect(seen.timeline[0]).toMatchObject({ action: 'submit', actorRole: 'resident', actorName: '反映人' });
    expect(JSON.stringify(seen)).not.toContain('王建华');
  });

  it('hole 8: someone else’s draft reception is NOT_FOUND for every action, as a missing one', async () => {
    const draft = await reception('2026-11-20T09:00:00+08:00', '2026-11-20T11:00:00+08:00', false);
    const events = (id: string) => [
      { action: 'publish', id },
      { action: 'cancel', id, reason: '改期另行通知' },
      { action: 'close', id, attendance: 3, summary: '接待群众 3 人' },
      { action: 'walkIn', id, requestId: rid(), category: '民生服务', content: '独居老人希望社区定期上门探访。' },
      { action: 'get', id },
      { action: 'book', id, requestId: rid() },
      { action: 'notice', id },
    ];
    for (const who of ['acc-liaison-anzhou', REP, RESIDENT]) {
      for (const [a, b] of events(draft.id).map((e, i) => [e, events('rc-missing-one')[i]])) {
        const [x, y] = [await call('receptions', who, a), await call('receptions', who, b)];
        expect([x.status, x.body]).toEqual([404, y.body]);
      }
    }
    expect((await host.request('GET', `/receptions/${draft.id}/notice`)).status).toBe(404);
  });
});

describe('the access model (docs/security.md)', () => {
  it('A1 identity comes only from the verified openid: none is 401, an openid in the event is refused', async () => {
    expect(await refused('register', undefined, { action: 'mine' })).toBe('401 UNAUTHENTICATED');
    expect(await refused('register', RESIDENT, { action: 'mine', openid: ADMIN })).toBe('400 VALIDATION');
    // userInfo (which wx.cloud adds) is ignored, whatever it says.
    expect((await ok('members', RESIDENT, { action: 'me', userInfo: { openId: ADMIN } })).role).toBe('resident');
  });

  it('A2 malformed input and unknown actions change nothing: 400', async () => {
    expect(await refused('register', RESIDENT, '{"action":')).toBe('400 VALIDATION');
    expect(await refused('register', RESIDENT, { action: 'dropTables' })).toBe('400 VALIDATION');
    expect(await refused('register', RESIDENT, { action: 'submit', requestId: 'x', studioId: STUDIO, category: '交通出行', content: '短' })).toBe('400 VALIDATION');
  });

  it('A3 a resident sees only their own items; another’s is NOT_FOUND', async () => {
    const item = await submit('acc-res-a');
    expect(await refused('register', 'acc-res-b', { action: 'get', id: item.id })).toBe('404 NOT_FOUND');
    expect((await ok('register', 'acc-res-b', { action: 'mine' })).total).toBe(0);
  });

  it('A4 staff see only their studios’ items; an administrator every studio', async () => {
    const item = await submit('acc-res-c', { studioId: 'studio-anzhou' });
    expect(await refused('register', REP, { action: 'get', id: item.id })).toBe('404 NOT_FOUND');
    expect(await refused('register', LIAISON, { action: 'inbox', studioId: 'studio-anzhou' })).toBe('403 FORBIDDEN');
    expect((await ok('register', ADMIN, { action: 'get', id: item.id })).id).toBe(item.id);
  });

  it('A5 residents have no queue, workbench or statistics', async () => {
    for (const action of ['inbox', 'workbench']) expect(await refused('register', RESIDENT, { action })).toBe('403 FORBIDDEN');
    expect(await refused('register', RESIDENT, { action: 'stats', scope: 'studio', id: STUDIO })).toBe('403 FORBIDDEN');
    expect(await refused('register', REP, { action: 'stats', scope: 'county' })).toBe('403 FORBIDDEN');
  });

  it('A6 a resident’s name and phone are in full for the submitter only; lists and views mask them for everyone else', async () => {
    const item = await submit('acc-res-d', { contactName: '赵六顺', contactPhone: '13900006666' });
    expect((await ok('register', 'acc-res-d', { action: 'get', id: item.id })).contact).toMatchObject({ phone: '13900006666', masked: false });
    for (const who of [REP, LIAISON, ADMIN]) {
      for (const answer of [await ok('register', who, { action: 'get', id: item.id }), await ok('register', who, { action: 'inbox', pageSize: 50 })]) {
        expect(JSON.stringify(answer)).not.toContain('13900006666');
        expect(JSON.stringify(answer)).not.toContain('赵六顺');
      }
    }
  });

  it('A7 the studio’s liaison reveals a contact only through showContact, which is logged; administrators list who viewed whose data', async () => {
    const item = await submit('acc-res-e');
    expect(await refused('register', REP, { action: 'showContact', id: item.id })).toBe('403 FORBIDDEN');
    expect((await ok('register', LIAISON, { action: 'showContact', id: item.id })).phone).toBe('13812345678');
    const log = await ok('members', ADMIN, { action: 'audit', log: 'reads', itemId: item.id });
    expect(log.items).toEqual([expect.objectContaining({ by: LIAISON, subject: 'acc-res-e', itemNo: item.no, what: 'contact' })]);
    expect(await refused('members', LIAISON, { action: 'audit', log: 'reads' })).toBe('403 FORBIDDEN');
  });

  it('A8 an anonymous item’s contact is never shown or revealable to staff', async () => {
    const item = await submit('acc-res-f', { anonymous: true });
    expect((await ok('register', LIAISON, { action: 'get', id: item.id })).contact).toEqual({ name: null, phone: null, masked: true, revealable: false });
    expect(await refused('register', LIAISON, { action: 'showContact', id: item.id })).toBe('403 FORBIDDEN');
  });

  it('A9 separation of duties: a liaison rating an item of their own studio is refused', async () => {
    const item = await submit(LIAISON);
    await ok('register', LIAISON, { action: 'accept', id: item.id });
    const done = await ok('register', LIAISON, { action: 'resolve', id: item.id, reply: '已经协调解决了' });
    expect(done.actions).not.toContain('feedback');
    expect(await refused('register', LIAISON, { action: 'feedback', id: item.id, satisfied: true })).toBe('403 FORBIDDEN');
  });

  it('A10 a retried request is the same item for its sender only; the submit limit holds', async () => {
    const requestId = rid('same');
    const a = await submit('acc-res-g', { requestId });
    const b = await submit('acc-res-h', { requestId });
    expect(a.id).not.toBe(b.id);
    expect((await submit('acc-res-g', { requestId })).id).toBe(a.id);
    for (let i = 0; i < 4; i++) await submit('acc-res-g');
    expect(await refused('register', 'acc-res-g', { action: 'submit', requestId: rid(), studioId: STUDIO, category: '交通出行', content: '第六条意见，超过每小时上限。' })).toBe('429 RATE_LIMITED');
  });

  it('A11 a draft reception exists only for its managers; a published one only its managers publish, cancel or close', async () => {
    const draft = await reception('2026-11-21T09:00:00+08:00', '2026-11-21T11:00:00+08:00', false);
    expect((await ok('receptions', ADMIN, { action: 'get', id: draft.id })).status).toBe('draft');
    const pub = await ok('receptions', LIAISON, { action: 'publish', id: draft.id });
    expect(await refused('receptions', REP, { action: 'cancel', id: pub.id, reason: '临时有事' })).toBe('403 FORBIDDEN');
    expect(await refused('receptions', RESIDENT, { action: 'close', id: pub.id, attendance: 1, summary: '接待顺利' })).toBe('403 FORBIDDEN');
  });

  it('A12 representatives’ own mobile and WeChat id reach residents only with their consent; otherwise the studio’s phone', async () => {
    const r = await reception('2026-11-22T09:00:00+08:00', '2026-11-22T11:00:00+08:00');
    const shown = async () => (await ok('receptions', RESIDENT, { action: 'get', id: r.id })).representatives[0];
    expect(await shown()).toMatchObject({ viaStudio: true, wechat: '' });
    expect((await host.request('GET', `/receptions/${r.id}/notice`)).text).toContain('（工作室）');
    await ok('members', REP, { action: 'consent', contactPublic: true });
    expect(await shown()).toMatchObject({ viaStudio: false, phone: expect.stringMatching(/^1\d{10}$/) });
    await ok('members', REP, { action: 'consent', contactPublic: false });
    expect(await refused('members', RESIDENT, { action: 'consent', contactPublic: true })).toBe('403 FORBIDDEN');
  });

  it('A13 inquiries are confidential to their proposers, the named contact and administrators; the contact can never be a proposer', async () => {
    const q = await ok('inquiries', REP, {
      action: 'raise', requestId: rid('inq'), subject: { body: 'party_committee' }, area: 'hot_issues', title: '城区交通拥堵治理进展',
      content: '党员群众反映城区上下班高峰拥堵严重，县委年初部署的交通治堵工作进展如何，下一步有何举措？', coSigners: [], context: 'interim',
    });
    for (const who of [RESIDENT, LIAISON, CONTACT]) expect(await refused('inquiries', who, { action: 'get', id: q.id })).toBe('404 NOT_FOUND');
    expect((await ok('inquiries', ADMIN, { action: 'get', id: q.id })).id).toBe(q.id);
    expect(await refused('inquiries', CONTACT, {
      action: 'raise', requestId: rid('inq'), subject: { body: 'party_committee' }, area: 'hot_issues', title: '联系人不能提出质询',
      content: '质询对象联系人尝试以党代表身份提出质询，应当被拒绝。', coSigners: [], context: 'interim',
    })).toBe('403 FORBIDDEN');
  });

  it('A14 invitations: liaisons and administrators only, a liaison for their own studios; a liaison’s liaison waits for approval', async () => {
    expect(await refused('members', REP, { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-3' })).toBe('403 FORBIDDEN');
    expect(await refused('members', LIAISON, { action: 'invite', kind: 'representative', representativeId: 'rep-anzhou-2' })).toBe('403 FORBIDDEN');
    expect(await refused('members', LIAISON, { action: 'invite', kind: 'contact', contactId: 'ct-jiwei-ban' })).toBe('403 FORBIDDEN');
    const inv = await ok('members', LIAISON, { action: 'invite', kind: 'liaison', studioIds: [STUDIO] });
    expect(inv.pending).toBe(true);
    expect(await refused('members', 'acc-new-liaison', { action: 'bind', code: inv.code })).toBe('404 NOT_FOUND');
    expect(await refused('members', LIAISON, { action: 'decide', code: inv.code, approve: true })).toBe('403 FORBIDDEN');
    await ok('members', ADMIN, { action: 'decide', code: inv.code, approve: true });
    await ok('members', 'acc-new-liaison', { action: 'bind', code: inv.code });
    expect((await ok('members', 'acc-new-liaison', { action: 'me' })).role).toBe('liaison');
  });

  it('A15 the roster: administrators everyone, a liaison their studios’ representatives and liaisons, nobody else', async () => {
    const ids = (await ok('members', LIAISON, { action: 'list', pageSize: 50 })).items.map((m: { id: string }) => m.id);
    expect(ids).toEqual(expect.arrayContaining([REP, LIAISON]));
    expect(ids).not.toEqual(expect.arrayContaining([ADMIN]));
    expect(ids).not.toContain('acc-liaison-anzhou');
    expect((await ok('members', ADMIN, { action: 'list', pageSize: 50 })).items.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([ADMIN, 'acc-liaison-anzhou']));
    for (const who of [RESIDENT, REP, CONTACT]) expect(await refused('members', who, { action: 'list' })).toBe('403 FORBIDDEN');
  });

  it('A16 revocation: in scope only, never oneself; the account is a resident at once and its items go back, in the grants log', async () => {
    await bind('acc-rep-2', 'representative', 'rep-fuying-2');
    const item = await submit('acc-res-i');
    await ok('register', 'acc-rep-2', { action: 'accept', id: item.id });
    expect(await refused('members', 'acc-liaison-anzhou', { action: 'revoke', id: 'acc-rep-2' })).toBe('404 NOT_FOUND');
    expect(await refused('members', LIAISON, { action: 'revoke', id: LIAISON })).toBe('403 FORBIDDEN');
    expect(await ok('members', LIAISON, { action: 'revoke', id: 'acc-rep-2' })).toMatchObject({ role: 'resident', released: 1 });
    expect((await ok('members', 'acc-rep-2', { action: 'me' })).role).toBe('resident');
    expect(await refused('register', 'acc-rep-2', { action: 'inbox' })).toBe('403 FORBIDDEN');
    expect((await ok('register', LIAISON, { action: 'get', id: item.id })).status).toBe('submitted');
    const log = await ok('members', ADMIN, { action: 'audit', log: 'grants', subject: 'acc-rep-2' });
    expect(log.items.map((g: { kind: string }) => g.kind).sort()).toEqual(['grant', 'revoke']);
  });

  it('A17 photos: only an image this caller uploaded is accepted; a file id pointing elsewhere is refused', async () => {
    expect(await refused('register', RESIDENT, { action: 'submit', requestId: rid(), studioId: STUDIO, category: '交通出行', content: '路口的护栏被撞坏了，请尽快修复。', photos: ['cloud://other-env.7465-other-env/exports/register/all.xlsx'] })).toBe('400 VALIDATION');
    expect(await refused('register', RESIDENT, { action: 'submit', requestId: rid(), studioId: STUDIO, category: '交通出行', content: '路口的护栏被撞坏了，请尽快修复。', photos: [`local://uploads/${'b'.repeat(32)}.jpg`] })).toBe('400 VALIDATION');
  });

  it('A18 a resident erases their own contact data; the items stay, anonymous', async () => {
    const item = await submit('acc-res-j');
    expect(await ok('members', 'acc-res-j', { action: 'forgetMe', confirm: true })).toMatchObject({ items: 1 });
    expect((await ok('register', 'acc-res-j', { action: 'get', id: item.id })).contact).toMatchObject({ name: null, phone: null });
    expect((await ok('register', LIAISON, { action: 'get', id: item.id })).anonymous).toBe(true);
  });

  it('A19 the local host listens on 127.0.0.1 only', async () => {
    const port = Number(new URL(host.url).port);
    const tryConnect = (address: string) =>
      new Promise<string>((resolve) => {
        const s = net.connect({ host: address, port }, () => (s.destroy(), resolve('connected')));
        s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
    expect(await tryConnect('127.0.0.1')).toBe('connected');
    // Another loopback address: a host bound to 0.0.0.0 would answer it; one bound to 127.0.0.1 does not.
    expect(await tryConnect('127.0.0.2')).toBe('ECONNREFUSED');
  });
});

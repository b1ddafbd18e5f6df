import { createCloudBaseStore } from '../../core/adapters/cloudbase/store';
import { cloudFiles } from '../../core/adapters/wechat/files';
import type { Read } from '../../core/privacy/reads';
import type { OutboxMessage } from '../../core/outbox/outbox';
import { COLLECTIONS } from '../../core/ports/store';
import { uploadDirOf } from '../../core/ports/files';
import type { Item, ItemView } from '../../core/register/item';
import { installFakeCloudbase } from '../support/fakeCloudbase';
import { fakeCloudStorage, JPEG_STUB } from '../support/cloudStorage';
import { DEV_IDENTITIES, DEV_REP_ID, DEV_STUDIO_ID, makeTestApp, requestId, submitEvent, type TestApp } from '../support/app';
import { answered, bindMember, stored, submitted } from '../support/register';

/** The audit of reads, representatives' consent, retention, forgetMe and photo checks (issue 11). */

const { representative: rep, liaison, admin, resident } = DEV_IDENTITIES;
const DAY = 24 * 60 * 60 * 1000;
const sh = (local: string) => Date.parse(`${local}+08:00`);

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

describe('the audit of reads', () => {
  it('the liaison sees a resident’s phone only through showContact, each reveal logged with who, when and which item', async () => {
    const item = await submitted(t);
    const view = await t.ok<ItemView>('register', liaison, { action: 'get', id: item.id });
    expect(JSON.stringify(view)).not.toContain('13812345678');
    expect(JSON.stringify(await t.ok('register', liaison, { action: 'inbox' }))).not.toContain('13812345678');
    expect(await t.store.count('reads')).toBe(0);

    t.clock.advance(60_000);
    const revealedAt = t.clock.now();
    const shown = await t.ok('register', liaison, { action: 'showContact', id: item.id });
    expect(shown).toMatchObject({ name: '李明', phone: '13812345678', no: item.no });
    const [read] = await t.store.find<Read>('reads', { limit: 10 });
    expect(read).toMatchObject({ by: liaison, byRole: 'liaison', what: 'contact', subject: resident, subjectName: '李*', itemId: item.id, itemNo: item.no });
    expect(read.at).toBeGreaterThanOrEqual(revealedAt);
    expect(JSON.stringify(read)).not.toContain('13812345678');

    const audit = await t.ok('members', admin, { action: 'audit', log: 'reads' });
    expect(audit).toMatchObject({ total: 1, items: [expect.objectContaining({ by: liaison, itemId: item.id })] });
    expect((await t.ok('members', admin, { action: 'audit', log: 'reads', by: rep })).total).toBe(0);
    expect((await t.ok('members', admin, { action: 'audit', log: 'reads', itemId: item.id })).total).toBe(1);
    expect(await t.fails('members', liaison, { action: 'audit', log: 'reads' })).toBe('FORBIDDEN');
  });

  it('nobody else may reveal it, an anonymous item’s never, and a refusal logs nothing', async () => {
    await bindMember(t, 'liaison-anzhou', 'liaison', 'studio-anzhou');
    const item = await submitted(t);
    const anon = await submitted(t, 'resident-2', { anonymous: true });
    expect(await t.fails('register', rep, { action: 'showContact', id: item.id })).toBe('FORBIDDEN');
    expect(await t.fails('register', admin, { action: 'showContact', id: item.id })).toBe('FORBIDDEN');
    expect(await t.fails('register', 'liaison-anzhou', { action: 'showContact', id: item.id })).toBe('NOT_FOUND');
    expect(await t.fails('register', 'resident-2', { action: 'showContact', id: item.id })).toBe('NOT_FOUND');
    expect(await t.fails('register', liaison, { action: 'showContact', id: anon.id })).toBe('FORBIDDEN');
    expect((await t.ok<ItemView>('register', liaison, { action: 'get', id: anon.id })).contact).toEqual({ name: null, phone: null, masked: true, revealable: false });
    expect(await t.store.count('reads')).toBe(0);
  });

  it('is throttled per liaison: the 31st reveal within an hour is RATE_LIMITED and not logged', async () => {
    const t2 = await makeTestApp({ config: { submitLimit: { perHour: 100, perDay: 100 } } });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 31; i++) ids.push((await t2.ok('register', `resident-${i}`, submitEvent())).id);
      for (const id of ids.slice(0, 30)) await t2.ok('register', liaison, { action: 'showContact', id });
      expect(await t2.fails('register', liaison, { action: 'showContact', id: ids[30] })).toBe('RATE_LIMITED');
      expect(await t2.store.count('reads')).toBe(30);
      t2.clock.advance(61 * 60_000);
      await t2.ok('register', liaison, { action: 'showContact', id: ids[30] });
    } finally {
      t2.close();
    }
  });
});

describe('representatives’ own contact on reception notices', () => {
  async function reception() {
    const r = await t.ok('receptions', liaison, {
      action: 'schedule',
      studioId: DEV_STUDIO_ID,
      startAt: '2026-11-12T09:00:00+08:00',
      endAt: '2026-11-12T11:00:00+08:00',
      form: 'studio',
      topic: '老旧小区改造意见征集',
      representativeIds: [DEV_REP_ID, 'rep-fuying-2'],
      capacity: 10,
    });
    return t.ok('receptions', liaison, { action: 'publish', id: r.id });
  }

  it('are shown to residents only after the representative agreed, by themselves; staff always see them', async () => {
    const r = await reception();
    const repPhone = (await t.store.get<{ _id: string; _v: number; phone: string }>('representatives', DEV_REP_ID))?.phone as string;
    const studioPhone = (await t.store.get<{ _id: string; _v: number; phone: string }>('studios', DEV_STUDIO_ID))?.phone as string;
    const residentSees = async () => (await t.ok('receptions', resident, { action: 'get', id: r.id })).representatives.find((p: { id: string }) => p.id === DEV_REP_ID);
    const notice = async () => (await t.ok('receptions', resident, { action: 'notice', id: r.id })).html as string;

    expect(await residentSees()).toMatchObject({ phone: studioPhone, wechat: '', viaStudio: true });
    expect(await notice()).not.toContain(repPhone);
    expect((await t.ok('receptions', liaison, { action: 'get', id: r.id })).representatives[0]).toMatchObject({ phone: repPhone, viaStudio: false });

    expect(await t.fails('members', liaison, { action: 'consent', contactPublic: true })).toBe('FORBIDDEN');
    expect(await t.fails('members', resident, { action: 'consent', contactPublic: true })).toBe('FORBIDDEN');
    await t.ok('members', rep, { action: 'consent', contactPublic: true });
    expect((await t.ok('members', rep, { action: 'me' })).contactPublic).toBe(true);
    expect(await residentSees()).toMatchObject({ phone: repPhone, viaStudio: false });
    expect(await notice()).toContain(repPhone);

    await t.ok('members', rep, { action: 'consent', contactPublic: false });
    expect(await residentSees()).toMatchObject({ phone: studioPhone, viaStudio: true });
  });

  it('are not on the studio page (directory.studio) at all', async () => {
    const studio = await t.ok('directory', resident, { action: 'studio', id: DEV_STUDIO_ID });
    for (const p of studio.representatives) expect(Object.keys(p)).not.toEqual(expect.arrayContaining(['phone']));
    expect(JSON.stringify(studio.representatives)).not.toMatch(/wechat/);
  });
});

describe('retention', () => {
  it('erases the contact details of items finished a year ago, keeps the items and their figures, and leaves newer ones', async () => {
    const old = await answered(t);
    await t.ok('register', resident, { action: 'feedback', id: old.id, satisfied: true });
    const rejected = await submitted(t, 'resident-2');
    await t.ok('register', liaison, { action: 'reject', id: rejected.id, reason: '重复反映' });
    const open = await submitted(t, 'resident-3');
    const before = await t.ok('register', admin, { action: 'stats', scope: 'county' });

    t.clock.advance(364 * DAY);
    const recent = await answered(t, rep, 'resident-4');
    await t.ok('register', 'resident-4', { action: 'feedback', id: recent.id, satisfied: true });
    await t.app.runTimer('reminders');
    expect((await stored(t, old.id))?.contactPhone).toBe('13812345678'); // 364 days: kept

    t.clock.advance(2 * DAY);
    const run = await t.app.runTimer('reminders');
    expect(run).toMatchObject({ ok: true, data: { jobs: expect.objectContaining({ retention: expect.any(Number) }) } });
    for (const id of [old.id, rejected.id]) {
      const i = (await stored(t, id)) as Item;
      expect([i.contactName, i.contactPhone]).toEqual([null, null]);
      expect(i.erasedAt).toBeGreaterThan(sh('2027-10-01T00:00:00'));
      expect(i.content.length).toBeGreaterThan(0);
    }
    expect((await stored(t, old.id))?.satisfaction).toBe('satisfied');
    expect((await stored(t, open.id))?.contactPhone).toBe('13812345678'); // not finished
    expect((await stored(t, recent.id))?.contactPhone).toBe('13812345678'); // finished 2 days ago
    const after = await t.ok('register', admin, { action: 'stats', scope: 'county', from: '2026-11-01', to: '2026-11-30' });
    expect(after.rates).toEqual({ ...before.rates, onTime: after.rates.onTime });
    expect(after.collected).toBe(before.collected);
  });

  it('follows CONTACT_RETENTION_DAYS and does each item once (indexed on erasedAt)', async () => {
    const t2 = await makeTestApp({ config: { retention: { contactDays: 30, outboxDays: 90 } } });
    try {
      const a = await answered(t2);
      await t2.ok('register', resident, { action: 'feedback', id: a.id, satisfied: true });
      t2.clock.advance(31 * DAY);
      const first = await t2.app.runTimer('reminders');
      const second = await t2.app.runTimer('reminders');
      expect((first as { data: { jobs: Record<string, number> } }).data.jobs.retention).toBeGreaterThanOrEqual(1);
      expect((await stored(t2, a.id))?.contactName).toBeNull();
      const erasedAt = (await stored(t2, a.id))?.erasedAt;
      expect((second as { data: { jobs: Record<string, number> } }).data.jobs.retention).toBe(0);
      expect((await stored(t2, a.id))?.erasedAt).toBe(erasedAt);
    } finally {
      t2.close();
    }
  });

  it('prunes delivered outbox rows older than 90 days, and keeps pending and newer ones', async () => {
    await answered(t); // messages to the resident
    await t.app.runTimer('reminders'); // delivered (skipped: no consent)
    const delivered = await t.store.count('outbox', { status: { in: ['sent', 'skipped', 'failed'] } });
    expect(delivered).toBeGreaterThan(0);
    t.clock.advance(89 * DAY);
    await t.app.runTimer('reminders');
    expect(await t.store.count('outbox', { status: { in: ['sent', 'skipped', 'failed'] } })).toBeGreaterThanOrEqual(delivered);
    t.clock.advance(2 * DAY);
    await answered(t, rep, 'resident-new');
    await t.app.runTimer('reminders');
    const left = await t.store.find<OutboxMessage>('outbox', { limit: 1000 });
    expect(left.every((m) => m.createdAt >= t.clock.now() - 90 * DAY)).toBe(true);
    expect(left.length).toBeGreaterThan(0);
  });
});

describe('members.forgetMe', () => {
  it('erases the resident’s contact data on every item they sent and their messages; the items stay, anonymous, and still theirs', async () => {
    const a = await answered(t);
    const b = await submitted(t);
    const other = await submitted(t, 'resident-2');
    expect(await t.fails('members', resident, { action: 'forgetMe' })).toBe('VALIDATION');
    const r = await t.ok('members', resident, { action: 'forgetMe', confirm: true });
    expect(r).toMatchObject({ items: 2, more: false });
    expect(r.messages).toBeGreaterThan(0);
    for (const id of [a.id, b.id]) {
      const i = (await stored(t, id)) as Item;
      expect([i.contactName, i.contactPhone, i.anonymous]).toEqual([null, null, true]);
    }
    expect((await stored(t, other.id))?.contactPhone).toBe('13812345678');
    expect(await t.store.count('outbox', { recipientOpenid: resident })).toBe(0);
    // Still theirs: listed, and rated.
    expect((await t.ok('register', resident, { action: 'mine' })).total).toBe(2);
    expect((await t.ok<ItemView>('register', resident, { action: 'feedback', id: a.id, satisfied: true })).status).toBe('closed');
    expect((await t.ok<ItemView>('register', liaison, { action: 'get', id: a.id })).contact).toEqual({ name: null, phone: null, masked: true, revealable: false });
  });
});

describe('photos are checked in storage', () => {
  it('accepts a JPEG under the caller’s own upload folder, and refuses another’s, a missing file, a non-image and one over 5 MB', async () => {
    const mine = uploadDirOf(resident);
    const ok = t.cloudStorage.put(`${mine}/202611/a.jpg`);
    const item = await t.ok('register', resident, submitEvent({ photos: [ok] }));
    expect(item.photos).toEqual([ok]);

    const someoneElses = t.cloudStorage.put(`${uploadDirOf('resident-2')}/202611/b.jpg`);
    const exportFile = t.cloudStorage.put('exports/register/studio-x.xlsx', Buffer.from('PK\u0003\u0004 a spreadsheet'));
    const notImage = t.cloudStorage.put(`${mine}/202611/c.jpg`, Buffer.from('<html>not a photo</html>'));
    const huge = t.cloudStorage.put(`${mine}/202611/d.jpg`, Buffer.concat([JPEG_STUB, Buffer.alloc(5 * 1024 * 1024)]));
    const missing = t.cloudStorage.fileIdOf(`${mine}/202611/never-uploaded.jpg`);
    const otherEnv = `cloud://other-env.7465-other-env/${mine}/202611/a.jpg`;
    const items = await t.store.count('items');
    for (const photos of [[someoneElses], [exportFile], [notImage], [huge], [missing], [otherEnv], [ok, someoneElses]]) {
      const r = await t.call('register', resident, submitEvent({ photos }));
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/照片/) } });
    }
    expect(await t.store.count('items')).toBe(items);
  });

  it('the cloud adapter knows no file of another environment, and sniffs the type from the bytes', async () => {
    const storage = fakeCloudStorage('env-a');
    const files = cloudFiles(storage, () => 'env-a');
    const id = storage.put('opinions/x/a.png', Buffer.from('89504e470d0a1a0a', 'hex'));
    expect(await files.stat(id)).toEqual({ bytes: 8, image: 'image/png' });
    expect(await cloudFiles(storage, () => 'env-b').stat(id)).toBeNull();
    expect(await cloudFiles(storage, () => undefined).stat(id)).toBeNull();
    expect(await files.stat(storage.fileIdOf('opinions/x/none.png'))).toBeNull();
    expect(await files.stat(storage.put('opinions/x/b.gif', Buffer.from('hello')))).toEqual({ bytes: 5, image: null });
  });
});

it('every flow of issue 11 runs on the CloudBase adapter within its field-name rule', async () => {
  const fake = installFakeCloudbase({ collections: Object.keys(COLLECTIONS) });
  const c = await makeTestApp({ store: createCloudBaseStore(fake.db) });
  try {
    await bindMember(c, 'rep-2', 'representative', 'rep-fuying-2');
    const item = await c.ok('register', resident, submitEvent({ photos: [c.cloudStorage.put(`${uploadDirOf(resident)}/202611/a.jpg`)] }));
    await c.ok('register', 'rep-2', { action: 'accept', id: item.id });
    await c.ok('register', liaison, { action: 'showContact', id: item.id });
    await c.ok('members', admin, { action: 'revoke', id: 'rep-2', successorId: rep });
    const inv = await c.ok('members', liaison, { action: 'invite', kind: 'liaison', studioIds: [DEV_STUDIO_ID] });
    await c.ok('members', admin, { action: 'decide', code: inv.code, approve: true });
    for (let i = 0; i < 2; i++) await c.call('members', 'guesser', { action: 'bind', code: `ZZZZZZZ${i + 2}` });
    await c.ok('members', 'new-liaison', { action: 'bind', code: inv.code });
    await c.ok('members', rep, { action: 'consent', contactPublic: true });
    await c.ok('register', rep, { action: 'answer', id: item.id, reply: '已经联系城管处理' });
    await c.ok('register', resident, { action: 'feedback', id: item.id, satisfied: true });
    const r = await c.ok('receptions', liaison, {
      action: 'schedule', studioId: DEV_STUDIO_ID, startAt: '2026-11-12T09:00:00+08:00', endAt: '2026-11-12T11:00:00+08:00',
      form: 'studio', topic: '老旧小区改造意见征集', representativeIds: [DEV_REP_ID], capacity: 10,
    });
    await c.ok('receptions', liaison, { action: 'publish', id: r.id });
    await c.ok('receptions', resident, { action: 'book', id: r.id, requestId: requestId(), question: '小区加装电梯的费用如何分摊？' });
    c.clock.set(sh('2026-11-12T09:30:00'));
    await c.ok('receptions', rep, { action: 'walkIn', id: r.id, requestId: requestId(), category: '民生服务', content: '独居老人希望社区定期上门探访。' });
    for (const log of ['reads', 'grants']) expect((await c.ok('members', admin, { action: 'audit', log })).total).toBeGreaterThan(0);
    expect((await c.ok('members', liaison, { action: 'list' })).total).toBeGreaterThan(0);
    expect((await c.ok('members', admin, { action: 'pending' })).total).toBe(0);
    await c.ok('members', resident, { action: 'forgetMe', confirm: true });
    c.clock.advance(400 * DAY);
    expect(await c.app.runTimer('reminders')).toMatchObject({ ok: true });
    expect(fake.unhandledRejections).toEqual([]);
  } finally {
    c.close();
    fake.restore();
  }
});

import type { ItemView } from '../../core/register/item';
import { makeTestApp, submitEvent, type TestApp } from '../support/app';
import { accepted, answered, bindMember, sorted, stored, submitted } from '../support/register';

/**
 * Who sees which items, what each caller is offered, and that a refused request leaves the
 * item as it was (issue 2, item 6).
 */

type Page = { items: ItemView[]; total: number };

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
  // A representative and a liaison of another studio (安洲街道), bound the way real users are.
  await bindMember(t, 'rep-anzhou-user', 'representative', 'rep-anzhou-1');
  await bindMember(t, 'liaison-anzhou', 'liaison', 'studio-anzhou');
  // A second representative of 福应街道, who does not own the items below.
  await bindMember(t, 'rep-fuying-2-user', 'representative', 'rep-fuying-2');
});
afterEach(() => t.close());

const ids = (page: Page) => page.items.map((i) => i.id).sort();

describe('a resident', () => {
  it('cannot read another resident’s item: it does not exist for them', async () => {
    const mine = await submitted(t, 'resident-a');
    expect(await t.fails('register', 'resident-b', { action: 'get', id: mine.id })).toBe('NOT_FOUND');
    expect((await t.ok<ItemView>('register', 'resident-a', { action: 'get', id: mine.id })).id).toBe(mine.id);
  });

  it('lists only their own items in `mine`, newest first', async () => {
    const first = await submitted(t, 'resident-a');
    t.clock.advance(60_000);
    const second = await submitted(t, 'resident-a');
    await submitted(t, 'resident-b');
    const page = await t.ok<Page>('register', 'resident-a', { action: 'mine' });
    expect(page.total).toBe(2);
    expect(page.items.map((i) => i.id)).toEqual([second.id, first.id]);
    expect((await t.ok<Page>('register', 'resident-c', { action: 'mine' })).total).toBe(0);
  });

  it('pages through `mine` with page and pageSize', async () => {
    for (let i = 0; i < 3; i++) {
      await submitted(t, 'resident-a');
      t.clock.advance(1000);
    }
    const p1 = await t.ok<Page>('register', 'resident-a', { action: 'mine', page: 1, pageSize: 2 });
    const p2 = await t.ok<Page>('register', 'resident-a', { action: 'mine', page: 2, pageSize: 2 });
    expect([p1.items.length, p2.items.length, p1.total, p2.total]).toEqual([2, 1, 3, 3]);
    expect(new Set([...ids(p1), ...ids(p2)]).size).toBe(3);
  });

  it('is refused the inbox', async () => {
    await submitted(t, 'resident-a');
    expect(await t.fails('register', 'dev-resident', { action: 'inbox' })).toBe('FORBIDDEN');
  });

  it('cannot accept, assign, answer or reject even their own item, and the item stays as it was', async () => {
    const item = await submitted(t);
    const before = await stored(t, item.id);
    expect(await t.fails('register', 'dev-resident', { action: 'accept', id: item.id })).toBe('FORBIDDEN');
    expect(await t.fails('register', 'dev-resident', { action: 'assign', id: item.id, representativeId: 'rep-fuying-1' })).toBe('FORBIDDEN');
    expect(await t.fails('register', 'dev-resident', { action: 'answer', id: item.id, reply: '我自己答复了' })).toBe('FORBIDDEN');
    expect(await t.fails('register', 'dev-resident', { action: 'reject', id: item.id, reason: '不想要了' })).toBe('FORBIDDEN');
    expect(await stored(t, item.id)).toEqual(before);
  });

  it('cannot give feedback on another resident’s answered item', async () => {
    const item = await answered(t);
    const before = await stored(t, item.id);
    expect(await t.fails('register', 'resident-b', { action: 'feedback', id: item.id, satisfied: true })).toBe('NOT_FOUND');
    expect(await stored(t, item.id)).toEqual(before);
  });
});

describe('a representative', () => {
  it('sees its studio’s items and not another studio’s', async () => {
    const fuying = await submitted(t, 'resident-a');
    const anzhou = await submitted(t, 'resident-b', { studioId: 'studio-anzhou' });

    const inbox = await t.ok<Page>('register', 'dev-rep', { action: 'inbox' });
    expect(ids(inbox)).toEqual([fuying.id]);
    expect(inbox.total).toBe(1);
    expect((await t.ok<ItemView>('register', 'dev-rep', { action: 'get', id: fuying.id })).id).toBe(fuying.id);
    expect(await t.fails('register', 'dev-rep', { action: 'get', id: anzhou.id })).toBe('NOT_FOUND');

    expect(ids(await t.ok<Page>('register', 'rep-anzhou-user', { action: 'inbox' }))).toEqual([anzhou.id]);
    expect(await t.fails('register', 'rep-anzhou-user', { action: 'get', id: fuying.id })).toBe('NOT_FOUND');
  });

  it('is refused another studio’s inbox by studioId', async () => {
    await submitted(t, 'resident-b', { studioId: 'studio-anzhou' });
    expect(await t.fails('register', 'dev-rep', { action: 'inbox', studioId: 'studio-anzhou' })).toBe('FORBIDDEN');
  });

  it('of another studio cannot accept a 福应街道 item, which stays submitted and unowned', async () => {
    const item = await submitted(t);
    const before = await stored(t, item.id);
    expect(await t.fails('register', 'rep-anzhou-user', { action: 'accept', id: item.id })).toBe('NOT_FOUND');
    expect(await stored(t, item.id)).toEqual(before);
    expect(before?.status).toBe('submitted');
    expect(before?.ownerRepId).toBeNull();
  });

  it('cannot reject, assign or refer: those are the liaison’s', async () => {
    const item = await accepted(t, 'dev-rep');
    const before = await stored(t, item.id);
    expect(await t.fails('register', 'dev-rep', { action: 'reject', id: item.id, reason: '重复反映' })).toBe('FORBIDDEN');
    expect(await t.fails('register', 'dev-rep', { action: 'assign', id: item.id, representativeId: 'rep-fuying-2' })).toBe('FORBIDDEN');
    expect(
      await t.fails('register', 'dev-rep', { action: 'refer', id: item.id, departmentId: 'dept-zhujian', deadline: '2026-11-20' }),
    ).toBe('FORBIDDEN');
    expect(await stored(t, item.id)).toEqual(before);
  });

  it('who does not own an accepted item cannot answer it', async () => {
    const item = await accepted(t, 'dev-rep');
    const before = await stored(t, item.id);
    expect(await t.fails('register', 'rep-fuying-2-user', { action: 'answer', id: item.id, reply: '我来答复' })).toBe('FORBIDDEN');
    expect(await stored(t, item.id)).toEqual(before);
  });

  it('sees an item it owns and answers it after the liaison assigns it', async () => {
    const item = await submitted(t);
    await t.ok('register', 'dev-liaison', { action: 'assign', id: item.id, representativeId: 'rep-fuying-1' });
    const view = await t.ok<ItemView>('register', 'dev-rep', { action: 'get', id: item.id });
    expect(view.owner).toEqual({ name: '王建华' });
    // the owner may also merge it into an item of the studio raising the same matter (issue 16)
    expect(sorted(view.actions)).toEqual(sorted(['answer', 'merge', 'promise', 'resolve']));
    const done = await t.ok<ItemView>('register', 'dev-rep', { action: 'answer', id: item.id, reply: '已答复群众' });
    expect(done.status).toBe('answered');
  });
});

describe('a liaison', () => {
  it('sees only its studios’ items', async () => {
    const fuying = await submitted(t, 'resident-a');
    const anzhou = await submitted(t, 'resident-b', { studioId: 'studio-anzhou' });
    expect(ids(await t.ok<Page>('register', 'dev-liaison', { action: 'inbox' }))).toEqual([fuying.id]);
    expect(ids(await t.ok<Page>('register', 'liaison-anzhou', { action: 'inbox' }))).toEqual([anzhou.id]);
    expect(await t.fails('register', 'dev-liaison', { action: 'get', id: anzhou.id })).toBe('NOT_FOUND');
    expect(await t.fails('register', 'liaison-anzhou', { action: 'get', id: fuying.id })).toBe('NOT_FOUND');
  });

  it('of another studio cannot reject a 福应街道 item', async () => {
    const item = await submitted(t);
    const before = await stored(t, item.id);
    expect(await t.fails('register', 'liaison-anzhou', { action: 'reject', id: item.id, reason: '不属于本工作室' })).toBe('NOT_FOUND');
    expect(await stored(t, item.id)).toEqual(before);
  });

  it('cannot give the submitter’s feedback', async () => {
    const item = await answered(t);
    const before = await stored(t, item.id);
    expect(await t.fails('register', 'dev-liaison', { action: 'feedback', id: item.id, satisfied: true })).toBe('FORBIDDEN');
    expect(await stored(t, item.id)).toEqual(before);
  });

  it('filters the inbox by status and by overdue', async () => {
    const open = await submitted(t, 'resident-a');
    const done = await answered(t, 'dev-rep', 'resident-b');
    expect(ids(await t.ok<Page>('register', 'dev-liaison', { action: 'inbox', status: 'answered' }))).toEqual([done.id]);
    expect((await t.ok<Page>('register', 'dev-liaison', { action: 'inbox', overdue: true })).total).toBe(0);
    t.clock.advance(16 * 24 * 3600 * 1000); // past the 15-day default reply period
    const overdue = await t.ok<Page>('register', 'dev-liaison', { action: 'inbox', overdue: true });
    expect(ids(overdue)).toEqual([open.id]);
    expect(overdue.items[0].overdue).toBe(true);
  });
});

describe('an admin', () => {
  it('sees every studio’s items', async () => {
    const a = await submitted(t, 'resident-a');
    const b = await submitted(t, 'resident-b', { studioId: 'studio-anzhou' });
    const c = await submitted(t, 'resident-c', { studioId: 'studio-minsu' });
    const inbox = await t.ok<Page>('register', 'dev-admin', { action: 'inbox' });
    expect(ids(inbox)).toEqual([a.id, b.id, c.id].sort());
    expect(inbox.total).toBe(3);
    for (const id of [a.id, b.id, c.id]) expect((await t.ok<ItemView>('register', 'dev-admin', { action: 'get', id })).id).toBe(id);
    expect(ids(await t.ok<Page>('register', 'dev-admin', { action: 'inbox', studioId: 'studio-anzhou' }))).toEqual([b.id]);
  });

  it('cannot answer for the studio: only its owner or liaison can', async () => {
    const item = await accepted(t, 'dev-rep');
    const before = await stored(t, item.id);
    expect(await t.fails('register', 'dev-admin', { action: 'answer', id: item.id, reply: '管理员答复' })).toBe('FORBIDDEN');
    expect(await stored(t, item.id)).toEqual(before);
  });
});

describe('actions in answers match what the caller may do', () => {
  const actionsOf = async (openid: string, id: string) => sorted((await t.ok<ItemView>('register', openid, { action: 'get', id })).actions);

  it('on a submitted item', async () => {
    const item = await submitted(t);
    expect(sorted(item.actions)).toEqual([]);
    expect(await actionsOf('dev-resident', item.id)).toEqual([]);
    expect(await actionsOf('dev-rep', item.id)).toEqual(['accept']);
    expect(await actionsOf('rep-fuying-2-user', item.id)).toEqual(['accept']);
    expect(await actionsOf('dev-liaison', item.id)).toEqual(sorted(['accept', 'assign', 'merge', 'reject']));
    expect(await actionsOf('dev-admin', item.id)).toEqual(sorted(['assign', 'merge', 'reject']));
  });

  it('on an item accepted by dev-rep', async () => {
    const item = await accepted(t, 'dev-rep');
    expect(sorted(item.actions)).toEqual(sorted(['answer', 'merge', 'promise', 'resolve']));
    expect(await actionsOf('dev-resident', item.id)).toEqual([]);
    expect(await actionsOf('rep-fuying-2-user', item.id)).toEqual([]);
    expect(await actionsOf('dev-liaison', item.id)).toEqual(sorted(['assign', 'answer', 'merge', 'promise', 'refer', 'resolve', 'reject']));
    expect(await actionsOf('dev-admin', item.id)).toEqual(sorted(['assign', 'merge', 'refer', 'reject']));
  });

  it('on a referred item the liaison may record the result, once', async () => {
    const item = await accepted(t, 'dev-liaison');
    await t.ok('register', 'dev-liaison', { action: 'refer', id: item.id, departmentId: 'dept-zhujian', deadline: '2026-11-20' });
    expect(await actionsOf('dev-liaison', item.id)).toContain('recordReferralResult');
    expect(await actionsOf('dev-admin', item.id)).toContain('recordReferralResult');
    await t.ok('register', 'dev-liaison', { action: 'recordReferralResult', id: item.id, result: '住建局已安排维修' });
    expect(await actionsOf('dev-liaison', item.id)).not.toContain('recordReferralResult');
  });

  it('on an answered item only the submitter may act: feedback', async () => {
    const item = await answered(t);
    expect(await actionsOf('dev-resident', item.id)).toEqual(['feedback']);
    expect(await actionsOf('dev-rep', item.id)).toEqual([]);
    expect(await actionsOf('dev-liaison', item.id)).toEqual([]);
    expect(await actionsOf('dev-admin', item.id)).toEqual([]);
  });

  it('on a closed or rejected item nobody may act', async () => {
    const closed = await answered(t);
    await t.ok('register', 'dev-resident', { action: 'feedback', id: closed.id, satisfied: true });
    const rejected = await submitted(t, 'resident-b');
    await t.ok('register', 'dev-liaison', { action: 'reject', id: rejected.id, reason: '重复反映' });
    for (const [openid, id] of [
      ['dev-resident', closed.id],
      ['resident-b', rejected.id],
    ]) {
      expect(await actionsOf(openid, id)).toEqual([]);
      for (const staff of ['dev-rep', 'dev-liaison', 'dev-admin']) expect(await actionsOf(staff, id)).toEqual([]);
    }
  });

  it('lists carry the same actions as get', async () => {
    const item = await submitted(t);
    const inbox = await t.ok<Page>('register', 'dev-liaison', { action: 'inbox' });
    expect(sorted(inbox.items[0].actions)).toEqual(await actionsOf('dev-liaison', item.id));
    const mine = await t.ok<Page>('register', 'dev-resident', { action: 'mine' });
    expect(mine.items[0].actions).toEqual([]);
  });
});

describe('privacy of contact details', () => {
  const contactOf = async (openid: string, id: string) => (await t.ok<ItemView>('register', openid, { action: 'get', id })).contact;

  it('are in full for the submitter only; masked for everyone else, the studio’s liaison revealing them by the logged showContact', async () => {
    const item = await submitted(t, 'dev-resident', { contactName: '李明', contactPhone: '13812345678' });
    expect(await contactOf('dev-resident', item.id)).toEqual({ name: '李明', phone: '13812345678', masked: false, revealable: false });
    expect(await contactOf('dev-liaison', item.id)).toEqual({ name: '李*', phone: '138****5678', masked: true, revealable: true });
    expect(await contactOf('dev-rep', item.id)).toEqual({ name: '李*', phone: '138****5678', masked: true, revealable: false });
    expect(await contactOf('dev-admin', item.id)).toEqual({ name: '李*', phone: '138****5678', masked: true, revealable: false });
  });

  it('never reach a representative or admin anywhere in the answer, lists included', async () => {
    const item = await accepted(t, 'dev-rep', 'dev-resident', { contactName: '李明', contactPhone: '13812345678' });
    for (const openid of ['dev-rep', 'dev-admin']) {
      const views = [
        await t.ok('register', openid, { action: 'get', id: item.id }),
        await t.ok('register', openid, { action: 'inbox' }),
      ];
      for (const v of views) {
        expect(JSON.stringify(v)).not.toContain('13812345678');
        expect(JSON.stringify(v)).not.toContain('李明');
      }
    }
    // the accept answer the representative got back is masked too
    expect(item.contact.phone).toBe('138****5678');
  });

  it('of an anonymous item are hidden from everyone but the submitter', async () => {
    const item = await submitted(t, 'dev-resident', { anonymous: true, contactName: '李明', contactPhone: '13812345678' });
    expect(await contactOf('dev-resident', item.id)).toEqual({ name: '李明', phone: '13812345678', masked: false, revealable: false });
    for (const openid of ['dev-liaison', 'dev-rep', 'dev-admin']) {
      expect(await contactOf(openid, item.id)).toEqual({ name: null, phone: null, masked: true, revealable: false });
      expect(JSON.stringify(await t.ok('register', openid, { action: 'inbox' }))).not.toContain('5678');
    }
  });

  it('a landline is masked too', async () => {
    const item = await submitted(t, 'dev-resident', { contactPhone: '0576-87771234' });
    const phone = (await contactOf('dev-rep', item.id)).phone;
    expect(phone).not.toBe('0576-87771234');
    expect(phone).toMatch(/\*{4,}/);
  });
});

describe('forbidden requests change nothing', () => {
  it('a refused request on every status leaves the stored document identical', async () => {
    const items = [await submitted(t), await accepted(t), await answered(t)];
    for (const item of items) {
      const before = await stored(t, item.id);
      const attempts: Array<[string, Record<string, unknown>]> = [
        ['resident-b', { action: 'accept', id: item.id }],
        ['resident-b', { action: 'feedback', id: item.id, satisfied: false }],
        ['rep-anzhou-user', { action: 'answer', id: item.id, reply: '越权答复' }],
        ['liaison-anzhou', { action: 'reject', id: item.id, reason: '越权驳回' }],
        ['dev-resident', { action: 'reject', id: item.id, reason: '撤回' }],
      ];
      for (const [openid, event] of attempts) {
        expect(['FORBIDDEN', 'NOT_FOUND']).toContain(await t.fails('register', openid, event));
      }
      expect(await stored(t, item.id)).toEqual(before);
    }
  });

  it('a call without identity is refused before anything is stored', async () => {
    expect(await t.fails('register', undefined, submitEvent())).toBe('UNAUTHENTICATED');
    expect(await t.store.count('items')).toBe(0);
  });
});

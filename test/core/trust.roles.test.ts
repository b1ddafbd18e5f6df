import type { Representative } from '../../core/directory/types';
import type { Grant, Member } from '../../core/members/types';
import type { OutboxMessage } from '../../core/outbox/outbox';
import type { Item, ItemView } from '../../core/register/item';
import { DEV_IDENTITIES, DEV_STUDIO_ID, makeTestApp, type TestApp } from '../support/app';
import { bindMember, stored, submitted } from '../support/register';

/** Roles that can be managed (issue 11): the roster, revocation with hand-back, approvals, the grants log. */

const { representative: rep, liaison, admin, resident } = DEV_IDENTITIES;

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
  await bindMember(t, 'rep-2', 'representative', 'rep-fuying-2');
  await bindMember(t, 'rep-anzhou', 'representative', 'rep-anzhou-1');
  await bindMember(t, 'liaison-anzhou', 'liaison', 'studio-anzhou');
});
afterEach(() => t.close());

type Roster = { items: Array<{ id: string; role: string; name: string; studios: Array<{ id: string; name: string }>; actions: string[] }>; total: number };
const grants = (subject?: string) => t.store.find<Grant>('grants', { where: subject ? { subject } : {}, orderBy: [['at', 'asc']], limit: 100 });

describe('members.list', () => {
  it('shows an administrator everyone with a role, paged', async () => {
    const all = await t.ok<Roster>('members', admin, { action: 'list', pageSize: 50 });
    expect(all.total).toBe(await t.store.count('members'));
    expect(all.items.map((m) => m.id)).toEqual(expect.arrayContaining([rep, liaison, admin, 'rep-2', 'rep-anzhou', 'liaison-anzhou', DEV_IDENTITIES.contact]));
    expect(all.items.find((m) => m.id === rep)).toMatchObject({ role: 'representative', name: '王建华', studios: [{ id: DEV_STUDIO_ID, name: '福应街道党代表工作室' }], actions: ['revoke'] });
    expect(all.items.find((m) => m.id === admin)?.actions).toEqual([]); // not themselves
    const page2 = await t.ok<Roster>('members', admin, { action: 'list', page: 2, pageSize: 3 });
    expect(page2.items).toHaveLength(3);
    expect((await t.ok<Roster>('members', admin, { action: 'list', role: 'liaison' })).items.map((m) => m.id).sort()).toEqual([liaison, 'liaison-anzhou'].sort());
  });

  it('shows a liaison only the representatives and liaisons of their studios', async () => {
    const mine = await t.ok<Roster>('members', liaison, { action: 'list' });
    expect(mine.items.map((m) => m.id).sort()).toEqual([liaison, rep, 'rep-2'].sort());
    expect(mine.items.find((m) => m.id === liaison)?.actions).toEqual([]);
    expect(await t.fails('members', liaison, { action: 'list', studioId: 'studio-anzhou' })).toBe('FORBIDDEN');
    for (const who of [rep, resident, DEV_IDENTITIES.contact]) expect(await t.fails('members', who, { action: 'list' })).toBe('FORBIDDEN');
  });
});

describe('members.revoke', () => {
  it('makes the account a resident at once and hands its owned open items back to the studio’s queue, on each timeline, with a grants line', async () => {
    const owned = await submitted(t);
    await t.ok('register', 'rep-2', { action: 'accept', id: owned.id });
    const promised = await submitted(t, 'resident-2');
    await t.ok('register', 'rep-2', { action: 'accept', id: promised.id });
    await t.ok('register', 'rep-2', { action: 'promise', id: promised.id, deadline: '2026-11-20', note: '本月内办理' });

    const r = await t.ok('members', liaison, { action: 'revoke', id: 'rep-2' });
    expect(r).toEqual({ id: 'rep-2', role: 'resident', formerRole: 'representative', released: 2, handedOver: 0 });
    expect((await t.ok('members', 'rep-2', { action: 'me' })).role).toBe('resident');
    expect(await t.fails('register', 'rep-2', { action: 'get', id: owned.id })).toBe('NOT_FOUND');

    const a = (await stored(t, owned.id)) as Item;
    expect([a.status, a.ownerRepId, a.ownerName]).toEqual(['submitted', null, null]);
    expect(a.timeline.at(-1)).toMatchObject({ action: 'release', actorRole: 'liaison', actorName: '福应街道联络员', note: expect.stringContaining('陈素芬') });
    const b = (await stored(t, promised.id)) as Item;
    expect([b.status, b.ownerRepId]).toEqual(['in_progress', null]);
    // The liaison handles a released in-progress item, or assigns it.
    expect((await t.ok<ItemView>('register', liaison, { action: 'get', id: promised.id })).actions).toEqual(expect.arrayContaining(['answer', 'assign']));
    // The studio's liaisons are told.
    const told = await t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: liaison, kind: 'item_released' }, limit: 10 });
    expect(told).toHaveLength(2);

    const [line] = await grants('rep-2').then((g) => g.filter((x) => x.kind === 'revoke'));
    expect(line).toMatchObject({ by: liaison, byRole: 'liaison', role: 'representative', representativeId: 'rep-fuying-2', released: 2, handedOver: 0 });
  });

  it('hands the items to a named successor of the same studio, who may then answer them', async () => {
    const item = await submitted(t);
    await t.ok('register', 'rep-2', { action: 'accept', id: item.id });
    const r = await t.ok('members', admin, { action: 'revoke', id: 'rep-2', successorId: rep });
    expect(r).toMatchObject({ released: 0, handedOver: 1 });
    const after = (await stored(t, item.id)) as Item;
    expect([after.status, after.ownerRepId, after.ownerName]).toEqual(['accepted', 'rep-fuying-1', '王建华']);
    expect(after.timeline.at(-1)).toMatchObject({ action: 'handOver', actorRole: 'admin' });
    expect((await t.ok<ItemView>('register', rep, { action: 'answer', id: item.id, reply: '我来接手办理' })).status).toBe('answered');
    const assigned = await t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: rep, kind: 'item_assigned' }, limit: 10 });
    expect(assigned).toHaveLength(1);
  });

  it('refuses a successor of another studio, and changes nothing', async () => {
    const item = await submitted(t);
    await t.ok('register', 'rep-2', { action: 'accept', id: item.id });
    expect(await t.fails('members', admin, { action: 'revoke', id: 'rep-2', successorId: 'rep-anzhou' })).toBe('VALIDATION');
    expect(await t.store.get('members', 'rep-2')).not.toBeNull();
    expect((await stored(t, item.id))?.ownerRepId).toBe('rep-fuying-2');
  });

  it('a liaison revokes only in their studios and never themselves; others may not revoke at all', async () => {
    const members = await t.store.count('members');
    expect(await t.fails('members', liaison, { action: 'revoke', id: 'rep-anzhou' })).toBe('NOT_FOUND');
    expect(await t.fails('members', liaison, { action: 'revoke', id: liaison })).toBe('FORBIDDEN');
    expect(await t.fails('members', liaison, { action: 'revoke', id: admin })).toBe('NOT_FOUND');
    expect(await t.fails('members', rep, { action: 'revoke', id: 'rep-2' })).toBe('NOT_FOUND');
    expect(await t.fails('members', admin, { action: 'revoke', id: admin })).toBe('FORBIDDEN');
    expect(await t.fails('members', admin, { action: 'revoke', id: 'nobody-here' })).toBe('NOT_FOUND');
    expect(await t.store.count('members')).toBe(members);
  });

  it('a representative’s record may be bound again by a new account once the old one is revoked', async () => {
    await t.ok('members', admin, { action: 'revoke', id: 'rep-2' });
    await bindMember(t, 'rep-2-new-phone', 'representative', 'rep-fuying-2');
    expect((await t.ok('members', 'rep-2-new-phone', { action: 'me' })).name).toBe('陈素芬');
  });
});

describe('a liaison’s invitation of another liaison needs an administrator', () => {
  it('is pending, unusable, listed for administrators, who are told; approved, it binds; each step is in the grants log', async () => {
    const inv = await t.ok('members', liaison, { action: 'invite', kind: 'liaison', studioIds: [DEV_STUDIO_ID] });
    expect(inv).toMatchObject({ kind: 'liaison', pending: true });
    expect(await t.fails('members', 'new-liaison', { action: 'bind', code: inv.code })).toBe('NOT_FOUND');
    const toAdmins = await t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: admin, kind: 'invite_approval' }, limit: 10 });
    expect(toAdmins).toHaveLength(1);
    const pending = await t.ok('members', admin, { action: 'pending' });
    expect(pending.items).toEqual([expect.objectContaining({ code: inv.code, kind: 'liaison', invitedBy: '福应街道联络员', studios: [{ id: DEV_STUDIO_ID, name: '福应街道党代表工作室' }] })]);
    expect(await t.fails('members', liaison, { action: 'pending' })).toBe('FORBIDDEN');
    expect(await t.fails('members', liaison, { action: 'decide', code: inv.code, approve: true })).toBe('FORBIDDEN');

    expect((await t.ok('members', admin, { action: 'decide', code: inv.code, approve: true })).approval).toBe('approved');
    expect(await t.fails('members', admin, { action: 'decide', code: inv.code, approve: false })).toBe('INVALID_STATE');
    await t.ok('members', 'new-liaison', { action: 'bind', code: inv.code });
    expect((await t.ok('members', 'new-liaison', { action: 'me' })).role).toBe('liaison');
    expect((await t.store.get<Member>('members', 'new-liaison'))?.grantedBy).toBe(liaison);
    const told = await t.store.find<OutboxMessage>('outbox', { where: { recipientOpenid: liaison, kind: 'invite_approval' }, limit: 10 });
    expect(told.map((m) => m.title)).toEqual(['联络员邀请已审核通过']);
    expect((await grants()).map((g) => [g.kind, g.subject])).toEqual(expect.arrayContaining([['approve', liaison], ['grant', 'new-liaison']]));
  });

  it('declined, it can never be used', async () => {
    const inv = await t.ok('members', liaison, { action: 'invite', kind: 'liaison', studioIds: [DEV_STUDIO_ID] });
    await t.ok('members', admin, { action: 'decide', code: inv.code, approve: false });
    expect(await t.fails('members', 'new-liaison', { action: 'bind', code: inv.code })).toBe('NOT_FOUND');
    expect(await t.store.get('members', 'new-liaison')).toBeNull();
  });

  it('an administrator’s liaison invitation and a liaison’s representative invitation need no approval', async () => {
    expect((await t.ok('members', admin, { action: 'invite', kind: 'liaison', studioIds: [DEV_STUDIO_ID] })).pending).toBe(false);
    expect((await t.ok('members', liaison, { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-3' })).pending).toBe(false);
  });
});

describe('the caller of a representative is one read', () => {
  it('a bound representative carries their studio, name and consent on the member; consent changes both documents', async () => {
    const { code } = await t.ok<{ code: string }>('members', DEV_IDENTITIES.admin, { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-2' });
    await t.ok('members', 'rep-2', { action: 'bind', code });
    const rep2 = await t.store.get<Representative>('representatives', 'rep-fuying-2');
    expect(await t.store.get<Member>('members', 'rep-2')).toEqual(
      expect.objectContaining({ role: 'representative', representativeId: 'rep-fuying-2', studioIds: [rep2?.studioId], name: rep2?.name, contactPublic: false }),
    );
    await t.ok('members', 'rep-2', { action: 'consent', contactPublic: true });
    expect((await t.store.get<Member>('members', 'rep-2'))?.contactPublic).toBe(true);
    expect((await t.store.get<Representative>('representatives', 'rep-fuying-2'))?.contactPublic).toBe(true);
    expect(await t.ok('members', 'rep-2', { action: 'me' })).toEqual(expect.objectContaining({ role: 'representative', contactPublic: true }));
  });

  it('a member bound before the consent was copied to it is completed from the directory', async () => {
    const { code } = await t.ok<{ code: string }>('members', DEV_IDENTITIES.admin, { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-2' });
    await t.ok('members', 'rep-2', { action: 'bind', code });
    const m = (await t.store.get<Member>('members', 'rep-2')) as Member;
    const { _v, contactPublic: _gone, ...older } = m;
    await t.store.update<Member>('members', 'rep-2', _v, { ...older, studioIds: [] });
    const rep2 = await t.store.get<Representative>('representatives', 'rep-fuying-2');
    expect(await t.ok('members', 'rep-2', { action: 'me' })).toEqual(expect.objectContaining({ role: 'representative', studioIds: [rep2?.studioId], contactPublic: false }));
  });
});

describe('every grant and revocation is recorded', () => {
  it('a bind, a revocation and a consent are lines of the grants log, which only administrators read', async () => {
    await t.ok('members', admin, { action: 'revoke', id: 'rep-anzhou' });
    await t.ok('members', rep, { action: 'consent', contactPublic: true });
    const log = await t.ok('members', admin, { action: 'audit', log: 'grants', pageSize: 50 });
    const kinds = log.items.map((g: Grant) => `${g.kind}:${g.subject}`);
    expect(kinds).toEqual(expect.arrayContaining(['grant:rep-2', 'grant:rep-anzhou', 'grant:liaison-anzhou', 'revoke:rep-anzhou', `consent:${rep}`]));
    expect(log.items[0].at).toBeGreaterThanOrEqual(log.items.at(-1).at);
    const one = await t.ok('members', admin, { action: 'audit', log: 'grants', subject: 'rep-anzhou' });
    expect(one.items.map((g: Grant) => g.kind).sort()).toEqual(['grant', 'revoke']);
    for (const who of [liaison, rep, resident]) expect(await t.fails('members', who, { action: 'audit', log: 'grants' })).toBe('FORBIDDEN');
  });
});

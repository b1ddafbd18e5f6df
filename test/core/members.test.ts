import type { Invite as StoredInvite, Member } from '../../core/members/types';
import { makeTestApp, type TestApp } from '../support/app';
import { submitted } from '../support/register';

/** `members`: who am I, invitation codes and binding (issue 2, item 4). */

const DAY = 24 * 3600 * 1000;

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ now: '2026-11-02T10:00:00+08:00' });
});
afterEach(() => t.close());

type Invite = { code: string; kind: string; label: string; expiresAt: number };
const invite = (openid: string, event: Record<string, unknown>) => t.ok<Invite>('members', openid, { action: 'invite', ...event });
const me = (openid: string) => t.ok<Record<string, unknown>>('members', openid, { action: 'me' });

describe('me', () => {
  it('answers each dev identity’s role and what it is bound to', async () => {
    const uploadDir = expect.stringMatching(/^opinions\/u[0-9a-f]{24}$/);
    expect(await me('dev-resident')).toEqual({ openid: 'dev-resident', role: 'resident', name: '群众', uploadDir });
    expect(await me('dev-rep')).toEqual({
      openid: 'dev-rep',
      role: 'representative',
      representativeId: 'rep-fuying-1',
      studioIds: ['studio-fuying'],
      contactPublic: false,
      name: '王建华',
      uploadDir,
    });
    expect(await me('dev-liaison')).toEqual({ openid: 'dev-liaison', role: 'liaison', studioIds: ['studio-fuying'], name: '福应街道联络员', uploadDir });
    expect(await me('dev-admin')).toEqual({ openid: 'dev-admin', role: 'admin', name: '县委组织部', uploadDir });
    expect((await me('dev-resident')).uploadDir).not.toBe((await me('dev-liaison')).uploadDir);
  });

  it('any other openid is a resident (and asking creates no member)', async () => {
    const members = await t.store.count('members');
    expect(await me('oAbC123-first-visit')).toMatchObject({ openid: 'oAbC123-first-visit', role: 'resident' });
    expect(await me('oAbC123-first-visit')).not.toHaveProperty('studioIds');
    expect(await t.store.count('members')).toBe(members);
  });
});

describe('invite', () => {
  it('a liaison invites a representative of its own studio', async () => {
    const inv = await invite('dev-liaison', { kind: 'representative', representativeId: 'rep-fuying-2' });
    expect(inv.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(inv).toMatchObject({ kind: 'representative', label: '党代表 陈素芬' });
    const issued = Date.parse('2026-11-02T10:00:00+08:00');
    expect(inv.expiresAt).toBeGreaterThanOrEqual(issued + 7 * DAY);
    expect(inv.expiresAt).toBeLessThan(issued + 7 * DAY + 60_000);
    expect(await t.store.get('invites', inv.code)).toMatchObject({ kind: 'representative', representativeId: 'rep-fuying-2', createdBy: 'dev-liaison' });
  });

  it('a liaison cannot invite for another studio', async () => {
    expect(await t.fails('members', 'dev-liaison', { action: 'invite', kind: 'representative', representativeId: 'rep-anzhou-1' })).toBe('FORBIDDEN');
    expect(await t.fails('members', 'dev-liaison', { action: 'invite', kind: 'liaison', studioIds: ['studio-anzhou'] })).toBe('FORBIDDEN');
    expect(await t.fails('members', 'dev-liaison', { action: 'invite', kind: 'liaison', studioIds: ['studio-fuying', 'studio-anzhou'] })).toBe(
      'FORBIDDEN',
    );
    expect(await t.store.count('invites')).toBe(0);
  });

  it('a resident or a representative cannot invite', async () => {
    expect(await t.fails('members', 'dev-resident', { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-2' })).toBe('FORBIDDEN');
    expect(await t.fails('members', 'dev-rep', { action: 'invite', kind: 'representative', representativeId: 'rep-fuying-2' })).toBe('FORBIDDEN');
    expect(await t.fails('members', 'dev-rep', { action: 'invite', kind: 'liaison', studioIds: ['studio-fuying'] })).toBe('FORBIDDEN');
    expect(await t.store.count('invites')).toBe(0);
  });

  it('an admin invites for any studio', async () => {
    expect((await invite('dev-admin', { kind: 'representative', representativeId: 'rep-anzhou-1' })).label).toBe('党代表 郑丹丹');
    expect((await invite('dev-admin', { kind: 'liaison', studioIds: ['studio-anzhou', 'studio-minsu'] })).kind).toBe('liaison');
  });

  it('every invite is a fresh code', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 20; i++) codes.add((await invite('dev-liaison', { kind: 'representative', representativeId: 'rep-fuying-2' })).code);
    expect(codes.size).toBe(20);
  });
});

describe('bind', () => {
  it('makes the caller that representative, who then sees the studio’s items', async () => {
    const item = await submitted(t);
    const { code } = await invite('dev-liaison', { kind: 'representative', representativeId: 'rep-fuying-2' });
    expect(await t.fails('register', 'new-rep', { action: 'get', id: item.id })).toBe('NOT_FOUND');

    const bound = await t.ok('members', 'new-rep', { action: 'bind', code });
    expect(bound).toEqual({ role: 'representative', studioIds: ['studio-fuying'], representativeId: 'rep-fuying-2' });
    expect(await me('new-rep')).toEqual({
      openid: 'new-rep',
      role: 'representative',
      representativeId: 'rep-fuying-2',
      studioIds: ['studio-fuying'],
      contactPublic: false,
      name: '陈素芬',
      uploadDir: expect.any(String),
    });
    expect((await t.ok('register', 'new-rep', { action: 'get', id: item.id })).actions).toEqual(['accept']);
  });

  it('accepts the code in lower case, as typed on a phone', async () => {
    const { code } = await invite('dev-liaison', { kind: 'representative', representativeId: 'rep-fuying-2' });
    await t.ok('members', 'new-rep', { action: 'bind', code: ` ${code.toLowerCase()} ` });
    expect((await me('new-rep')).role).toBe('representative');
  });

  it('a liaison code makes a liaison of those studios', async () => {
    const { code } = await invite('dev-admin', { kind: 'liaison', studioIds: ['studio-anzhou', 'studio-minsu'] });
    await t.ok('members', 'new-liaison', { action: 'bind', code });
    expect(await me('new-liaison')).toMatchObject({ role: 'liaison', studioIds: ['studio-anzhou', 'studio-minsu'] });
  });

  it('a second liaison code adds studios to a liaison', async () => {
    const { code } = await invite('dev-admin', { kind: 'liaison', studioIds: ['studio-anzhou'] });
    await t.ok('members', 'dev-liaison', { action: 'bind', code });
    expect(await me('dev-liaison')).toMatchObject({ role: 'liaison', studioIds: ['studio-fuying', 'studio-anzhou'], name: '福应街道联络员' });
  });

  it('a code is single-use: a second user is refused and stays a resident', async () => {
    const { code } = await invite('dev-liaison', { kind: 'representative', representativeId: 'rep-fuying-2' });
    await t.ok('members', 'first-user', { action: 'bind', code });
    const before = await t.store.get('invites', code);
    // A used code answers as an unknown one (no oracle for guessing); its own user is told they used it.
    expect(await t.fails('members', 'second-user', { action: 'bind', code })).toBe('NOT_FOUND');
    expect(await t.fails('members', 'first-user', { action: 'bind', code })).toBe('INVALID_STATE');
    expect((await me('second-user')).role).toBe('resident');
    expect(await t.store.get('members', 'second-user')).toBeNull();
    expect(await t.store.get('invites', code)).toEqual(before);
  });

  it('an expired code is refused', async () => {
    const { code } = await invite('dev-liaison', { kind: 'representative', representativeId: 'rep-fuying-2' });
    t.clock.advance(7 * DAY + 60_000);
    const r = await t.call('members', 'late-user', { action: 'bind', code });
    expect(r).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '邀请码不正确或已失效，请向联络员核对' } });
    expect((await me('late-user')).role).toBe('resident');
  });

  it('a code still valid on its last day binds', async () => {
    const { code } = await invite('dev-liaison', { kind: 'representative', representativeId: 'rep-fuying-2' });
    t.clock.advance(7 * DAY - 60_000);
    await t.ok('members', 'punctual-user', { action: 'bind', code });
    expect((await me('punctual-user')).role).toBe('representative');
  });

  it('an unknown code answers NOT_FOUND', async () => {
    expect(await t.fails('members', 'someone', { action: 'bind', code: 'ABCDEFGH' })).toBe('NOT_FOUND');
  });

  it('a representative already bound to another WeChat account cannot be bound again', async () => {
    const { code } = await invite('dev-admin', { kind: 'representative', representativeId: 'rep-fuying-1' });
    const r = await t.call('members', 'impostor', { action: 'bind', code });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect((await me('impostor')).role).toBe('resident');
    expect((await me('dev-rep')).representativeId).toBe('rep-fuying-1');
  });

  it('two users racing to bind the same representative with two codes: only one is bound', async () => {
    const a = await invite('dev-liaison', { kind: 'representative', representativeId: 'rep-fuying-3' });
    const b = await invite('dev-liaison', { kind: 'representative', representativeId: 'rep-fuying-3' });
    const results = await Promise.all([
      t.call('members', 'phone-a', { action: 'bind', code: a.code }),
      t.call('members', 'phone-b', { action: 'bind', code: b.code }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results) if (!r.ok) expect(r.error).toMatchObject({ code: 'INVALID_STATE', message: '该党代表已绑定其他微信账号' });
    const bound = await t.store.find<Member>('members', { where: { representativeId: 'rep-fuying-3' } });
    expect(bound).toHaveLength(1);
    // the loser's code was not spent: it can still bind another account once the clash is sorted out
    const loser = results[0].ok ? b.code : a.code;
    expect((await t.store.get<StoredInvite>('invites', loser))?.usedBy).toBeUndefined();
  });

  it('an admin does not bind codes', async () => {
    const { code } = await invite('dev-liaison', { kind: 'representative', representativeId: 'rep-fuying-2' });
    expect(await t.fails('members', 'dev-admin', { action: 'bind', code })).toBe('INVALID_STATE');
    expect((await me('dev-admin')).role).toBe('admin');
  });
});

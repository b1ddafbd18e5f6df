import type { Household, VisitGroup } from '../../core/visits/types';
import { makeTestApp, type TestApp } from '../support/app';
import { bindMember, CHINESE } from '../support/register';
import {
  admin,
  bindPeople,
  groupEvent,
  groups,
  households,
  imported,
  leader,
  liaison,
  member,
  otherRep,
  resident,
  sheetOf,
  upload,
} from '../support/visits';

/** 组团联系服务 (issue 13): groups and the household register with its Excel import; who sees what. */

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ now: '2026-11-02T10:00:00+08:00' });
  await bindPeople(t);
});
afterEach(() => t.close());

const count = (collection: string) => t.store.count(collection);

describe('groups (代表组)', () => {
  it('the township\'s liaison creates a group: leader among the members, the default target 100', async () => {
    const g = await t.ok('visits', liaison, groupEvent({ target: undefined }));
    expect(g).toMatchObject({ townshipId: 'fuying', studioId: 'studio-fuying', name: '城东片代表组', target: 100, villages: ['城东社区', '下叶村'] });
    expect(g.leader).toEqual({ name: '王建华', post: null, representativeId: 'rep-fuying-1' });
    expect(g.members.map((m: { name: string }) => m.name)).toEqual(['王建华', '陈素芬', '周跃进']);
    expect(g.actions).toEqual(expect.arrayContaining(['manage', 'export']));
    expect(g.actions).not.toContain('record');
  });

  it('a committee member who is no representative may lead; the group then needs the liaison to send its cases', async () => {
    const g = await t.ok('visits', liaison, groupEvent({ leader: { name: '李书记', post: '街道党工委委员' } }));
    expect(g.leader).toEqual({ name: '李书记', post: '街道党工委委员', representativeId: null });
    expect(g.members).toHaveLength(2);
    expect(g.actions).toContain('sendCase');
  });

  it('refuses residents, representatives, another township\'s liaison; a representative in two groups; a representative of another township', async () => {
    expect(await t.fails('visits', resident, groupEvent())).toBe('FORBIDDEN');
    expect(await t.fails('visits', leader, groupEvent())).toBe('FORBIDDEN');
    await bindMember(t, 'liaison-anzhou', 'liaison', 'studio-anzhou');
    expect(await t.fails('visits', 'liaison-anzhou', groupEvent())).toBe('FORBIDDEN');
    await t.ok('visits', liaison, groupEvent());
    expect(await t.fails('visits', liaison, groupEvent({ name: '另一个组' }))).toBe('VALIDATION');
    expect(await t.fails('visits', liaison, groupEvent({ name: '另一个组', leader: { representativeId: 'rep-anzhou-1' }, memberIds: [] }))).toBe('VALIDATION');
    expect(await t.fails('visits', liaison, groupEvent())).toBe('CONFLICT');
    expect(await count('visitGroups')).toBe(1);
  });

  it('refuses malformed groups with Chinese messages and stores nothing', async () => {
    for (const bad of [
      groupEvent({ name: '' }),
      groupEvent({ memberIds: 'rep-fuying-2' }),
      groupEvent({ target: 0 }),
      groupEvent({ villages: [], sector: undefined }),
      groupEvent({ leader: { representativeId: 'rep-fuying-1', name: '王' } }),
      groupEvent({ extra: 1 }),
    ]) {
      const r = await t.call('visits', liaison, bad);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('VALIDATION');
        expect(r.error.message).toMatch(CHINESE);
      }
    }
    expect(await count('visitGroups')).toBe(0);
  });

  it('lists by role: the liaison the township\'s, a representative their own, a resident nothing', async () => {
    const { g, other } = await groups(t);
    expect((await t.ok('visits', liaison, { action: 'groups' })).items.map((x: { id: string }) => x.id)).toEqual([g.id, other.id]);
    const mine = await t.ok('visits', member, { action: 'groups' });
    expect(mine.items).toEqual([expect.objectContaining({ id: g.id, actions: ['record', 'export'], progress: { visited: 0, target: 100, percent: 0 } })]);
    expect((await t.ok('visits', leader, { action: 'groups' })).items[0].actions).toEqual(['record', 'sendCase', 'export']);
    expect(await t.fails('visits', resident, { action: 'groups' })).toBe('FORBIDDEN');
    expect(await t.fails('visits', otherRep, { action: 'group', id: g.id })).toBe('NOT_FOUND');
    expect(await t.fails('visits', resident, { action: 'group', id: g.id })).toBe('NOT_FOUND');
  });

  it('the liaison changes the members and the target; the candidates say who is in which group', async () => {
    const { g } = await groups(t);
    const changed = await t.ok('visits', liaison, { action: 'updateGroup', id: g.id, memberIds: ['rep-fuying-2', 'rep-fuying-5'], target: 120 });
    expect(changed.members.map((m: { representativeId: string }) => m.representativeId)).toEqual(['rep-fuying-1', 'rep-fuying-2', 'rep-fuying-5']);
    expect(changed.target).toBe(120);
    expect(await t.fails('visits', liaison, { action: 'updateGroup', id: g.id, memberIds: ['rep-fuying-4'] })).toBe('VALIDATION');
    expect(await t.fails('visits', member, { action: 'updateGroup', id: g.id, target: 10 })).toBe('FORBIDDEN');
    const c = await t.ok('visits', liaison, { action: 'candidates', townshipId: 'fuying' });
    expect(c.items[0]).toMatchObject({ id: expect.stringMatching(/^rep-fuying-/), studioId: 'studio-fuying' });
    expect(c.items.find((r: { id: string }) => r.id === 'rep-fuying-5').group).toBe('城东片代表组');
    expect(c.items.find((r: { id: string }) => r.id === 'rep-jiaoyu-1').group).toBeNull();
    expect(await t.fails('visits', leader, { action: 'candidates', townshipId: 'fuying' })).toBe('FORBIDDEN');
  });
});

describe('households (住户名册)', () => {
  const add = (groupId: string, over: Record<string, unknown> = {}) => ({
    action: 'addHousehold',
    groupId,
    village: '下叶村',
    team: '3',
    doorNo: '12',
    head: '张建国',
    phone: '13812345678',
    categories: ['party_center', 'hardship'],
    repId: 'rep-fuying-2',
    ...over,
  });

  it('the liaison adds one; the same address again (written differently) is refused', async () => {
    const { g } = await groups(t);
    const h = await t.ok('visits', liaison, add(g.id));
    expect(h).toMatchObject({ address: '下叶村3组12号', phone: '13812345678', phoneMasked: false, mustVisit: true, rep: { representativeId: 'rep-fuying-2', name: '陈素芬' } });
    expect(h.categories.map((c: { label: string }) => c.label)).toEqual(['党员中心户', '特殊困难群众']);
    expect(await t.fails('visits', liaison, add(g.id, { team: '3组', doorNo: '12号 ', head: '张三' }))).toBe('CONFLICT');
    expect(await t.fails('visits', liaison, add(g.id, { repId: 'rep-fuying-4', doorNo: '13' }))).toBe('VALIDATION');
    expect(await t.fails('visits', member, add(g.id, { doorNo: '14' }))).toBe('FORBIDDEN');
    expect(await count('households')).toBe(1);
  });

  it('only the group\'s members, the township\'s liaison and admins see them; representatives see phones masked', async () => {
    const { g } = await groups(t);
    await t.ok('visits', liaison, add(g.id));
    const seen = (await t.ok('visits', member, { action: 'households', groupId: g.id })).items[0];
    expect(seen).toMatchObject({ head: '张建国', phone: '138****5678', phoneMasked: true });
    expect((await t.ok('visits', admin, { action: 'households', groupId: g.id })).items[0].phone).toBe('13812345678');
    expect(await t.fails('visits', otherRep, { action: 'households', groupId: g.id })).toBe('NOT_FOUND');
    expect(await t.fails('visits', resident, { action: 'households', groupId: g.id })).toBe('NOT_FOUND');
    await bindMember(t, 'liaison-anzhou', 'liaison', 'studio-anzhou');
    expect(await t.fails('visits', 'liaison-anzhou', { action: 'households', groupId: g.id })).toBe('NOT_FOUND');
    expect(await t.fails('visits', resident, { action: 'household', id: seen.id })).toBe('NOT_FOUND');
  });

  it('the liaison moves, changes and removes a household', async () => {
    const { g, other } = await groups(t);
    const h = await t.ok('visits', liaison, add(g.id));
    const moved = await t.ok('visits', liaison, { action: 'updateHousehold', id: h.id, groupId: other.id, categories: [] });
    expect(moved).toMatchObject({ groupId: other.id, mustVisit: false, rep: null });
    const stored = await t.store.get<Household>('households', h.id);
    expect(stored?.nextRemindAt).toBeNull();
    expect(await t.fails('visits', member, { action: 'removeHousehold', id: h.id })).toBe('NOT_FOUND');
    await t.ok('visits', liaison, { action: 'removeHousehold', id: h.id });
    expect(await count('households')).toBe(0);
  });
});

describe('importing a sheet (导入住户)', () => {
  it('20 rows with two errors: both reported by row number, nothing imported; fixed, all 20 are', async () => {
    const { g } = await groups(t);
    const rows = households(20);
    rows[4] = { ...rows[4], phone: '12345' };
    rows[11] = { ...rows[11], categories: '五保户' };
    const r = await t.call('sheets', liaison, { action: 'importHouseholds', groupId: g.id, fileId: upload(t, await sheetOf(rows), 'b'.repeat(32)) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.message).toBe('表格有 2 行有误（共 20 行），未导入任何住户，请改正后重新上传');
    const errors = (r.error.details as { errors: Array<{ row: number; column: string; message: string }> }).errors;
    // the title takes two rows and the header one: data row 5 is sheet row 8
    expect(errors).toEqual([
      { row: 8, column: '联系电话', message: '联系电话「12345」不是手机号或固定电话' },
      expect.objectContaining({ row: 15, column: '必访类别', message: expect.stringContaining('必访类别「五保户」不认识') }),
    ]);
    expect(await count('households')).toBe(0);

    const ok = await imported(t, g.id, households(20), 'c'.repeat(32));
    expect(ok).toEqual({ groupId: g.id, rows: 20, imported: 20, alreadyImported: 0 });
    const list = await t.ok('visits', liaison, { action: 'households', groupId: g.id, pageSize: 50 });
    expect(list.total).toBe(20);
    // the register's order: team then door number, as numbers
    expect(list.items.slice(0, 3).map((h: { address: string }) => h.address)).toEqual(['下叶村1组4号', '下叶村1组8号', '下叶村1组12号']);
    expect((await t.ok('visits', liaison, { action: 'households', groupId: g.id, must: true })).total).toBe(5);
  });

  it('the same file again completes a cut-off import and doubles nothing; another file with those addresses is refused', async () => {
    const { g } = await groups(t);
    const bytes = await sheetOf(households(6));
    const fileId = upload(t, bytes, 'd'.repeat(32));
    await t.ok('sheets', liaison, { action: 'importHouseholds', groupId: g.id, fileId });
    // As if the first run had stopped after four households:
    const rows = await t.store.find<Household>('households', { limit: 10 });
    for (const h of rows.slice(4)) await t.store.remove('households', h._id);
    expect(await t.ok('sheets', liaison, { action: 'importHouseholds', groupId: g.id, fileId })).toMatchObject({ imported: 2, alreadyImported: 4 });
    expect(await count('households')).toBe(6);
    const again = await t.call('sheets', liaison, { action: 'importHouseholds', groupId: g.id, fileId: upload(t, bytes, 'e'.repeat(32)) });
    expect(again.ok).toBe(false);
    expect(await count('households')).toBe(6);
  });

  it('refuses a sheet without the template\'s columns, a file that is not Excel, a missing file, and callers who may not manage', async () => {
    const { g } = await groups(t);
    const noHead = await sheetOf(households(2), ['村', '组', '门牌', '户主']);
    expect(await t.fails('sheets', liaison, { action: 'importHouseholds', groupId: g.id, fileId: upload(t, noHead, '1'.repeat(32)) })).toBe('VALIDATION');
    expect(await t.fails('sheets', liaison, { action: 'importHouseholds', groupId: g.id, fileId: upload(t, Buffer.from('PK\x03\x04 not really'), '2'.repeat(32)) })).toBe('VALIDATION');
    expect(await t.fails('sheets', liaison, { action: 'importHouseholds', groupId: g.id, fileId: `local://uploads/${'3'.repeat(32)}.xlsx` })).toBe('VALIDATION');
    expect(await t.fails('sheets', liaison, { action: 'importHouseholds', groupId: g.id, fileId: 'https://evil.example/x.xlsx' })).toBe('VALIDATION');
    const good = upload(t, await sheetOf(households(2)), '4'.repeat(32));
    expect(await t.fails('sheets', leader, { action: 'importHouseholds', groupId: g.id, fileId: good })).toBe('FORBIDDEN');
    expect(await t.fails('sheets', resident, { action: 'importHouseholds', groupId: g.id, fileId: good })).toBe('NOT_FOUND');
    expect(await count('households')).toBe(0);
  });

  it('a duplicate address within the sheet and a member who is not of the group are row errors', async () => {
    const { g } = await groups(t);
    const rows = households(3);
    rows[2] = { ...rows[0], head: '另一户' };
    rows[1] = { ...rows[1], rep: '卢文娟' };
    const r = await t.call('sheets', liaison, { action: 'importHouseholds', groupId: g.id, fileId: upload(t, await sheetOf(rows)) });
    expect(r.ok ? [] : (r.error.details as { errors: Array<{ row: number; message: string }> }).errors.map((e) => [e.row, e.message])).toEqual([
      [5, '联系代表「卢文娟」不是本代表组的组员'],
      [6, '与第 4 行是同一地址'],
    ]);
  });

  it('the template is a sheet of the columns the import reads; residents may not have it', async () => {
    const out = await t.ok('sheets', liaison, { action: 'householdTemplate' });
    expect(out.columns).toEqual(['村（社区）', '组', '门牌号', '户主姓名', '联系电话', '必访类别', '联系代表', '备注']);
    const { g } = await groups(t);
    // The template itself, filled in by nobody, imports nothing and says so.
    const r = await t.call('sheets', liaison, { action: 'importHouseholds', groupId: g.id, fileId: upload(t, (t.app.deps.files as any).files.get(out.fileId).bytes) });
    expect(r.ok ? '' : r.error.message).toBe('表格中没有住户');
    expect(await t.fails('sheets', resident, { action: 'householdTemplate' })).toBe('FORBIDDEN');
  });
});

it('stores no field path CloudBase would refuse (letters, digits, _, at most 32)', async () => {
  const { g } = await groups(t);
  await imported(t, g.id, households(2));
  const docs = [...(await t.store.find<VisitGroup>('visitGroups', { limit: 5 })), ...(await t.store.find<Household>('households', { limit: 5 }))];
  const paths = (o: unknown, prefix = ''): string[] =>
    o && typeof o === 'object' && !Array.isArray(o)
      ? Object.entries(o).flatMap(([k, v]) => [prefix + k, ...paths(v, `${prefix}${k}.`)])
      : Array.isArray(o)
        ? o.flatMap((v) => paths(v, prefix))
        : [];
  const bad = docs.flatMap((d) => paths(d)).filter((p) => p.length > 32 || !/^[A-Za-z0-9_.]+$/.test(p) || (/^_/.test(p) && p !== '_id' && p !== '_v'));
  expect(bad).toEqual([]);
});

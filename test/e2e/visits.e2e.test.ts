import http from 'node:http';
import { readSheet } from '../../core/sheets/xlsx';
import { startLocalHost, type LocalHost } from '../support/localHost';
import { households, sheetOf, type Row } from '../support/visits';

/**
 * Issue 13's group visits as a new user would try them with `npm start`: over HTTP, on the
 * real local host — a group, a sheet of households uploaded and imported, visits, progress,
 * 民情会诊 to its close, the ledger as an xlsx, and who may see what.
 */
let host: LocalHost;
beforeAll(async () => {
  host = await startLocalHost();
}, 60_000);
afterAll(async () => {
  await host.dispose();
});

const ok = async (fn: string, openid: string, event: Record<string, unknown>) => {
  const r = await host.call(fn, openid, event);
  if (r.status !== 200) throw new Error(`${fn}.${String(event.action)} as ${openid}: ${r.status} ${r.text}`);
  return r.body.data;
};

/** `POST /upload` as `wx.uploadFile` sends it: multipart/form-data with the file in `file`. */
function upload(bytes: Buffer, openid = 'dev-liaison'): Promise<{ status: number; body: any }> {
  const boundary = '----wxUploadBoundaryVisitsE2E';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="households.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return new Promise((resolve, reject) => {
    const req = http.request(`${host.url}/upload`, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(body.length), 'x-wx-openid': openid } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** `GET /files/<path>` of a file ID `local://files/<path>`, as bytes. */
function download(fileId: string): Promise<{ status: number; type: string; bytes: Buffer }> {
  const path = fileId.replace(/^local:\/\/files\//, '');
  return new Promise((resolve, reject) => {
    http.get(`${host.url}/files/${path}`, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), bytes: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

async function bind(openid: string, representativeId: string) {
  const { code } = await ok('members', 'dev-admin', { action: 'invite', kind: 'representative', representativeId });
  await ok('members', openid, { action: 'bind', code });
}

it('a group of three, 20 households imported after fixing two rows, 12 visited, a 民情会诊 to its close, the ledger — and nobody else sees the households', async () => {
  await host.request('POST', '/dev/clock', { body: { now: '2026-11-02T10:00:00+08:00' } });
  await bind('e2e-member', 'rep-fuying-2');
  await bind('e2e-member-3', 'rep-fuying-3');
  await bind('e2e-other', 'rep-fuying-4');

  // The liaison creates a group of three representatives with a target of 100, and another.
  const group = await ok('visits', 'dev-liaison', {
    action: 'createGroup',
    townshipId: 'fuying',
    name: '城东片代表组',
    leader: { representativeId: 'rep-fuying-1' },
    memberIds: ['rep-fuying-2', 'rep-fuying-3'],
    villages: ['下叶村'],
    target: 100,
  });
  expect(group.members).toHaveLength(3);
  await ok('visits', 'dev-liaison', { action: 'createGroup', townshipId: 'fuying', name: '城西片代表组', leader: { representativeId: 'rep-fuying-4' }, memberIds: [], villages: ['城西社区'] });

  // The template downloads as an xlsx.
  const template = await ok('sheets', 'dev-liaison', { action: 'householdTemplate' });
  const t = await download(template.fileId);
  expect(t.status).toBe(200);
  expect(t.type).toContain('spreadsheetml');
  expect(t.bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');

  // A sheet of 20 households with two wrong rows: both reported by row, nothing imported.
  const rows: Row[] = households(20);
  rows[6] = { ...rows[6], head: '' };
  rows[13] = { ...rows[13], phone: '0576' };
  const up = await upload(await sheetOf(rows));
  expect(up.status).toBe(200);
  expect(up.body.data.fileID).toMatch(/^local:\/\/uploads\/[a-f0-9]{32}\.xlsx$/);
  const refused = await host.call('sheets', 'dev-liaison', { action: 'importHouseholds', groupId: group.id, fileId: up.body.data.fileID });
  expect(refused.status).toBe(400);
  expect(refused.body.error.details.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
    [10, '户主姓名'],
    [17, '联系电话'],
  ]);
  expect((await ok('visits', 'dev-liaison', { action: 'households', groupId: group.id })).total).toBe(0);
  // Fixed, it imports all 20.
  const fixed = await upload(await sheetOf(households(20)));
  expect(await ok('sheets', 'dev-liaison', { action: 'importHouseholds', groupId: group.id, fileId: fixed.body.data.fileID })).toMatchObject({ imported: 20 });
  const register = await ok('visits', 'dev-liaison', { action: 'households', groupId: group.id, pageSize: 50 });
  expect(register.total).toBe(20);
  const must = register.items.filter((h: { mustVisit: boolean }) => h.mustVisit);
  const order = [...must, ...register.items.filter((h: { mustVisit: boolean }) => !h.mustVisit)].slice(0, 12);

  // A member records visits to 12 households: one issue solved on the spot, one registered.
  for (const [i, h] of order.entries()) {
    await ok('visits', 'e2e-member', {
      action: 'recordVisit',
      requestId: `e2e-visit-${String(i).padStart(4, '0')}`,
      groupId: group.id,
      date: '2026-11-02',
      mode: 'home',
      householdIds: [h.id],
      learned: '了解家庭生产生活情况，老人身体尚好。',
      ...(i === 0
        ? {
            issues: [
              { text: '门前路灯不亮，晚上出行不便。', category: '城乡建设', outcome: 'solved', action: '当场联系村委电工修好' },
              { text: '村里到镇上的公交班次太少，老人看病不方便。', category: '交通出行', outcome: 'registered' },
            ],
          }
        : {}),
    });
  }
  // The registered one is in the studio's inbox with channel visit, owned by the visitor.
  const inbox = await ok('register', 'dev-liaison', { action: 'inbox' });
  expect(inbox.items).toEqual([expect.objectContaining({ channel: 'visit', status: 'accepted', owner: { name: '陈素芬' }, content: '村里到镇上的公交班次太少，老人看病不方便。' })]);

  // Progress: 12 of 100, each must-visit category covered.
  const p = await ok('visits', 'e2e-member', { action: 'progress', scope: 'group', id: group.id });
  expect(p).toMatchObject({ households: { visited: 12, registered: 20 }, target: 100, percent: 12, visits: 12, issues: { found: 2, solved: 1, registered: 1 } });
  expect(p.coverage.map((c: { label: string; visited: number; registered: number; percent: number }) => [c.label, c.visited, c.registered, c.percent])).toEqual([
    ['党员中心户', 1, 1, 100],
    ['创业创新带头人', 1, 1, 100],
    ['“四老”对象', 1, 1, 100],
    ['重点信访群众', 1, 1, 100],
    ['特殊困难群众', 1, 1, 100],
  ]);

  // The leader sends the registered issue to 民情会诊; the liaison records two measures; both done, it closes.
  const issues = await ok('visits', 'dev-rep', { action: 'issues', groupId: group.id, open: true });
  const hard = issues.items.find((i: { outcome: string }) => i.outcome === 'registered');
  const c = await ok('visits', 'dev-rep', { action: 'sendCase', requestId: 'e2e-case-000001', groupId: group.id, issueIds: [hard.id], title: '下叶村公交线路调整', summary: '涉及县交通运输局和公交公司，代表组协调未果，请街道党工委民情会诊。' });
  expect(c).toMatchObject({ no: 'MQ2026-001', status: 'submitted' });
  await ok('visits', 'dev-liaison', { action: 'scheduleCase', id: c.id, at: '2026-11-05T14:30:00+08:00', place: '福应街道会议室' });
  await host.request('POST', '/dev/clock', { body: { now: '2026-11-05T17:00:00+08:00' } });
  const decided = await ok('visits', 'dev-liaison', {
    action: 'decideCase',
    id: c.id,
    decision: '调整 3 路公交线路经过下叶村，并加密班次',
    measures: [
      { text: '公交公司调整 3 路线路经过下叶村', owner: '县公交公司', deadline: '2026-12-31' },
      { text: '代表组收集村民乘车时段需求', owner: '陈素芬', ownerRepId: 'rep-fuying-2', deadline: '2026-11-20' },
    ],
  });
  expect(decided.measures).toHaveLength(2);
  await ok('visits', 'e2e-member', { action: 'completeMeasure', id: c.id, measureId: 'm2', result: '已收集 36 户村民乘车需求' });
  const closed = await ok('visits', 'dev-liaison', { action: 'completeMeasure', id: c.id, measureId: 'm1', result: '3 路公交已改线，班次加密至每小时一班' });
  expect(closed.status).toBe('closed');

  // The ledger exports as an xlsx whose rows match the visits.
  const ledger = await ok('sheets', 'dev-liaison', { action: 'visitLedger', scope: 'group', id: group.id, year: 2026 });
  const file = await download(ledger.fileId);
  expect(file.status).toBe(200);
  const sheet = await readSheet(file.bytes, ledger.columns.map((h: string) => ({ key: h, header: h })));
  const visits = await ok('visits', 'dev-liaison', { action: 'visits', groupId: group.id, pageSize: 50 });
  expect(sheet.rows).toHaveLength(12);
  expect(sheet.rows.map((r) => r.values['走访对象']).sort()).toEqual(visits.items.map((v: { households: Array<{ label: string; head: string }> }) => `${v.households[0].label}（${v.households[0].head}）`).sort());
  expect(sheet.rows.filter((r) => r.values['登记办理（编号）'] !== '').map((r) => [r.values['当场解决'], r.values['提交民情会诊']])).toEqual([['1', '1']]);

  // A representative of another group cannot see these households; a resident sees nothing.
  expect((await host.call('visits', 'e2e-other', { action: 'households', groupId: group.id })).status).toBe(404);
  expect((await host.call('visits', 'e2e-other', { action: 'household', id: order[0].id })).status).toBe(404);
  expect((await host.call('visits', 'e2e-other', { action: 'case', id: c.id })).status).toBe(404);
  expect((await host.call('visits', 'dev-resident', { action: 'households', groupId: group.id })).status).toBe(404);
  expect((await host.call('visits', 'dev-resident', { action: 'groups' })).status).toBe(403);
  expect((await host.call('visits', 'dev-resident', { action: 'cases' })).status).toBe(403);
  expect((await host.call('sheets', 'dev-resident', { action: 'visitLedger', scope: 'group', id: group.id, year: 2026 })).status).toBe(404);

  // Malformed events are refused with nothing changed.
  const before = await ok('visits', 'dev-liaison', { action: 'progress', scope: 'group', id: group.id });
  for (const bad of [
    { action: 'recordVisit', requestId: 'e2e-visit-bad-01', groupId: group.id, date: '2026-13-01', mode: 'home', householdIds: [order[0].id], learned: '日期不存在的走访' },
    { action: 'recordVisit', requestId: 'e2e-visit-bad-02', groupId: group.id, date: '2026-11-05', mode: 'walk', householdIds: [order[0].id], learned: '走访方式不对的走访' },
    { action: 'recordVisit', requestId: 'e2e-visit-bad-03', groupId: group.id, date: '2026-11-05', mode: 'home', householdIds: ['x y'], learned: '住户编号不对' },
    { action: 'addHousehold', groupId: group.id, village: '下叶村', doorNo: '1号', head: '新户', phone: '123', extra: true },
  ]) {
    const r = await host.call('visits', bad.action === 'addHousehold' ? 'dev-liaison' : 'e2e-member', bad);
    expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION']);
  }
  expect((await host.call('visits', 'e2e-member', '{"action":"recordVisit",')).status).toBe(400);
  const after = await ok('visits', 'dev-liaison', { action: 'progress', scope: 'group', id: group.id });
  expect(after).toEqual(before);
  expect((await ok('visits', 'dev-liaison', { action: 'households', groupId: group.id })).total).toBe(20);
}, 120_000);

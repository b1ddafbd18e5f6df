import { readSheet } from '../../core/sheets/xlsx';
import { startLocalHost, type LocalHost } from '../support/localHost';

/** The register exported on the real local host (tsx, as `npm start` runs it), and the file served. */
let host: LocalHost;
beforeAll(async () => {
  host = await startLocalHost();
}, 60_000);
afterAll(async () => {
  await host.dispose();
});

it('a liaison exports the register as an xlsx the local host serves at /files/…', async () => {
  await host.request('POST', '/dev/clock', { body: { now: '2026-11-02T10:00:00+08:00' } });
  const submitted = await host.call('register', 'dev-resident', {
    action: 'submit',
    requestId: 'e2e-sheet-000001',
    studioId: 'studio-fuying',
    category: '交通出行',
    content: '城东路口红绿灯时间太短，老人过马路来不及。',
  });
  expect(submitted.status).toBe(200);
  const out = await host.call('sheets', 'dev-liaison', { action: 'register', scope: 'studio', id: 'studio-fuying', from: '2026-11-01', to: '2026-11-30' });
  expect(out.status).toBe(200);
  const fileId = out.body.data.fileId as string;
  expect(fileId).toMatch(/^local:\/\/files\/exports\/register\/.+\.xlsx$/);
  const file = await host.request('GET', `/files/${fileId.slice('local://files/'.length)}`);
  expect(file.status).toBe(200);
  expect(file.headers['content-type']).toContain('spreadsheetml');
  const sheet = await readSheet(file.bytes, [{ key: 'no', header: '编号' }, { key: 'content', header: '反映内容' }]);
  expect(sheet.rows.map((r) => r.values)).toEqual([{ no: 'XJ2026-000001', content: '城东路口红绿灯时间太短，老人过马路来不及。' }]);
  expect((await host.request('GET', '/files/exports/../../studio.sqlite')).status).toBe(404);
}, 60_000);

/**
 * The code on the printable notices (issue 16 point 6): locally a QR code of the page path with
 * its id, in the cloud a 小程序码 from `wxacode.getUnlimited` (scene = the id, page without
 * parameters), drawn once and read back from the Files port afterwards.
 */
import QRCode from 'qrcode';
import { wechatCodes, type WxacodeOpenApi } from '../../core/adapters/wechat/codes';
import type { CodeDoc } from '../../core/codes/notice';
import { memoryFiles } from '../../core/ports/files';
import { DEV_IDENTITIES, DEV_REP_ID, DEV_STUDIO_ID, makeTestApp, requestId, type TestApp } from '../support/app';

const { resident, liaison } = DEV_IDENTITIES;

/** pngjs (qrcode's own PNG library) has no typings here: the one call used. */
const { PNG } = require('pngjs') as { PNG: { sync: { read(bytes: Buffer): { width: number; height: number; data: Buffer } } } };

async function publishedReception(t: TestApp): Promise<string> {
  const draft = await t.ok<{ id: string }>('receptions', liaison, {
    action: 'schedule',
    studioId: DEV_STUDIO_ID,
    startAt: '2026-11-12T09:00:00+08:00',
    endAt: '2026-11-12T11:30:00+08:00',
    form: 'studio',
    topic: '老旧小区改造意见征集',
    representativeIds: [DEV_REP_ID],
    capacity: 3,
  });
  await t.ok('receptions', liaison, { action: 'publish', id: draft.id });
  return draft.id;
}

async function publishedForum(t: TestApp): Promise<string> {
  const f = await t.ok<{ id: string }>('forums', liaison, {
    action: 'schedule',
    requestId: requestId(),
    level: 'township',
    studioId: 'studio-fuying',
    topic: '破解城东片区停车难',
    description: '围绕城东片区老旧小区停车难的问题，听取党代表和群众意见，形成对策建议。',
    startAt: '2026-11-20T14:00:00+08:00',
    endAt: '2026-11-20T16:30:00+08:00',
    form: 'studio',
    representativeIds: ['rep-fuying-1'],
    invitedDepartmentIds: [],
  });
  await t.ok('forums', liaison, { action: 'publish', id: f.id });
  return f.id;
}

/** The image the notice embeds, as bytes. */
function imageOf(html: string): { type: string; bytes: Buffer } {
  const m = /<img class="code" src="data:(image\/[a-z]+);base64,([A-Za-z0-9+/=]+)"/.exec(html);
  if (!m) throw new Error('the notice has no code image');
  return { type: m[1], bytes: Buffer.from(m[2], 'base64') };
}

/** Reads the QR modules out of a PNG the way a scanner samples them: the centre of each module. */
function modulesOf(png: Buffer, size: number, margin: number): boolean[] {
  const img = PNG.sync.read(png);
  const cell = img.width / (size + 2 * margin);
  const out: boolean[] = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const x = Math.floor((margin + col + 0.5) * cell);
      const y = Math.floor((margin + row + 0.5) * cell);
      out.push(img.data[(y * img.width + x) * 4] < 128);
    }
  }
  return out;
}

describe('the local notice', () => {
  it('a reception notice holds a QR code whose modules are the QR of its page path with the id', async () => {
    const t = await makeTestApp();
    const id = await publishedReception(t);
    const { html } = await t.ok<{ html: string }>('receptions', resident, { action: 'notice', id });
    const { type, bytes } = imageOf(html);
    expect(type).toBe('image/png');
    const expected = QRCode.create(`pages/receptions/detail/index?id=${id}`, { errorCorrectionLevel: 'M' }).modules;
    expect(modulesOf(bytes, expected.size, 2)).toEqual(Array.from(expected.data, (b) => b === 1));
    // Another page's path would be another code.
    const other = QRCode.create(`pages/forums/detail/index?id=${id}`, { errorCorrectionLevel: 'M' }).modules;
    expect(modulesOf(bytes, other.size, 2)).not.toEqual(Array.from(other.data, (b) => b === 1));
    expect(html).toContain('微信扫一扫');
    expect(html).toContain(`pages/receptions/detail/index?id=${id}`);
  });

  it('a forum notice holds the QR code of the forum page', async () => {
    const t = await makeTestApp();
    const id = await publishedForum(t);
    const { html } = await t.ok<{ html: string }>('forums', resident, { action: 'notice', id });
    const expected = QRCode.create(`pages/forums/detail/index?id=${id}`, { errorCorrectionLevel: 'M' }).modules;
    expect(modulesOf(imageOf(html).bytes, expected.size, 2)).toEqual(Array.from(expected.data, (b) => b === 1));
  });
});

/** A fake of `cloud.openapi.wxacode` recording what it was asked. */
function fakeWxacode(answer: () => Promise<{ contentType?: string; buffer?: unknown; errCode?: number }>) {
  const calls: Array<Parameters<WxacodeOpenApi['wxacode']['getUnlimited']>[0]> = [];
  const openapi: WxacodeOpenApi = {
    wxacode: {
      async getUnlimited(req) {
        calls.push(req);
        return answer();
      },
    },
  };
  return { calls, openapi };
}
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

describe('the 小程序码 in the cloud', () => {
  it('asks getUnlimited for the page without parameters and the id as scene, once: later notices read the kept image', async () => {
    const wx = fakeWxacode(async () => ({ contentType: 'image/jpeg', buffer: JPEG, errCode: 0 }));
    const files = memoryFiles();
    const t = await makeTestApp({ codes: wechatCodes(wx.openapi), files });
    const id = await publishedReception(t);
    expect(id.length).toBeLessThanOrEqual(32);

    const first = (await t.ok<{ html: string }>('receptions', resident, { action: 'notice', id })).html;
    expect(wx.calls).toEqual([{ scene: id, page: 'pages/receptions/detail/index', check_path: false, env_version: 'release', width: 280 }]);
    expect(imageOf(first)).toEqual({ type: 'image/jpeg', bytes: JPEG });
    const kept = await t.store.find<CodeDoc>('codes', { where: { targetId: id } });
    expect(kept).toHaveLength(1);
    expect(files.files.get(kept[0].fileId)?.bytes).toEqual(JPEG);

    const second = (await t.ok<{ html: string }>('receptions', resident, { action: 'notice', id })).html;
    expect(wx.calls).toHaveLength(1);
    expect(second).toBe(first);
  });

  it('draws the code again when the kept image is gone', async () => {
    const wx = fakeWxacode(async () => ({ contentType: 'image/jpeg', buffer: JPEG, errCode: 0 }));
    const files = memoryFiles();
    const t = await makeTestApp({ codes: wechatCodes(wx.openapi), files });
    const id = await publishedForum(t);
    await t.ok('forums', resident, { action: 'notice', id });
    files.files.clear();
    const { html } = await t.ok<{ html: string }>('forums', resident, { action: 'notice', id });
    expect(wx.calls.map((c) => c.page)).toEqual(['pages/forums/detail/index', 'pages/forums/detail/index']);
    expect(imageOf(html).bytes).toEqual(JPEG);
    expect(await t.store.find('codes', { where: { targetId: id } })).toHaveLength(1);
  });

  it('a WeChat failure leaves the notice printable with the path, and nothing kept', async () => {
    const wx = fakeWxacode(async () => {
      throw Object.assign(new Error('errCode: 45009 reach max api minute hour limit'), { errCode: 45009 });
    });
    const t = await makeTestApp({ codes: wechatCodes(wx.openapi) });
    const id = await publishedReception(t);
    const { html } = await t.ok<{ html: string }>('receptions', resident, { action: 'notice', id });
    expect(html).not.toContain('<img class="code"');
    expect(html).toContain(`pages/receptions/detail/index?id=${id}`);
    expect(await t.store.find('codes', { where: { targetId: id } })).toEqual([]);
  });

  it('refuses a scene longer than 32 characters rather than send it', async () => {
    const wx = fakeWxacode(async () => ({ contentType: 'image/jpeg', buffer: JPEG }));
    await expect(wechatCodes(wx.openapi).image({ page: 'pages/receptions/detail/index', id: 'x'.repeat(33) })).rejects.toThrow(/32/);
    expect(wx.calls).toEqual([]);
  });
});

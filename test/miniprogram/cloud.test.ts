import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
/**
 * services/cloud.ts, the one module that talks to the back end: in the cloud through
 * wx.cloud.callFunction, locally over HTTP to the real local host (local/server.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { localFiles } from '../../core/adapters/files/local';
import { createLocalServer } from '../../local/server';
import { submitEvent } from '../support/app';
import { CLOUD_BACKEND, DEV_IDENTITIES, startBackend, testConfig, type Backend } from './support/harness';

interface CloudModule {
  call<T = any>(fn: string, action: string, params?: Record<string, unknown>): Promise<T>;
  uploadPhotos(paths: string[]): Promise<string[]>;
  photoSrc(fileId: string): string;
  CloudError: new (...args: any[]) => Error & { code: string };
}
// Required, not imported: its wx typings belong to the mini-program's tsconfig, not this one.
const cloud = (): CloudModule => require('../../miniprogram/services/cloud');
const wx = () => (globalThis as any).wx;

/** The error a call rejects with. */
async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; isCloudError: boolean }> {
  try {
    await p;
  } catch (e: any) {
    return { code: e.code, message: e.message, isCloudError: e instanceof cloud().CloudError };
  }
  throw new Error('expected the call to fail');
}

describe('in a CloudBase environment', () => {
  let backend: Backend;
  beforeEach(async () => {
    testConfig.backend = CLOUD_BACKEND;
    backend = await startBackend();
  });

  it('initialises wx.cloud once with the environment and sends {action, ...params}', async () => {
    const init = jest.spyOn(wx().cloud, 'init');
    const townships = await cloud().call<unknown[]>('directory', 'townships');
    await cloud().call('directory', 'studio', { id: 'studio-fuying' });
    expect(townships).toHaveLength(20);
    expect(init.mock.calls.length).toBeLessThanOrEqual(1);
    expect(backend.sent[1]).toEqual({ name: 'directory', data: { action: 'studio', id: 'studio-fuying' }, openid: 'dev-resident' });
  });

  it('a refusal keeps the back end\'s code and Chinese message', async () => {
    expect(await failure(cloud().call('register', 'inbox'))).toEqual({ code: 'FORBIDDEN', message: '只有党代表、联络员和管理员可以查看待办', isCloudError: true });
    expect(await failure(cloud().call('register', 'submit', { ...submitEvent(), action: undefined, content: '短' }))).toEqual({
      code: 'VALIDATION',
      message: '输入有误：反映内容至少 5 个字',
      isCloudError: true,
    });
  });

  it('no answer is 网络不给力; a crashed function or a strange answer is 服务暂时不可用', async () => {
    backend.dropNextCall();
    expect(await failure(cloud().call('directory', 'townships'))).toEqual({ code: 'NETWORK', message: '网络不给力，请稍后重试', isCloudError: true });

    jest.spyOn(wx().cloud, 'callFunction').mockRejectedValueOnce({ errMsg: 'cloud.callFunction:fail Error: errCode: -504002 functions execute fail' });
    expect(await failure(cloud().call('directory', 'townships'))).toEqual({ code: 'INTERNAL', message: '服务暂时不可用，请稍后重试', isCloudError: true });

    jest.spyOn(wx().cloud, 'callFunction').mockResolvedValueOnce({ result: '<html>502</html>', errMsg: 'cloud.callFunction:ok' });
    expect(await failure(cloud().call('directory', 'townships'))).toEqual({ code: 'INTERNAL', message: '服务暂时不可用，请稍后重试', isCloudError: true });
  });

  it('uploads photos to cloud storage and answers their file IDs', async () => {
    const ids = await cloud().uploadPhotos(['wxfile://tmp/a.jpg', 'wxfile://tmp/b.PNG']);
    // Under the caller's own folder, which members.me tells (the mini-program does not know its openid).
    expect(backend.sent.filter((s) => s.data.action === 'me')).toHaveLength(1);
    expect(backend.uploads).toEqual([expect.stringMatching(/^opinions\/u[0-9a-f]{24}\/\d{6}\/[a-z0-9-]+\.jpg$/), expect.stringMatching(/^opinions\/u[0-9a-f]{24}\/\d{6}\/[a-z0-9-]+\.png$/)]);
    expect(ids).toEqual(backend.uploads.map((p) => `cloud://test-env.7465-test-env/${p}`));

    jest.spyOn(wx().cloud, 'uploadFile').mockRejectedValueOnce({ errMsg: 'cloud.uploadFile:fail' });
    expect(await failure(cloud().uploadPhotos(['wxfile://tmp/c.jpg']))).toEqual({ code: 'NETWORK', message: '照片上传失败，请检查网络后重试', isCloudError: true });
  });
});

describe('against the local cloud (npm start)', () => {
  let backend: Backend;
  let server: http.Server;
  let baseUrl: string;
  const requests: Array<{ url: string; header: Record<string, string> }> = [];

  beforeEach(async () => {
    // As local/main.ts lays it out: <data>/uploads for photos, read back by the Files adapter of <data>/files.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-'));
    backend = await startBackend({ files: localFiles(path.join(root, 'files')) });
    server = createLocalServer({ app: backend.t.app, clock: backend.t.clock, uploadDir: path.join(root, 'uploads') });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    requests.length = 0;
    // wx.request as WeChat does it: any HTTP status is a success with the parsed JSON; no answer is a fail.
    wx().request = (opts: any) => {
      requests.push({ url: opts.url, header: opts.header });
      const body = JSON.stringify(opts.data);
      const req = http.request(opts.url, { method: opts.method, headers: { ...opts.header, 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => opts.success({ statusCode: res.statusCode, data: JSON.parse(text), header: res.headers, errMsg: 'request:ok' }));
      });
      req.on('error', (e) => opts.fail({ errMsg: `request:fail ${e.message}` }));
      req.end(body);
    };
  });
  afterEach(async () => {
    testConfig.backend = CLOUD_BACKEND;
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts the event to /functions/<name> as the dev identity', async () => {
    testConfig.backend = { mode: 'local', baseUrl, devOpenid: 'dev-resident' };
    const item = await cloud().call<{ no: string; status: string }>('register', 'submit', { ...submitEvent(), action: undefined });
    expect(item).toEqual(expect.objectContaining({ no: 'XJ2026-000001', status: 'submitted' }));
    expect(requests[0]).toEqual({ url: `${baseUrl}/functions/register`, header: expect.objectContaining({ 'x-wx-openid': 'dev-resident' }) });

    testConfig.backend = { mode: 'local', baseUrl, devOpenid: DEV_IDENTITIES.liaison };
    const inbox = await cloud().call<{ total: number }>('register', 'inbox');
    expect(inbox.total).toBe(1);
  });

  it('a refusal answered with a 4xx status keeps its code and message', async () => {
    testConfig.backend = { mode: 'local', baseUrl, devOpenid: 'dev-resident' };
    expect(await failure(cloud().call('register', 'inbox'))).toEqual({ code: 'FORBIDDEN', message: '只有党代表、联络员和管理员可以查看待办', isCloudError: true });
  });

  it('a local host that is not running is 网络不给力', async () => {
    await new Promise((resolve) => server.close(resolve)); // nothing listens on baseUrl now
    testConfig.backend = { mode: 'local', baseUrl, devOpenid: 'dev-resident' };
    expect(await failure(cloud().call('directory', 'townships'))).toEqual({ code: 'NETWORK', message: '网络不给力，请稍后重试', isCloudError: true });
  });

  it('uploads photos to the local host as wx.uploadFile does, and submit takes the file IDs', async () => {
    testConfig.backend = { mode: 'local', baseUrl, devOpenid: 'dev-resident' };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'photos-'));
    const photo = path.join(dir, 'a.png');
    fs.writeFileSync(photo, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    // wx.uploadFile as WeChat does it: multipart/form-data with the file in field `name`; `data` is the body text.
    wx().uploadFile = (opts: any) => {
      const boundary = 'wxboundary42';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${opts.name}"; filename="a.png"\r\n\r\n`),
        fs.readFileSync(opts.filePath),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const req = http.request(opts.url, { method: 'POST', headers: { ...opts.header, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => opts.success({ statusCode: res.statusCode, data: text, errMsg: 'uploadFile:ok' }));
      });
      req.on('error', () => opts.fail({ errMsg: 'uploadFile:fail' }));
      req.end(body);
    };
    const [id] = await cloud().uploadPhotos([photo]);
    expect(id).toMatch(/^local:\/\/uploads\/[a-f0-9]{32}\.png$/);
    expect(cloud().photoSrc(id)).toBe(`${baseUrl}/uploads/${id.slice('local://uploads/'.length)}`);
    const item = await cloud().call<{ photos: string[] }>('register', 'submit', { ...submitEvent(), action: undefined, photos: [id] });
    expect(item.photos).toEqual([id]);

    fs.writeFileSync(photo, 'not an image');
    expect(await failure(cloud().uploadPhotos([photo]))).toEqual({ code: 'VALIDATION', message: '请上传 JPG、PNG、GIF 或 WebP 格式的照片', isCloudError: true });
  });
});

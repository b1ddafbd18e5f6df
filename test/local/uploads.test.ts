import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { localFiles } from '../../core/adapters/files/local';
import { createLocalServer } from '../../local/server';
import { UPLOADS_PER_HOUR } from '../../local/uploads';
import { makeTestApp, submitEvent, type TestApp } from '../support/app';

// A 1×1 PNG.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function multipart(field: string, bytes: Buffer, filename = 'photo.png') {
  const boundary = '----wxUploadBoundary7MA4YWxk';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

function request(url: string, method: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; body: Buffer; type: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), type: String(res.headers['content-type']) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('photo uploads on the local cloud', () => {
  let t: TestApp;
  let server: http.Server;
  let base: string;
  let dir: string;
  let root: string;
  beforeEach(async () => {
    // As local/main.ts lays it out: <data>/uploads for photos, <data>/files for generated files, one Files adapter over both.
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'uploads-'));
    dir = path.join(root, 'uploads');
    t = await makeTestApp({ files: localFiles(path.join(root, 'files')) });
    server = createLocalServer({ app: t.app, clock: t.clock, uploadDir: dir });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((r) => server.close(r));
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('stores an image sent as wx.uploadFile does, serves it back, and submit accepts its file ID', async () => {
    const { body, contentType } = multipart('file', PNG);
    const up = await request(`${base}/upload`, 'POST', { 'content-type': contentType, 'x-wx-openid': 'dev-resident' }, body);
    expect(up.status).toBe(200);
    const fileID = JSON.parse(up.body.toString()).data.fileID as string;
    expect(fileID).toMatch(/^local:\/\/uploads\/[a-f0-9]{32}\.png$/);

    const got = await request(`${base}/uploads/${fileID.slice('local://uploads/'.length)}`, 'GET', {});
    expect(got.status).toBe(200);
    expect(got.type).toBe('image/png');
    expect(got.body.equals(PNG)).toBe(true);

    const item = await t.ok('register', 'dev-resident', submitEvent({ photos: [fileID] }));
    expect(item.photos).toEqual([fileID]);
  });

  it('refuses what is not an image, an upload without identity, and names that are not ours', async () => {
    const text = multipart('file', Buffer.from('not an image'));
    const r = await request(`${base}/upload`, 'POST', { 'content-type': text.contentType, 'x-wx-openid': 'dev-resident' }, text.body);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body.toString()).error.code).toBe('VALIDATION');
    const png = multipart('file', PNG);
    expect((await request(`${base}/upload`, 'POST', { 'content-type': png.contentType }, png.body)).status).toBe(401);
    expect((await request(`${base}/uploads/..%2F..%2Fetc%2Fpasswd`, 'GET', {})).status).toBe(404);
    expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([]);
  });

  it('submit refuses more than 3 photos and file IDs of any other form', async () => {
    const id = `local://uploads/${'a'.repeat(32)}.jpg`;
    expect(await t.fails('register', 'dev-resident', submitEvent({ photos: [id, id, id, id] }))).toBe('VALIDATION');
    expect(await t.fails('register', 'dev-resident', submitEvent({ photos: ['https://evil.example/x.jpg'] }))).toBe('VALIDATION');
    // Well formed, but nothing was uploaded under that name.
    expect(await t.fails('register', 'dev-resident', submitEvent({ photos: [id] }))).toBe('VALIDATION');
    expect(await t.store.count('items')).toBe(0);
  });

  it(`refuses a user's upload beyond ${UPLOADS_PER_HOUR} an hour with RATE_LIMITED, and stores nothing more`, async () => {
    for (let i = 0; i < UPLOADS_PER_HOUR; i++) {
      const png = multipart('file', Buffer.concat([PNG, Buffer.from([i])]));
      expect((await request(`${base}/upload`, 'POST', { 'content-type': png.contentType, 'x-wx-openid': 'flooder' }, png.body)).status).toBe(200);
    }
    const one = multipart('file', Buffer.concat([PNG, Buffer.from('x')]));
    const refused = await request(`${base}/upload`, 'POST', { 'content-type': one.contentType, 'x-wx-openid': 'flooder' }, one.body);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body.toString()).error.code).toBe('RATE_LIMITED');
    expect(fs.readdirSync(dir)).toHaveLength(UPLOADS_PER_HOUR);
    // Another user is not held up.
    expect((await request(`${base}/upload`, 'POST', { 'content-type': one.contentType, 'x-wx-openid': 'someone-else' }, one.body)).status).toBe(200);
  });
});

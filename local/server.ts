import fs from 'node:fs';
import http from 'node:http';
import { localFilePath } from '../core/adapters/files/local';
import type { App } from '../core/app';
import { ERROR_CODES, type Envelope } from '../core/errors';
import type { DevClock } from '../core/ports/clock';
import type { OutboxMessage } from '../core/outbox/outbox';
import { renderNotice } from '../core/receptions/notice';
import { renderForumNotice } from '../core/forums/notice';
import { toErrorEnvelope } from '../core/app';
import { MAX_UPLOAD, multipartFile, readUpload, storeSheetUpload, storeUpload, uploadThrottle, UPLOADS_PER_HOUR } from './uploads';

/** The local cloud over HTTP: the contract of DESIGN.md "Local cloud". */
export interface LocalHostOptions {
  app: App;
  clock: DevClock;
  /** Where uploaded photos are kept (local stand-in for cloud storage). */
  uploadDir: string;
  /** Where generated files (exports) are kept: served at `GET /files/<path>`. */
  filesDir?: string;
  log?: (line: string) => void;
}

const MAX_BODY = 256 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, max = MAX_BODY): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new BodyTooLarge());
        req.pause(); // stop reading; the answer is sent and the connection closed after it
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type, x-wx-openid',
  });
  res.end(json);
}

const statusOf = (env: Envelope<unknown>) => (env.ok ? 200 : ERROR_CODES[env.error.code]);
const fail = (code: keyof typeof ERROR_CODES, message: string): Envelope<never> => ({ ok: false, error: { code, message } });

/** Creates (does not start) the local host's HTTP server. */
export function createLocalServer({ app, clock, uploadDir, filesDir, log = () => undefined }: LocalHostOptions): http.Server {
  const mayUpload = uploadThrottle();
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    try {
      if (req.method === 'OPTIONS') return send(res, 204, null);
      if (req.method === 'GET' && path === '/health') return send(res, 200, { ok: true, data: { now: clock.now() } });

      let m = /^\/functions\/([A-Za-z]+)$/.exec(path);
      if (m && req.method === 'POST') {
        let event: unknown;
        try {
          const raw = (await readBody(req)).toString('utf8');
          event = raw ? JSON.parse(raw) : {};
        } catch (e) {
          res.setHeader('connection', 'close');
          if (e instanceof BodyTooLarge) return send(res, 400, fail('VALIDATION', '请求内容过大（上限 256 KB）'));
          return send(res, 400, fail('VALIDATION', '请求体不是有效的 JSON'));
        }
        const openid = req.headers['x-wx-openid'];
        const env = await app.call(m[1], event, typeof openid === 'string' ? openid : undefined);
        log(`${m[1]}.${(event as { action?: string })?.action ?? '?'} ${typeof openid === 'string' ? openid : '-'} → ${env.ok ? 'ok' : env.error.code}`);
        return send(res, statusOf(env), env);
      }

      if (path === '/dev/clock') {
        if (req.method === 'GET') return send(res, 200, { ok: true, data: { now: new Date(clock.now()).toISOString() } });
        if (req.method === 'POST') {
          let body: { now?: unknown };
          try {
            body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { now?: unknown };
          } catch {
            return send(res, 400, fail('VALIDATION', '请求体不是有效的 JSON'));
          }
          const ms = typeof body.now === 'string' ? Date.parse(body.now) : NaN;
          if (Number.isNaN(ms)) return send(res, 400, fail('VALIDATION', 'now 应为 ISO 时间，例如 2026-12-01T09:00:00+08:00'));
          clock.set(ms);
          return send(res, 200, { ok: true, data: { now: new Date(clock.now()).toISOString() } });
        }
      }

      m = /^\/(receptions|forums)\/([A-Za-z0-9_-]+)\/notice$/.exec(path);
      if (m && req.method === 'GET') {
        try {
          const html = m[1] === 'forums' ? await renderForumNotice(app.deps, m[2]) : await renderNotice(app.deps, m[2]);
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.end(html);
        } catch (e) {
          const env = toErrorEnvelope(e);
          return send(res, statusOf(env), env);
        }
      }

      if (path === '/upload' && req.method === 'POST') {
        const uploader = req.headers['x-wx-openid'];
        if (typeof uploader !== 'string') return send(res, 401, fail('UNAUTHENTICATED', '未能识别您的微信身份，请重新进入小程序'));
        if (!mayUpload(uploader)) {
          res.setHeader('connection', 'close');
          return send(res, 429, fail('RATE_LIMITED', `上传过于频繁：每小时最多上传 ${UPLOADS_PER_HOUR} 张照片，请稍后再试`));
        }
        let bytes: Buffer | null;
        try {
          bytes = multipartFile(await readBody(req, MAX_UPLOAD), req.headers['content-type'] ?? '');
        } catch {
          res.setHeader('connection', 'close');
          return send(res, 400, fail('VALIDATION', '照片不能超过 5 MB'));
        }
        // A photo, or an .xlsx sheet to import (住户名册).
        const fileID = bytes && (storeUpload(uploadDir, bytes) ?? storeSheetUpload(uploadDir, bytes));
        if (!fileID) return send(res, 400, fail('VALIDATION', '请上传 JPG、PNG、GIF 或 WebP 格式的照片'));
        return send(res, 200, { ok: true, data: { fileID } });
      }

      m = /^\/uploads\/([^/]+)$/.exec(path);
      if (m && req.method === 'GET') {
        const file = readUpload(uploadDir, m[1]);
        if (!file) return send(res, 404, fail('NOT_FOUND', '照片不存在'));
        res.writeHead(200, { 'content-type': file.mime, 'cache-control': 'public, max-age=31536000, immutable' });
        return res.end(file.bytes);
      }

      m = /^\/files\/(.+)$/.exec(path);
      if (m && req.method === 'GET' && filesDir) {
        const file = localFilePath(filesDir, decodeURIComponent(m[1]));
        if (!file) return send(res, 404, fail('NOT_FOUND', '文件不存在'));
        const type = file.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/octet-stream';
        res.writeHead(200, { 'content-type': type, 'content-disposition': `attachment; filename="${encodeURIComponent(file.split('/').pop() ?? 'file')}"` });
        return res.end(fs.readFileSync(file));
      }

      if (path === '/dev/outbox' && req.method === 'GET') {
        const recipient = url.searchParams.get('recipient');
        const rows = await app.deps.store.find<OutboxMessage>('outbox', {
          where: recipient ? { recipientOpenid: recipient } : {},
          orderBy: [['createdAt', 'desc']],
          limit: 200,
        });
        return send(res, 200, { ok: true, data: rows });
      }

      m = /^\/dev\/timers\/([A-Za-z]+)$/.exec(path);
      if (m && req.method === 'POST') {
        const env = await app.runTimer(m[1]);
        return send(res, statusOf(env), env);
      }

      return send(res, 404, fail('NOT_FOUND', `没有这个地址：${req.method} ${path}`));
    } catch (e) {
      console.error(e);
      return send(res, 500, fail('INTERNAL', '服务暂时不可用，请稍后重试'));
    }
  });
}

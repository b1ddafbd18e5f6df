/**
 * The one module that talks to the back end. Pages call `call(fn, action, params)` and get
 * the answer's `data`, or a `CloudError` whose `message` is Chinese and fit to show as is.
 *
 * The transport is chosen once per call from `config.ts`: `wx.cloud.callFunction` in a
 * CloudBase environment, or `POST {baseUrl}/functions/<name>` on the local cloud with the
 * dev identity in `x-wx-openid`. Both answer the same envelope (docs/api.md).
 */
import { backend, type BackendConfig } from '../config';

/** The cloud functions the mini-program calls. */
export type FunctionName =
  | 'directory'
  | 'members'
  | 'register'
  | 'receptions'
  | 'inquiries'
  | 'visits'
  | 'forums'
  | 'proposals'
  | 'activities'
  | 'roster'
  | 'points'
  | 'dashboard'
  | 'sheets';

/** The back end's error codes (docs/api.md), plus `NETWORK` when no answer came. */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_STATE'
  | 'CONTENT_REJECTED'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  | 'NETWORK';

export const NETWORK_MESSAGE = '网络不给力，请稍后重试';
export const INTERNAL_MESSAGE = '服务暂时不可用，请稍后重试';

/** A refused or failed call: a stable `code` and a message for the resident. */
export class CloudError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'CloudError';
    this.code = code;
    this.details = details;
  }
}

/** The message to show for anything a call threw. */
export function messageOf(e: unknown): string {
  if (e instanceof CloudError) return e.message;
  return INTERNAL_MESSAGE;
}

type Envelope = { ok: true; data: unknown } | { ok: false; error: { code: ErrorCode; message: string; details?: unknown } };

/** Sends one event to one function; resolves with the raw answer, rejects with a CloudError only when no answer came. */
type Transport = (name: FunctionName, event: Record<string, unknown>) => Promise<unknown>;

let cloudReadyFor: string | null = null;

/** A failed `wx.cloud.*` call: the function crashed or timed out on the server, or the network failed. */
function cloudFailure(err: unknown): CloudError {
  const text = String((err as { errMsg?: string; message?: string } | null)?.errMsg ?? (err as Error | null)?.message ?? '');
  // -504002: the function threw; -404011: it could not be run. Neither is the resident's network.
  return /-504002|-404011|execution/i.test(text) ? new CloudError('INTERNAL', INTERNAL_MESSAGE) : new CloudError('NETWORK', NETWORK_MESSAGE);
}

type CloudConfig = Extract<BackendConfig, { mode: 'cloud' }>;

/** `wx.cloud.init` once per environment, before the first cloud call. */
function ensureCloud(cfg: CloudConfig) {
  if (cloudReadyFor === cfg.envId) return;
  wx.cloud.init({ env: cfg.envId, traceUser: true });
  cloudReadyFor = cfg.envId;
}

const cloudTransport = (cfg: CloudConfig): Transport => async (name, data) => {
  ensureCloud(cfg);
  try {
    const res = await wx.cloud.callFunction({ name, data });
    return res.result;
  } catch (e) {
    throw cloudFailure(e);
  }
};

const localTransport = (cfg: Extract<BackendConfig, { mode: 'local' }>): Transport => (name, data) =>
  new Promise((resolve, reject) => {
    wx.request({
      url: `${cfg.baseUrl}/functions/${name}`,
      method: 'POST',
      data,
      header: { 'content-type': 'application/json', 'x-wx-openid': cfg.devOpenid },
      timeout: 15000,
      // Any HTTP status: the local host answers errors with the envelope and a 4xx/5xx status.
      success: (res) => resolve(res.data),
      fail: () => reject(new CloudError('NETWORK', NETWORK_MESSAGE)),
    });
  });

function transport(): Transport {
  return backend.mode === 'cloud' ? cloudTransport(backend) : localTransport(backend);
}

function isEnvelope(x: unknown): x is Envelope {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (e.ok === true) return 'data' in e;
  return e.ok === false && typeof e.error?.code === 'string' && typeof e.error.message === 'string';
}

/**
 * Calls `action` of cloud function `fn` with `params`; resolves with the answer's data.
 * Rejects with a CloudError: the back end's code and message, `NETWORK` when no answer came,
 * `INTERNAL` when the answer was not an envelope.
 */
export async function call<T>(fn: FunctionName, action: string, params: Record<string, unknown> = {}): Promise<T> {
  const answer = await transport()(fn, { ...params, action });
  if (!isEnvelope(answer)) throw new CloudError('INTERNAL', INTERNAL_MESSAGE);
  if (answer.ok) return answer.data as T;
  throw new CloudError(answer.error.code, answer.error.message || INTERNAL_MESSAGE, answer.error.details);
}

const extensionOf = (path: string) => {
  const m = /\.[A-Za-z0-9]{1,5}$/.exec(path);
  return m ? m[0].toLowerCase() : '.jpg';
};

/** Locally: `wx.uploadFile` to the local host's `/upload`, which answers a `local://` file ID. */
function uploadToLocalHost(local: { baseUrl: string; devOpenid: string }, filePath: string, failed = '照片上传失败，请检查网络后重试'): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.uploadFile({
      url: `${local.baseUrl}/upload`,
      filePath,
      name: 'file',
      header: { 'x-wx-openid': local.devOpenid },
      success: (res) => {
        let answer: unknown;
        try {
          answer = JSON.parse(res.data);
        } catch {
          answer = null;
        }
        if (isEnvelope(answer) && answer.ok) resolve((answer.data as { fileID: string }).fileID);
        else if (isEnvelope(answer) && !answer.ok) reject(new CloudError(answer.error.code, answer.error.message));
        else reject(new CloudError('INTERNAL', INTERNAL_MESSAGE));
      },
      fail: () => reject(new CloudError('NETWORK', failed)),
    });
  });
}

let uploadDir: string | null = null;

/**
 * Uploads photos the resident chose (temp file paths) and resolves with their file IDs:
 * cloud storage under the caller's own folder (`members.me`'s `uploadDir`, which the back end
 * derives from the verified openid and checks at submit) and `<yyyymm>/` in a CloudBase
 * environment, the local host's `/upload` locally.
 */
export async function uploadPhotos(tempPaths: readonly string[]): Promise<string[]> {
  if (tempPaths.length === 0) return [];
  if (backend.mode === 'local') {
    const local = backend;
    return Promise.all(tempPaths.map((p) => uploadToLocalHost(local, p)));
  }
  ensureCloud(backend);
  uploadDir ??= (await call<{ uploadDir: string }>('members', 'me')).uploadDir;
  const folder = uploadDir;
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7).replace('-', '');
  try {
    const results = await Promise.all(
      tempPaths.map((filePath, i) =>
        wx.cloud.uploadFile({
          cloudPath: `${folder}/${month}/${Date.now().toString(36)}-${i}-${Math.random().toString(36).slice(2, 10)}${extensionOf(filePath)}`,
          filePath,
        }),
      ),
    );
    return results.map((r) => r.fileID);
  } catch {
    throw new CloudError('NETWORK', '照片上传失败，请检查网络后重试');
  }
}

/**
 * Where a published reception's (or forum's, `kind: 'forums'`) printable A4 notice can be opened
 * in a browser to print it: the local host serves it at `/receptions/<id>/notice` (`/forums/<id>/notice`); a CloudBase environment has no
 * such address (null), and the page shows the notice itself (`receptions.notice`).
 */
export function printableNoticeUrl(receptionId: string, kind: 'receptions' | 'forums' = 'receptions'): string | null {
  return backend.mode === 'local' ? `${backend.baseUrl}/${kind}/${encodeURIComponent(receptionId)}/notice` : null;
}

/**
 * What an `<image>` shows for a photo's file ID: a cloud file ID as it is (WeChat resolves
 * `cloud://` itself); the local host's `local://uploads/<name>` at its `/uploads/<name>`.
 */
export function photoSrc(fileId: string): string {
  const m = /^local:\/\/uploads\/(.+)$/.exec(fileId);
  if (m && backend.mode === 'local') return `${backend.baseUrl}/uploads/${m[1]}`;
  return fileId;
}

const SHEET_UPLOAD_FAILED = '表格上传失败，请检查网络后重试';

/**
 * Uploads an Excel sheet the user chose (`wx.chooseMessageFile`) for an import and resolves
 * with its file ID: cloud storage under `imports/households/<yyyymm>/` (the only place
 * `sheets.importHouseholds` reads from), the local host's `/upload` locally.
 */
export async function uploadSheet(tempPath: string): Promise<string> {
  if (backend.mode === 'local') return uploadToLocalHost(backend, tempPath, SHEET_UPLOAD_FAILED);
  ensureCloud(backend);
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7).replace('-', '');
  try {
    const r = await wx.cloud.uploadFile({ cloudPath: `imports/households/${month}/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.xlsx`, filePath: tempPath });
    return r.fileID;
  } catch {
    throw new CloudError('NETWORK', SHEET_UPLOAD_FAILED);
  }
}

/**
 * Opens a file the back end wrote (a template, a ledger): downloaded from cloud storage, or
 * from the local host's `GET /files/…`, then shown with `wx.openDocument` (where it can be
 * forwarded or saved).
 */
export function openSheet(fileId: string): Promise<void> {
  const open = (filePath: string) =>
    new Promise<void>((resolve, reject) =>
      wx.openDocument({ filePath, fileType: 'xlsx', showMenu: true, success: () => resolve(), fail: () => reject(new CloudError('INTERNAL', '无法打开表格，请稍后重试')) }),
    );
  const local = /^local:\/\/files\/(.+)$/.exec(fileId);
  if (backend.mode === 'local' && local) {
    const url = `${backend.baseUrl}/files/${local[1]}`;
    return new Promise<string>((resolve, reject) =>
      wx.downloadFile({ url, success: (r) => (r.statusCode === 200 ? resolve(r.tempFilePath) : reject(new CloudError('NOT_FOUND', '文件不存在'))), fail: () => reject(new CloudError('NETWORK', NETWORK_MESSAGE)) }),
    ).then(open);
  }
  if (backend.mode === 'local') return Promise.reject(new CloudError('NOT_FOUND', '文件不存在'));
  ensureCloud(backend);
  return wx.cloud
    .downloadFile({ fileID: fileId })
    .then((r) => open(r.tempFilePath), (e: unknown) => Promise.reject(e instanceof CloudError ? e : new CloudError('NETWORK', NETWORK_MESSAGE)));
}
/**
 * Opens an export the `sheets` function made (`fileId`): in a CloudBase environment
 * `wx.cloud.downloadFile` then `wx.openDocument`; on the local cloud `wx.downloadFile` from its
 * `GET /files/…`, then the same. Rejects with a CloudError to show as is.
 */
export async function openExport(fileId: string): Promise<void> {
  let filePath: string;
  try {
    if (backend.mode === 'local') {
      const m = /^local:\/\/files\/(.+)$/.exec(fileId);
      if (!m) throw new Error(fileId);
      const url = `${backend.baseUrl}/files/${m[1]}`;
      filePath = await new Promise<string>((resolve, reject) =>
        wx.downloadFile({ url, success: (r) => (r.statusCode === 200 ? resolve(r.tempFilePath) : reject(new Error(String(r.statusCode)))), fail: reject }),
      );
    } else {
      ensureCloud(backend);
      filePath = (await wx.cloud.downloadFile({ fileID: fileId })).tempFilePath;
    }
  } catch {
    throw new CloudError('NETWORK', '文件下载失败，请稍后重试');
  }
  try {
    await wx.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
  } catch {
    throw new CloudError('INTERNAL', '无法打开表格，请在电脑上用 Excel 或 WPS 打开');
  }
}

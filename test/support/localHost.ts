/**
 * The REAL local cloud (`local/main.ts`, what `npm start` runs) as a child process, for e2e
 * tests driven over HTTP as the mini-program would drive it.
 *
 * `startLocalHost()` runs `node_modules/.bin/tsx local/main.ts` on a free port with its data
 * file in a fresh temp directory (QUIET=1), waits until `GET /health` answers and returns a
 * handle: `call(fn, openid, event)` posts to `/functions/<fn>` with `x-wx-openid`,
 * `request()` sends anything else (raw bodies, other paths), `stop()` sends SIGTERM and waits
 * for the exit, `restart()` stops and starts again on the same data file.
 *
 * The child is the leader of its own process group (tsx runs the script in a grandchild), so
 * if the test process dies first the whole group is killed from an exit hook: no host
 * outlives the tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

export interface HttpAnswer<B = any> {
  status: number;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  body: B;
  text: string;
  /** The raw body (for files). */
  bytes: Buffer;
  headers: http.IncomingHttpHeaders;
}

export interface RequestOptions {
  /** A string is sent as is; anything else is sent as JSON. Omit for no body. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface LocalHost {
  /** `http://127.0.0.1:<port>`; may change on restart if the port was taken meanwhile. */
  readonly url: string;
  /** The SQLite file (STUDIO_DATA) the host uses; kept across restarts. */
  readonly dataFile: string;
  /**
   * `POST /functions/<fn>` with `x-wx-openid: <openid>` (no header when undefined). A string
   * event is sent as the raw body (for malformed JSON); anything else as JSON.
   */
  call<B = any>(fn: string, openid: string | undefined, event: unknown): Promise<HttpAnswer<B>>;
  /** Any request to the host: `request('POST', '/dev/clock', { body: { now } })`. */
  request<B = any>(method: string, urlPath: string, options?: RequestOptions): Promise<HttpAnswer<B>>;
  /** What the host printed (stdout and stderr) since it was started the first time. */
  output(): string;
  /** SIGTERM, then wait until the process has exited (SIGKILL after a grace period). */
  stop(): Promise<void>;
  /** Stop, then start again with the same data file. */
  restart(): Promise<void>;
  /** Stop and delete the temp directory (unless a data file was given). */
  dispose(): Promise<void>;
}

export interface StartOptions {
  /** Use this data file instead of one in a fresh temp directory (kept on dispose). */
  dataFile?: string;
  /** Extra environment for the host (AUTO_CLOSE_DAYS, REGISTER_PREFIX...). */
  env?: Record<string, string>;
  /** How long to wait for /health. tsx start-up takes a few seconds on a cold cache. */
  startTimeoutMs?: number;
}

/** A port nobody listens on now: listen on 0, read the port, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

/** One HTTP request, answered with status, headers and body (JSON parsed when it is JSON). */
export function httpRequest<B = any>(baseUrl: string, method: string, urlPath: string, options: RequestOptions = {}): Promise<HttpAnswer<B>> {
  const payload =
    options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (payload !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(urlPath, baseUrl), { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = text;
        }
        resolve({ status: res.statusCode ?? 0, body: body as B, text, bytes, headers: res.headers });
      });
    });
    req.setTimeout(15000, () => req.destroy(new Error(`${method} ${urlPath}: no answer in 15 s`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the real local cloud and waits until it answers /health. */
export async function startLocalHost(options: StartOptions = {}): Promise<LocalHost> {
  const tempDir = options.dataFile ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'studio-e2e-'));
  const dataFile = options.dataFile ?? path.join(tempDir as string, 'studio.sqlite');
  const startTimeoutMs = options.startTimeoutMs ?? 30000;
  let out = '';
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let port = 0;

  // If the test process goes away while a host runs, take the whole process group with it.
  const killGroup = () => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  process.on('exit', killGroup);

  async function launch(onPort: number): Promise<void> {
    port = onPort;
    const proc = spawn(TSX, ['local/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...options.env, PORT: String(port), STUDIO_DATA: dataFile, QUIET: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child = proc;
    proc.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
    proc.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
    let done = false;
    exited = new Promise<void>((resolve) => {
      proc.once('exit', () => {
        done = true;
        resolve();
      });
      proc.once('error', (e) => {
        out += `\nspawn error: ${String(e)}\n`;
        done = true;
        resolve();
      });
    });
    const deadline = Date.now() + startTimeoutMs;
    while (Date.now() < deadline) {
      if (done) throw new Error(`local host exited during start-up (code ${proc.exitCode}):\n${out}`);
      try {
        const r = await httpRequest(`http://127.0.0.1:${port}`, 'GET', '/health');
        if (r.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    await stop();
    throw new Error(`local host did not answer /health within ${startTimeoutMs} ms:\n${out}`);
  }

  async function start(preferredPort?: number): Promise<void> {
    try {
      await launch(preferredPort ?? (await freePort()));
    } catch (e) {
      // The port we kept across a restart may have been taken meanwhile: once more on a new one.
      if (preferredPort === undefined || !/EADDRINUSE/.test(out)) throw e;
      await launch(await freePort());
    }
  }

  async function stop(): Promise<void> {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM'); // tsx passes it on to the script, which closes the store and exits
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), 10000);
    });
    const how = await Promise.race([exited.then(() => 'exited' as const), timeout]);
    clearTimeout(timer);
    if (how === 'timeout') {
      killGroup();
      await exited;
    }
  }

  await start();

  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    dataFile,
    call(fn, openid, event) {
      const headers: Record<string, string> = {};
      if (openid !== undefined) headers['x-wx-openid'] = openid;
      return httpRequest(`http://127.0.0.1:${port}`, 'POST', `/functions/${fn}`, { body: event, headers });
    },
    request(method, urlPath, opts) {
      return httpRequest(`http://127.0.0.1:${port}`, method, urlPath, opts);
    },
    output: () => out,
    stop,
    async restart() {
      await stop();
      await start(port);
    },
    async dispose() {
      await stop();
      process.off('exit', killGroup);
      if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

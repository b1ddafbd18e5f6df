/**
 * `npm run deploy` and `npm run upload` run as a county's IT staff run them: child processes
 * in the project, with no credentials in their environment and no network. `--skip-build`
 * keeps each run to a few seconds (the bundles and miniprogram_npm are built by npm install).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MANIFEST } from '../../core/functions/manifest';
import { COLLECTIONS } from '../../core/ports/store';
import { indexName, type DeployPlan } from '../../scripts/deploy/plan';

const ROOT = path.resolve(__dirname, '..', '..');
// Child processes on a shared CI machine: a few seconds each, more when it is busy.
jest.setTimeout(90_000);

/** The environment of a fresh shell: no CloudBase or WeChat keys. */
const cleanEnv = (extra: Record<string, string> = {}) => {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(TCB_|MP_|TENCENTCLOUD_|ENV_ID$)/.test(k)) env[k] = v;
  return { ...env, ...extra };
};

function npm(script: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync('npm', ['run', '--silent', script, '--', ...args], { cwd: options.cwd ?? ROOT, env: options.env ?? cleanEnv(), encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the project's deploy-relevant code, sharing node_modules: to change without touching the real one. */
function copyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-copy-'));
  made.push(dir);
  // Not a developer's own deploy/settings.json or deploy/directory/: the copy sees what a fresh clone sees.
  const own = [path.join(ROOT, 'deploy', 'settings.json'), path.join(ROOT, 'deploy', 'directory')];
  for (const entry of ['core', 'scripts', 'local', 'deploy', 'cloudbaserc.json', 'package.json', 'tsconfig.json']) {
    fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true, filter: (src) => !own.includes(src) });
  }
  fs.cpSync(path.join(ROOT, 'cloudfunctions'), path.join(dir, 'cloudfunctions'), { recursive: true, filter: (src) => !src.endsWith('index.js') && !src.includes('node_modules') });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

function edit(file: string, from: string, to: string) {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

describe('npm run deploy -- --dry-run', () => {
  it('prints a plan naming every function, trigger, collection and index of the code, and exits 0', () => {
    const r = npm('deploy', ['--dry-run', '--skip-build']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const [name, spec] of Object.entries(MANIFEST)) {
      expect(r.stdout).toMatch(new RegExp(`^  ${name} +${spec.kind} +timeout ${spec.timeout} s, ${spec.memory} MB`, 'm'));
      if (spec.kind === 'timer') expect(r.stdout).toContain(`trigger ${spec.trigger.name} (timer) "${spec.trigger.cron}"`);
    }
    for (const [collection, indexes] of Object.entries(COLLECTIONS)) {
      expect(r.stdout).toMatch(new RegExp(`^  ${collection} `, 'm'));
      for (const fields of indexes as ReadonlyArray<ReadonlyArray<string>>) expect(r.stdout).toContain(`${indexName(fields)} (${fields.join(', ')})`);
    }
    expect(r.stdout).toContain('TEMPLATE_TODO');
    expect(r.stdout).toContain('A real run needs TCB_SECRET_ID, TCB_SECRET_KEY and TCB_ENV_ID');
  });

  it('on a changed copy of the code reports the difference: a dropped index leaves the plan, a renamed function fails the check', () => {
    const original = npm('deploy', ['--dry-run', '--skip-build', '--json']);
    expect(original.code).toBe(0);
    const before = (JSON.parse(original.stdout) as { plan: DeployPlan }).plan;

    const copy = copyProject();
    edit(path.join(copy, 'core/ports/store.ts'), "    ['ownerOpenid', 'createdAt'],\n", '');
    const dropped = npm('deploy', ['--dry-run', '--skip-build', '--json'], { cwd: copy });
    expect(dropped.stderr).toBe('');
    expect(dropped.code).toBe(0);
    const after = (JSON.parse(dropped.stdout) as { plan: DeployPlan }).plan;
    const names = (p: DeployPlan) => p.collections.flatMap((c) => c.indexes.map((i) => `${c.name}.${i.name}`));
    expect(names(before).filter((n) => !names(after).includes(n))).toEqual([`items.${indexName(['ownerOpenid', 'createdAt'])}`]);
    expect(names(after).filter((n) => !names(before).includes(n))).toEqual([]);
    expect(after.functions).toEqual(before.functions);

    edit(path.join(copy, 'core/functions/manifest.ts'), '  receptions: {', '  bookings: {');
    const renamed = npm('deploy', ['--dry-run', '--skip-build'], { cwd: copy });
    expect(renamed.code).toBe(1);
    expect(renamed.stderr).toContain('nothing was changed');
    expect(renamed.stderr).toContain("core/app.ts FUNCTIONS has `receptions`, which the deploy manifest does not deploy: add `receptions: { kind: 'callable'");
    expect(renamed.stderr).toContain('core/functions/manifest.ts deploys `bookings` (callable), but core/app.ts FUNCTIONS has no `bookings`');
    expect(renamed.stderr).toContain('cloudfunctions/bookings/ is missing: run npm run deploy:config');
    expect(renamed.stderr).toContain('cloudbaserc.json disagrees with the manifest (lacks bookings');
  });
});

describe('without credentials', () => {
  it.each([[[] as string[]], [['--verify']]])('npm run deploy %j refuses, in Chinese and English, before building or sending anything', (args) => {
    const bundle = path.join(ROOT, 'cloudfunctions', 'register', 'index.js');
    const mtime = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : undefined;
    const r = npm('deploy', args);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('拒绝执行：缺少 TCB_SECRET_ID、TCB_SECRET_KEY、TCB_ENV_ID');
    expect(r.stderr).toContain('Refusing to run: TCB_SECRET_ID, TCB_SECRET_KEY, TCB_ENV_ID are not set');
    expect(r.stdout).not.toContain('building');
    expect(fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : undefined).toBe(mtime);
  });

  it('npm run upload refuses without the upload key, building nothing', () => {
    const r = npm('upload', []);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('拒绝上传：缺少上传密钥。Refusing to upload: MP_APPID is not set; MP_PRIVATE_KEY_PATH is not set');
    expect(r.stdout).toBe('');
  });
});

describe('npm run upload', () => {
  it('--dry-run runs the checks offline without a key and exits 0', () => {
    const r = npm('upload', ['--dry-run', '--skip-build']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('project.config.json: miniprogramRoot miniprogram/');
    expect(r.stdout).toMatch(/package main: \d+ files, [\d.]+ KB \(TDesign [\d.]+ KB\), limit 1536\.0 KB/);
    expect(r.stdout).toMatch(/code quality: \d+ of \d+ checks pass/);
    expect(r.stdout).toContain('the offline checks pass');
  });

  it('with a key refuses a mini-program that still points at the local cloud, uploading nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upload-key-'));
    made.push(dir);
    const key = path.join(dir, 'private.wx0123456789abcdef.key');
    fs.writeFileSync(key, '-----BEGIN RSA PRIVATE KEY-----\nnot a real key\n-----END RSA PRIVATE KEY-----\n');
    const r = npm('upload', ['--skip-build'], { env: cleanEnv({ MP_APPID: 'wx0123456789abcdef', MP_PRIVATE_KEY_PATH: key }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing was uploaded');
    expect(r.stderr).toContain('miniprogram/config.ts points at the local cloud');
  });
});

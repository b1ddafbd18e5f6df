/**
 * `npm run upload`: uploads the mini-program with miniprogram-ci as a new development
 * version (体验版 candidate), after the npm build and the checks below (docs/deploy.md).
 *
 *   npm run upload -- --dry-run     the same checks, offline, with no key: exits 1 if one fails
 *   npm run upload                  checks, then uploads (MP_APPID, MP_PRIVATE_KEY_PATH)
 *   npm run upload -- --preview     checks, then a preview QR code in .data/preview-qrcode.jpg
 *
 * The version is package.json's, the description the git commit (with a mark when the tree
 * has uncommitted changes). The checks: project.config.json, the npm build of the TDesign
 * components (scripts/build-miniprogram.mjs), package sizes and unresolved references
 * (scripts/size.ts), miniprogram-ci's code-quality check (offline), and that
 * miniprogram/config.ts points at a CloudBase environment, not the local cloud.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backend } from '../miniprogram/config';
import { MP_ROOT, packageSizes, reachable } from './size';

const ROOT = path.resolve(__dirname, '..');
const APPID = /^wx[0-9a-f]{16}$/;
/** miniprogram-ci's offline checks need an appid-shaped id; a dry run without MP_APPID uses this one. */
const CHECK_APPID = 'wx0000000000000000';

export const USAGE = `usage: npm run upload -- [--dry-run | --preview] [--robot <1-30>] [--qrcode <file>] [--skip-build]

  --dry-run        run every check offline; needs no key, uploads nothing
  --preview        make a preview QR code instead of uploading a version
  --qrcode <file>  where the preview QR code goes (default .data/preview-qrcode.jpg)
  --robot <n>      the CI robot (1–30) the version is uploaded as (default 1)
  --skip-build     do not run scripts/build-miniprogram.mjs first

environment: MP_APPID (the mini-program's appid), MP_PRIVATE_KEY_PATH (the upload key file from
             mp.weixin.qq.com → 开发管理 → 开发设置 → 小程序代码上传), TCB_ENV_ID (optional: checked
             against miniprogram/config.ts)`;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Version and description of an upload: package.json's version, the commit and its subject. */
export function versionAndDescription(): { version: string; desc: string } {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const commit = git(['log', '-1', '--format=%h %s']);
  const dirty = (git(['status', '--porcelain']) ?? '') !== '';
  const desc = `${commit ?? '(no git)'}${dirty ? ' (+未提交的修改 uncommitted changes)' : ''}`;
  return { version, desc: desc.length > 100 ? desc.slice(0, 99) + '…' : desc };
}

/** The refusal of a real upload without its key, or undefined when appid and key are there. */
export function missingKey(env: Record<string, string | undefined>): string[] | undefined {
  const problems: string[] = [];
  const appid = env.MP_APPID?.trim();
  const key = env.MP_PRIVATE_KEY_PATH?.trim();
  if (!appid) problems.push('MP_APPID is not set');
  else if (!APPID.test(appid)) problems.push(`MP_APPID ${appid} is not an appid (wx followed by 16 hex digits)`);
  if (!key) problems.push('MP_PRIVATE_KEY_PATH is not set');
  else if (!fs.existsSync(key)) problems.push(`MP_PRIVATE_KEY_PATH ${key}: no such file`);
  else if (!fs.readFileSync(key, 'utf8').includes('PRIVATE KEY')) problems.push(`MP_PRIVATE_KEY_PATH ${key} is not a private key file`);
  if (problems.length === 0) return undefined;
  return [
    `拒绝上传：缺少上传密钥。Refusing to upload: ${problems.join('; ')}.`,
    '  MP_APPID: the mini-program\'s appid; MP_PRIVATE_KEY_PATH: the upload key file (private.<appid>.key) from',
    '  mp.weixin.qq.com → 开发管理 → 开发设置 → 小程序代码上传 (keep it outside the repository, or in a git-ignored *.key).',
    '  Nothing was built or uploaded. `npm run upload -- --dry-run` runs the checks without them.',
  ];
}

interface Check {
  errors: string[];
  warnings: string[];
  lines: string[];
}

/** project.config.json as the upload reads it. */
function checkProjectConfig(check: Check) {
  const file = path.join(ROOT, 'project.config.json');
  let project: { compileType?: string; miniprogramRoot?: string; setting?: { useCompilerPlugins?: unknown }; libVersion?: string };
  try {
    project = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    check.errors.push(`project.config.json: ${(e as Error).message}`);
    return;
  }
  if (project.compileType !== 'miniprogram') check.errors.push(`project.config.json: compileType is ${project.compileType}, expected miniprogram`);
  const root = path.join(ROOT, project.miniprogramRoot ?? '');
  if (path.resolve(root) !== path.resolve(MP_ROOT)) check.errors.push(`project.config.json: miniprogramRoot is ${project.miniprogramRoot}, expected miniprogram/`);
  if (!fs.existsSync(path.join(root, 'app.json'))) check.errors.push(`project.config.json: no app.json in ${project.miniprogramRoot}`);
  const plugins = Array.isArray(project.setting?.useCompilerPlugins) ? (project.setting?.useCompilerPlugins as unknown[]) : [];
  if (!plugins.includes('typescript')) check.errors.push('project.config.json: setting.useCompilerPlugins must include "typescript" (the pages are TypeScript)');
  check.lines.push(`project.config.json: miniprogramRoot ${project.miniprogramRoot}, libVersion ${project.libVersion ?? '(default)'}, compiler plugins ${plugins.join(', ') || '—'}`);
}

/** Where the uploaded app will call its back end. */
function checkBackend(check: Check, env: Record<string, string | undefined>, real: boolean) {
  const problem =
    backend.mode !== 'cloud'
      ? `miniprogram/config.ts points at the local cloud (${backend.baseUrl}): set backend = { mode: 'cloud', envId } before uploading (docs/miniprogram.md)`
      : !backend.envId || backend.envId === 'your-env-id'
        ? 'miniprogram/config.ts has no CloudBase envId'
        : env.TCB_ENV_ID && env.TCB_ENV_ID.trim() !== backend.envId
          ? `miniprogram/config.ts calls ${backend.envId}, but TCB_ENV_ID is ${env.TCB_ENV_ID.trim()}`
          : undefined;
  if (problem) (real ? check.errors : check.warnings).push(real ? problem : `${problem} — a real upload refuses this`);
  else check.lines.push(`back end: CloudBase environment ${backend.mode === 'cloud' ? backend.envId : ''}`);
}

function checkSizes(check: Check) {
  if (!fs.existsSync(path.join(MP_ROOT, 'miniprogram_npm'))) {
    check.errors.push('miniprogram/miniprogram_npm is missing: run without --skip-build (or npm run build)');
    return;
  }
  const r = reachable();
  for (const m of r.missing) check.errors.push(`unresolved: ${m}`);
  for (const s of packageSizes(r)) {
    check.lines.push(`package ${s.name === 'main' ? 'main' : s.root}: ${s.files} files, ${kb(s.bytes)} (TDesign ${kb(s.npmBytes)}), limit ${kb(s.limit)}`);
    if (s.bytes > s.limit) check.errors.push(`package ${s.name} is ${kb(s.bytes)}, over its limit of ${kb(s.limit)}`);
  }
}

type Ci = typeof import('miniprogram-ci');

/** Everything at the top of the project but miniprogram/ and project.config.json stays out of the upload. */
function projectIgnores(): string[] {
  return fs
    .readdirSync(ROOT)
    .filter((n) => n !== 'miniprogram' && n !== 'project.config.json')
    .map((n) => (fs.statSync(path.join(ROOT, n)).isDirectory() ? `${n}/**/*` : n));
}

async function checkQuality(ci: Ci, project: InstanceType<Ci['Project']>, check: Check) {
  const results = await ci.checkCodeQuality(project);
  for (const item of results) {
    if (item.success) continue;
    if (item.name === 'PACKAGE_SIZE_LIMIT') check.errors.push(`code quality: ${item.text}`);
    else check.lines.push(`code quality (advice): ${item.text}`);
  }
  check.lines.push(`code quality: ${results.filter((i) => i.success).length} of ${results.length} checks pass`);
}

export async function run(argv: string[], env: Record<string, string | undefined>, out: (l: string) => void, err: (l: string) => void): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        'dry-run': { type: 'boolean' },
        preview: { type: 'boolean' },
        qrcode: { type: 'string' },
        robot: { type: 'string' },
        'skip-build': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    err((e as Error).message);
    err(USAGE);
    return 2;
  }
  if (args.help) {
    out(USAGE);
    return 0;
  }
  const robot = Number(args.robot ?? '1');
  if (!Number.isInteger(robot) || robot < 1 || robot > 30) {
    err(`--robot ${args.robot}: a whole number 1–30`);
    return 2;
  }
  const real = !args['dry-run'];
  if (real) {
    const refusal = missingKey(env);
    if (refusal) {
      for (const l of refusal) err(l);
      return 1;
    }
  }
  const appid = env.MP_APPID?.trim() || CHECK_APPID;
  const { version, desc } = versionAndDescription();
  out(`${real ? (args.preview ? '预览 preview' : '上传 upload') : '演练 dry run (offline, no key, nothing uploaded)'}: version ${version}, "${desc}", appid ${env.MP_APPID?.trim() || '(none: checks only)'}`);

  if (!args['skip-build']) {
    const output = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-miniprogram.mjs')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    for (const line of output.split('\n').filter(Boolean)) out(`  ${line}`);
  }
  const check: Check = { errors: [], warnings: [], lines: [] };
  const refuse = () => {
    for (const l of check.lines) out(`  ${l}`);
    err(`检查未通过，未上传。${check.errors.length} check(s) failed; nothing was uploaded:`);
    for (const e of check.errors) err(`  - ${e}`);
    return 1;
  };
  checkProjectConfig(check);
  checkBackend(check, env, real);
  checkSizes(check);
  // The quick checks first: miniprogram-ci takes seconds to load and check.
  if (check.errors.length) return refuse();

  const ci = await import('miniprogram-ci');
  const project = new ci.Project({
    appid,
    type: 'miniProgram',
    projectPath: ROOT,
    // The dry run signs nothing: any text stands in for the key the constructor insists on.
    ...(real ? { privateKeyPath: env.MP_PRIVATE_KEY_PATH!.trim() } : { privateKey: 'dry-run: no key' }),
    ignores: projectIgnores(),
  });
  await checkQuality(ci, project, check);
  if (check.errors.length) return refuse();
  for (const l of check.lines) out(`  ${l}`);
  for (const w of check.warnings) out(`注意 warning: ${w}`);
  if (!real) {
    out(
      check.warnings.length
        ? '离线检查通过 the offline checks pass; settle the warning above, then `npm run upload` (MP_APPID, MP_PRIVATE_KEY_PATH) uploads this version.'
        : '检查通过 every check passes: `npm run upload` with MP_APPID and MP_PRIVATE_KEY_PATH uploads this version.',
    );
    return 0;
  }
  const setting = { useProjectConfig: true };
  const progress = (task: unknown) => {
    if (typeof task === 'string') out(`  ${task}`);
  };
  if (args.preview) {
    const dest = path.resolve(args.qrcode ?? path.join(ROOT, '.data', 'preview-qrcode.jpg'));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    await ci.preview({ project, version, desc, setting, robot, qrcodeFormat: 'image', qrcodeOutputDest: dest, onProgressUpdate: progress });
    out(`预览二维码 preview QR code: ${path.relative(process.cwd(), dest)} (scan it in WeChat within its validity)`);
    return 0;
  }
  const result = await ci.upload({ project, version, desc, setting, robot, onProgressUpdate: progress });
  for (const p of result.subPackageInfo ?? []) out(`  uploaded ${p.name}: ${kb(p.size)}`);
  out(`已上传 uploaded version ${version} as robot ${robot}: choose it as 体验版 or submit it for review at mp.weixin.qq.com → 版本管理.`);
  return 0;
}

if (require.main === module) {
  run(process.argv.slice(2), process.env, (l) => console.log(l), (l) => console.error(l)).then(
    // miniprogram-ci leaves a file watcher running: leave explicitly.
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`上传失败 upload failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}

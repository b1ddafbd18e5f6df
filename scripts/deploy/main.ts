/**
 * `npm run deploy`: one command from this code to a CloudBase environment (docs/deploy.md).
 *
 *   npm run deploy -- --dry-run          the full plan; no credentials, no network, no change
 *   npm run deploy -- --verify           differences between the environment and the code; no change
 *   npm run deploy [-- --admin-openid <openid>]   builds, then brings the environment to the code
 *
 * The CloudBase API key and environment come from TCB_SECRET_ID, TCB_SECRET_KEY and
 * TCB_ENV_ID; without them a real run or --verify refuses before doing anything.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FUNCTION_SPECS } from '../../core/functions/manifest';
import { deploy } from './apply';
import type { Credentials } from './cloudbase';
import { describe, differences, readState } from './compare';
import { FUNCTIONS_DIR } from './config';
import { consistencyProblems } from './consistency';
import { DIRECTORY_DIR, demoDirectory, readDirectory, type Directory } from './directory';
import { planFromCode } from './plan';
import { planText } from './print';
import { loadSettings, ROOT } from './settings';
import type { DeployTarget } from './target';

export const USAGE = `usage: npm run deploy -- [--dry-run | --verify] [options]

  --dry-run              print the full plan; needs no credentials and no network, changes nothing
  --verify               list differences between the environment and the code; changes nothing
  --admin-openid <id>    create the first administrator (members/<id>, role admin)
  --admin-name <name>    the administrator's display name (default 县委组织部)
  --directory <folder>   import the directory from <folder>/<collection>.json (default deploy/directory/)
  --demo-directory       import the demo directory of local/demo-data.ts (trial environments only)
  --import-directory     also add missing directory documents to collections that have some
  --settings <file>      the settings file (default deploy/settings.json, else deploy/settings.example.json)
  --functions <a,b>      deploy only these functions, nothing of the database (a release or a rollback)
  --prune                drop indexes the code does not have
  --skip-build           do not run scripts/build.mjs first (the bundles must exist)
  --json                 with --dry-run: the plan as JSON on stdout

environment: TCB_SECRET_ID, TCB_SECRET_KEY (a CloudBase API key), TCB_ENV_ID (the environment id),
             MP_APPID (optional: the mini-program's appid, for reading security rules)`;

export interface RunIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
  /** The environment to deploy to; the real one unless a test gives a fake. */
  makeTarget?: (credentials: Credentials) => DeployTarget | Promise<DeployTarget>;
  now?: () => number;
  /** Where the settings and the directory are looked for when no flag names them (tests point them away from a developer's own). */
  defaults?: { settingsFile: string; directoryDir: string };
}

const OPENID = /^[A-Za-z0-9_-]{6,64}$/;

/** The refusal of a run that needs the CloudBase API key: in Chinese and English, naming what is missing. */
export function missingCredentials(env: Record<string, string | undefined>): string[] | undefined {
  const missing = ['TCB_SECRET_ID', 'TCB_SECRET_KEY', 'TCB_ENV_ID'].filter((k) => !env[k]?.trim());
  if (missing.length === 0) return undefined;
  return [
    `拒绝执行：缺少 ${missing.join('、')}。Refusing to run: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set.`,
    '  TCB_SECRET_ID / TCB_SECRET_KEY: a CloudBase (Tencent Cloud) API key — 腾讯云控制台 → 访问管理 → API 密钥;',
    '  TCB_ENV_ID: the CloudBase environment id (云开发控制台 → 环境 ID).',
    '  Set them in the shell for this command only; never write them into a file under git (docs/deploy.md, "Keys").',
    '  Nothing was changed. `npm run deploy -- --dry-run` prints the plan without them.',
  ];
}

function bundleSizes(): Record<string, number | undefined> {
  const out: Record<string, number | undefined> = {};
  for (const name of Object.keys(FUNCTION_SPECS)) {
    const file = path.join(FUNCTIONS_DIR, name, 'index.js');
    out[name] = fs.existsSync(file) ? fs.statSync(file).size : undefined;
  }
  return out;
}

/** The whole command; answers the exit code. */
export async function run(argv: string[], io: RunIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        'dry-run': { type: 'boolean' },
        verify: { type: 'boolean' },
        'admin-openid': { type: 'string' },
        'admin-name': { type: 'string' },
        directory: { type: 'string' },
        'demo-directory': { type: 'boolean' },
        'import-directory': { type: 'boolean' },
        settings: { type: 'string' },
        functions: { type: 'string' },
        prune: { type: 'boolean' },
        'skip-build': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    io.err((e as Error).message);
    io.err(USAGE);
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  const mode = args['dry-run'] ? 'dry-run' : args.verify ? 'verify' : 'deploy';
  const usageErrors: string[] = [];
  if (args['dry-run'] && args.verify) usageErrors.push('--dry-run and --verify exclude each other');
  if (args.json && mode !== 'dry-run') usageErrors.push('--json goes with --dry-run');
  if (args.directory && args['demo-directory']) usageErrors.push('--directory and --demo-directory exclude each other');
  if (usageErrors.length) {
    for (const e of usageErrors) io.err(e);
    io.err(USAGE);
    return 2;
  }
  const say = args.json ? io.err : io.out;

  // A run that needs the environment refuses first, before building or reading anything.
  let credentials: Credentials | undefined;
  if (mode !== 'dry-run') {
    const refusal = missingCredentials(io.env);
    if (refusal) {
      for (const line of refusal) io.err(line);
      return 1;
    }
    credentials = { secretId: io.env.TCB_SECRET_ID!.trim(), secretKey: io.env.TCB_SECRET_KEY!.trim(), envId: io.env.TCB_ENV_ID!.trim(), appId: io.env.MP_APPID?.trim() || undefined };
  }

  // The configuration: everything is checked before anything is built or sent.
  const problems = consistencyProblems();
  const warnings: string[] = [];
  const settings = loadSettings(args.settings ?? io.defaults?.settingsFile);
  problems.push(...settings.problems);
  const only = args.functions?.split(',').map((s) => s.trim()).filter(Boolean);
  let directory: Directory | undefined;
  if (only) {
    // A release or rollback of functions touches no document: the directory is not read.
    if (args.directory || args['demo-directory']) problems.push('--functions deploys functions only: it takes no directory');
  } else if (args['demo-directory']) directory = demoDirectory();
  else if (args.directory) {
    if (!fs.existsSync(args.directory)) problems.push(`--directory ${args.directory}: no such folder`);
    else directory = readDirectory(path.resolve(args.directory));
  } else if (fs.existsSync(io.defaults?.directoryDir ?? DIRECTORY_DIR)) directory = readDirectory(io.defaults?.directoryDir ?? DIRECTORY_DIR);
  if (directory) problems.push(...directory.problems);
  const adminOpenid = args['admin-openid']?.trim();
  if (adminOpenid !== undefined && !OPENID.test(adminOpenid)) problems.push(`--admin-openid ${adminOpenid}: an openid is 6–64 letters, digits, _ or - (members.me shows it in the app)`);
  const admin = adminOpenid ? { openid: adminOpenid, name: args['admin-name']?.trim() || '县委组织部' } : undefined;
  for (const name of only ?? []) if (!FUNCTION_SPECS[name]) problems.push(`--functions ${name}: not a function of core/functions/manifest.ts (${Object.keys(FUNCTION_SPECS).join(', ')})`);
  if (only && admin) problems.push('--functions deploys functions only: it takes no --admin-openid');
  if (problems.length) {
    io.err(`配置有误，未做任何更改。The configuration has ${problems.length} problem(s); nothing was changed:`);
    for (const p of problems) io.err(`  - ${p}`);
    return 1;
  }
  if (settings.example) warnings.push('no deploy/settings.json: the functions get no variables and use the code defaults (copy deploy/settings.example.json)');
  const plan = planFromCode(settings);
  const templatesUnset = plan.variables.filter((v) => v.name.startsWith('TEMPLATE_') && v.value === undefined).map((v) => v.name);
  if (templatesUnset.length) warnings.push(`${templatesUnset.join(', ')} not set: no subscribe message can be sent (notices stay in the app's list) until they are (docs/notifications.md)`);
  if (!directory && !only) warnings.push('no directory given: a first deploy leaves townships, studios, representatives and departments empty');

  // --verify compares settings and structure, not code: it builds nothing.
  if (!args['skip-build'] && mode !== 'verify') {
    say('building the functions (node scripts/build.mjs) …');
    const output = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    for (const line of output.split('\n').filter(Boolean)) say(`  ${line}`);
  }
  const bundles = bundleSizes();
  const unbuilt = Object.entries(bundles).filter(([name, size]) => size === undefined && (!only || only.includes(name))).map(([name]) => `cloudfunctions/${name}/index.js`);
  if (unbuilt.length && mode === 'deploy') {
    io.err(`未构建 not built: ${unbuilt.join(', ')}: run without --skip-build (or npm run build). Nothing was changed.`);
    return 1;
  }
  if (unbuilt.length && mode === 'dry-run') warnings.push(`not built: ${unbuilt.join(', ')} (npm run build)`);
  const ctx = { settingsFile: settings.file, settingsExample: settings.example, directory, admin, bundles, only, prune: args.prune === true };

  if (mode === 'dry-run') {
    if (args.json) {
      io.out(JSON.stringify({ plan, settings: settings.file, directory: directory ? { source: directory.source, counts: Object.fromEntries(Object.entries(directory.docs).map(([c, d]) => [c, d.length])) } : null, admin: admin ?? null, bundles, warnings }, null, 2));
      return 0;
    }
    io.out('党代表工作室 deploy — 演练 dry run: no credentials, no network, nothing is changed.');
    io.out('');
    for (const line of planText(plan, ctx)) io.out(line);
    io.out('');
    for (const w of warnings) io.out(`注意 warning: ${w}`);
    io.out(missingCredentials(io.env) ? 'A real run needs TCB_SECRET_ID, TCB_SECRET_KEY and TCB_ENV_ID (docs/deploy.md); `--verify` compares an environment with this plan.' : `A real run deploys this to ${io.env.TCB_ENV_ID}; \`--verify\` lists what differs there now.`);
    return 0;
  }

  const makeTarget = io.makeTarget ?? (async (c: Credentials) => (await import('./cloudbase')).cloudbaseTarget(c));
  const target = await makeTarget(credentials!);
  if (mode === 'verify') {
    io.out(`核对 verify: ${target.name} against the code (nothing is changed)`);
    let diffs;
    try {
      diffs = differences(plan, await readState(target, plan));
    } catch (e) {
      io.err(`核对失败 verify failed: ${(e as Error).message}`);
      return 1;
    }
    for (const d of diffs) io.out(`  - ${describe(d)}`);
    const blocking = diffs.filter((d) => d.kind !== 'extra-function');
    io.out(blocking.length ? `${blocking.length} difference(s): \`npm run deploy\` resolves them (extra indexes only with --prune).` : '一致 the environment matches the code.');
    return blocking.length ? 1 : 0;
  }

  io.out(`部署 deploy to ${target.name}`);
  for (const w of warnings) io.out(`注意 warning: ${w}`);
  try {
    const result = await deploy(target, plan, {
      functionRoot: FUNCTIONS_DIR,
      prune: args.prune,
      only,
      directory,
      importIntoNonEmpty: args['import-directory'],
      admin,
      now: io.now ?? Date.now,
      log: io.out,
    });
    io.out(result.changes.length ? `完成 done: ${result.changes.length} change(s).` : '完成 done: nothing needed changing.');
    return 0;
  } catch (e) {
    io.err(`部署中断 deploy stopped: ${(e as Error).message}`);
    io.err('What was done is listed above; run the same command again to finish (each step checks before it writes).');
    return 1;
  }
}

if (require.main === module) {
  // The SDKs leave some promises un-awaited: report such a failure instead of dying silently.
  process.on('unhandledRejection', (e) => {
    console.error(`部署中断 deploy stopped: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
  run(process.argv.slice(2), { env: process.env, out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => {
    process.exitCode = code;
  });
}

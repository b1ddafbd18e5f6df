/**
 * `npm run deploy:config`: writes what the deploy manifest (core/functions/manifest.ts)
 * determines, so nothing is kept in step by hand:
 * - `cloudbaserc.json`, for the CloudBase CLI (`tcb fn deploy`), with the variable values of
 *   deploy/settings.example.json (none: the committed file holds no environment's settings);
 * - each `cloudfunctions/<name>/config.json` (openapi permissions, the timer trigger), which
 *   WeChat DevTools and the upload read;
 * - `cloudfunctions/<name>/index.ts` and `package.json` of a new function, when missing
 *   (existing ones are never overwritten);
 * - `deploy/settings.example.json`, every variable the functions read, empty.
 *
 * `npm run deploy:config -- --settings deploy/settings.json --out cloudbaserc.local.json`
 * writes only a CLI file with a real environment's values (cloudbaserc.local.json is git-ignored).
 */
import fs from 'node:fs';
import path from 'node:path';
import { CODE, planFromCode, type CodeModel, type FunctionPlan } from './plan';
import { exampleSettings, loadSettings, ROOT, type Settings } from './settings';

export const CLOUDBASERC = path.join(ROOT, 'cloudbaserc.json');
export const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions');
export const REGENERATE = 'npm run deploy:config';

/** cloudbaserc.json for @cloudbase/cli 2.x: `envId` stays the CLI's placeholder, filled from ENV_ID in .env. */
export function cloudbaserc(functions: FunctionPlan[]) {
  return {
    version: '2.0',
    envId: '{{env.ENV_ID}}',
    functionRoot: './cloudfunctions',
    functions: functions.map((f) => ({
      name: f.name,
      runtime: f.runtime,
      handler: f.handler,
      timeout: f.timeout,
      memorySize: f.memory,
      installDependency: f.installDependency,
      ignore: f.ignore,
      envVariables: f.envVariables,
      ...(f.trigger ? { triggers: [{ name: f.trigger.name, type: f.trigger.type, config: f.trigger.cron }] } : {}),
    })),
  };
}

/** A function's config.json: what WeChat reads from the uploaded folder (openapi permissions, timer trigger). */
export function functionConfigJson(f: FunctionPlan) {
  return {
    permissions: { openapi: f.openapi },
    ...(f.trigger ? { triggers: [{ name: f.trigger.name, type: f.trigger.type, config: f.trigger.cron }] } : {}),
  };
}

/** The one-line entry of a new function. */
export function entrySource(name: string, kind: 'callable' | 'timer', description: string): string {
  // Each entry brings only its own actions, so its bundle holds nothing else (scripts/build.mjs).
  if (kind === 'timer') {
    return [`import { TIMERS } from '../../core/timers';`, `import { timer } from '../timer';`, '', `/** Cloud function \`${name}\`: ${description}. */`, `export const main = timer('${name}', TIMERS.${name});`, ''].join('\n');
  }
  return [
    `import { ${name} } from '../../core/functions/${name}';`,
    `import { callable } from '../callable';`,
    '',
    `/** Cloud function \`${name}\`: ${description}. Its bundle holds only these actions. */`,
    `export const main = callable('${name}', ${name});`,
    '',
  ].join('\n');
}

/** A function's package.json: only wx-server-sdk is installed in the cloud (the bundle holds the rest). */
export function functionPackageJson(name: string, projectRoot = ROOT) {
  const root = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  return {
    name,
    version: '1.0.0',
    private: true,
    description: `党代表工作室 cloud function ${name} (bundled from index.ts by npm run build)`,
    main: 'index.js',
    dependencies: { 'wx-server-sdk': root.dependencies['wx-server-sdk'] },
  };
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The tables of docs/deploy.md that come from the manifest: functions, and the variables they read. */
export function docTables(code: CodeModel = CODE): { functions: string; variables: string } {
  const plan = planFromCode(NO_SETTINGS, code);
  const functions = [
    '| function | kind | timeout | memory | openapi permissions (config.json) | trigger |',
    '|---|---|---|---|---|---|',
    ...plan.functions.map((f) =>
      [
        `\`${f.name}\``,
        f.kind === 'timer' ? `timer (a run starts new work for ${(f.budgetMs ?? 0) / 1000} s)` : 'callable',
        `${f.timeout} s`,
        `${f.memory} MB`,
        f.openapi.length ? f.openapi.map((p) => `\`${p}\``).join(', ') : '—',
        f.trigger ? `\`${f.trigger.cron}\` (${f.trigger.means})` : '—',
      ].map(cell).join(' | '),
    ).map((row) => `| ${row} |`),
  ].join('\n');
  const variables = [
    '| variable | default | what it sets | read by |',
    '|---|---|---|---|',
    ...plan.variables.map((v) => `| \`${v.name}\` | ${cell(v.fallback)} | ${cell(v.about)} | ${v.functions.length === plan.functions.length ? 'every function' : v.functions.map((f) => `\`${f}\``).join(', ')} |`),
  ].join('\n');
  return { functions, variables };
}

const BLOCK = (name: string) => new RegExp(`(<!-- ${name}:start[^>]*-->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);

/** docs/deploy.md with its generated tables brought up to date (unchanged when it has no markers). */
export function withDocTables(doc: string, code: CodeModel = CODE): string {
  const tables = docTables(code);
  return doc.replace(BLOCK('functions'), `$1${tables.functions}\n$2`).replace(BLOCK('variables'), `$1${tables.variables}\n$2`);
}

const NO_SETTINGS: Settings = { file: 'deploy/settings.example.json', example: true, variables: {}, problems: [] };

export const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

/** Every generated file (path relative to the project → content), from the manifest and the example settings. */
export function generatedFiles(code: CodeModel = CODE): Map<string, string> {
  // The committed files carry no environment's values: the example's (every variable empty).
  const plan = planFromCode(NO_SETTINGS, code);
  const files = new Map<string, string>();
  files.set('cloudbaserc.json', json(cloudbaserc(plan.functions)));
  for (const f of plan.functions) files.set(`cloudfunctions/${f.name}/config.json`, json(functionConfigJson(f)));
  files.set('deploy/settings.example.json', json(exampleSettings()));
  return files;
}

/** Files of a function folder created only when missing. */
export function scaffoldFiles(code: CodeModel = CODE, projectRoot = ROOT): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, spec] of Object.entries(code.specs)) {
    files.set(`cloudfunctions/${name}/index.ts`, entrySource(name, spec.kind, spec.description));
    files.set(`cloudfunctions/${name}/package.json`, json(functionPackageJson(name, projectRoot)));
  }
  return files;
}

function write(projectRoot: string, relative: string, content: string, log: (line: string) => void) {
  const file = path.join(projectRoot, relative);
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (before === content) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  log(`${before === undefined ? 'created' : 'updated'} ${relative}`);
}

function main(argv: string[]) {
  const log = (line: string) => console.log(line);
  const arg = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const settingsFile = arg('--settings');
  const out = arg('--out');
  if (settingsFile || out) {
    if (!out) throw new Error('--settings needs --out <file> (the committed cloudbaserc.json holds no environment settings)');
    const settings = loadSettings(settingsFile);
    if (settings.problems.length) {
      for (const p of settings.problems) console.error(p);
      process.exit(1);
    }
    const target = path.resolve(out);
    fs.writeFileSync(target, json(cloudbaserc(planFromCode(settings).functions)));
    log(`wrote ${path.relative(process.cwd(), target)} with the values of ${settings.file}`);
    return;
  }
  const changed = writeConfig(ROOT, CODE, log);
  log(changed ? `${changed} file(s) written from core/functions/manifest.ts` : 'everything already matches core/functions/manifest.ts');
}

/** Writes the generated files and the missing scaffolds under `projectRoot`; answers how many files changed. */
export function writeConfig(projectRoot: string, code: CodeModel, log: (line: string) => void): number {
  let changed = 0;
  const counting = (line: string) => {
    changed++;
    log(line);
  };
  for (const [relative, content] of scaffoldFiles(code, projectRoot)) if (!fs.existsSync(path.join(projectRoot, relative))) write(projectRoot, relative, content, counting);
  for (const [relative, content] of generatedFiles(code)) write(projectRoot, relative, content, counting);
  const docs = path.join(projectRoot, 'docs', 'deploy.md');
  if (fs.existsSync(docs)) write(projectRoot, 'docs/deploy.md', withDocTables(fs.readFileSync(docs, 'utf8'), code), counting);
  return changed;
}

if (require.main === module) main(process.argv.slice(2));

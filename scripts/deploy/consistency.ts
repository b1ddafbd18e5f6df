/**
 * Does everything that describes the deployment agree? The manifest
 * (core/functions/manifest.ts), `FUNCTIONS` and `TIMERS` of core/app.ts, the
 * `cloudfunctions/<name>/` folders with their index.ts, package.json and config.json, the
 * committed cloudbaserc.json and deploy/settings.example.json, and COLLECTIONS. Each problem
 * says what to add or run. `npm run deploy` refuses to run (and --dry-run fails) while any is
 * left; test/deploy/manifest.test.ts asserts there are none.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FUNCTIONS, TIMERS } from '../../core/app';
import { MAX_TIMEOUT, MEMORY_SIZES, OPENAPI_PERMISSIONS, VARIABLES, type FunctionSpec } from '../../core/functions/manifest';
import { cloudbaserc, functionPackageJson, generatedFiles, REGENERATE, withDocTables } from './config';
import { CODE, indexName, type CodeModel } from './plan';
import { ROOT } from './settings';

const MANIFEST_FILE = 'core/functions/manifest.ts';
/** SCF's rule for function names. */
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;
const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** A 7-field CloudBase cron: second minute hour day month weekday year. */
export function cronProblem(cron: string): string | undefined {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 7) return `has ${fields.length} fields; CloudBase timers take 7 (second minute hour day month weekday year), e.g. "0 */15 * * * * *"`;
  const ok = /^(\*|\?|[0-9A-Za-z]+(-[0-9A-Za-z]+)?(\/[0-9]+)?|\*\/[0-9]+)(,[0-9A-Za-z]+(-[0-9A-Za-z]+)?)*$/;
  const bad = fields.filter((f) => !ok.test(f));
  return bad.length ? `has fields CloudBase cannot read: ${bad.join(' ')}` : undefined;
}

/** What is wrong with one manifest entry. */
function specProblems(name: string, spec: FunctionSpec): string[] {
  const out: string[] = [];
  const at = `${MANIFEST_FILE} ${name}`;
  if (!FUNCTION_NAME.test(name)) out.push(`${at}: a function name is letters, digits, _ or -, starting with a letter, at most 60`);
  if (!Number.isInteger(spec.timeout) || spec.timeout < 1 || spec.timeout > MAX_TIMEOUT) out.push(`${at}: timeout ${spec.timeout} s must be a whole number of seconds, 1–${MAX_TIMEOUT}`);
  if (!(MEMORY_SIZES as readonly number[]).includes(spec.memory)) out.push(`${at}: memory ${spec.memory} MB must be one of ${MEMORY_SIZES.join(', ')}`);
  for (const p of spec.openapi) if (!(OPENAPI_PERMISSIONS as readonly string[]).includes(p)) out.push(`${at}: unknown openapi permission ${p} (known: ${OPENAPI_PERMISSIONS.join(', ')})`);
  if (new Set(spec.openapi).size !== spec.openapi.length) out.push(`${at}: an openapi permission is listed twice`);
  for (const v of spec.env) if (!VARIABLES[v]) out.push(`${at}: reads ${v}, which VARIABLES in ${MANIFEST_FILE} does not declare: add it there (with its rule)`);
  if (spec.kind === 'timer') {
    const problem = cronProblem(spec.trigger.cron);
    if (problem) out.push(`${at}: trigger cron "${spec.trigger.cron}" ${problem}`);
    if (!FUNCTION_NAME.test(spec.trigger.name)) out.push(`${at}: trigger name ${spec.trigger.name} must be letters, digits, _ or -`);
  }
  return out;
}

/** The manifest entry a developer adds for a function core/app.ts has and the manifest lacks. */
function manifestEntryHint(name: string, kind: 'callable' | 'timer'): string {
  const common = `description: '…', timeout: 10, memory: 256, openapi: ['security.msgSecCheck'], env: CONFIG_ENV`;
  return kind === 'callable'
    ? `add \`${name}: { kind: 'callable', ${common} }\` to MANIFEST in ${MANIFEST_FILE}, then run ${REGENERATE}`
    : `add \`${name}: { kind: 'timer', ${common}, trigger: { name: '${name}', cron: '0 0 * * * * *', means: '…' } }\` to MANIFEST in ${MANIFEST_FILE}, then run ${REGENERATE}`;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Everything that describes a deployment: the code's model, the callables and timers of core/app.ts, the project's files. */
export interface Codebase extends CodeModel {
  root: string;
  callables: string[];
  timers: string[];
}

export const codebase = (): Codebase => ({ ...CODE, root: ROOT, callables: Object.keys(FUNCTIONS), timers: Object.keys(TIMERS) });

/** Every disagreement between the manifest and the rest, each with its fix. Empty when all agree. */
export function consistencyProblems(code: Codebase = codebase()): string[] {
  const out: string[] = [];
  const functionsDir = path.join(code.root, 'cloudfunctions');
  const specs = Object.entries(code.specs);
  for (const [name, spec] of specs) out.push(...specProblems(name, spec));

  // core/app.ts: callables in FUNCTIONS, timers in TIMERS.
  const app = { callable: code.callables, timer: code.timers };
  for (const kind of ['callable', 'timer'] as const) {
    const list = kind === 'callable' ? 'FUNCTIONS' : 'TIMERS';
    for (const name of app[kind]) {
      const spec = code.specs[name];
      if (!spec) out.push(`core/app.ts ${list} has \`${name}\`, which the deploy manifest does not deploy: ${manifestEntryHint(name, kind)}`);
      else if (spec.kind !== kind) out.push(`${MANIFEST_FILE} ${name}: kind '${spec.kind}', but core/app.ts has it in ${list}: make it kind '${kind}'`);
    }
    for (const [name, spec] of specs) {
      if (spec.kind === kind && !app[kind].includes(name) && !app[kind === 'callable' ? 'timer' : 'callable'].includes(name)) {
        out.push(`${MANIFEST_FILE} deploys \`${name}\` (${kind}), but core/app.ts ${list} has no \`${name}\`: add it there, or remove it from the manifest`);
      }
    }
  }

  // cloudfunctions/<name>/: one folder per manifest entry, nothing else.
  const folders = fs.existsSync(functionsDir)
    ? fs.readdirSync(functionsDir, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'node_modules').map((d) => d.name)
    : [];
  for (const folder of folders) {
    if (!code.specs[folder]) out.push(`cloudfunctions/${folder}/ is not in the deploy manifest: ${manifestEntryHint(folder, 'callable')} (or delete the folder)`);
  }
  const generated = generatedFiles(code);
  for (const [name, spec] of specs) {
    const dir = path.join(functionsDir, name);
    const rel = `cloudfunctions/${name}`;
    if (!fs.existsSync(dir)) {
      out.push(`${rel}/ is missing: run ${REGENERATE} (it creates index.ts, package.json and config.json for \`${name}\`)`);
      continue;
    }
    const entry = path.join(dir, 'index.ts');
    const factory = spec.kind === 'callable' ? 'callable' : 'timer';
    if (!fs.existsSync(entry)) out.push(`${rel}/index.ts is missing: run ${REGENERATE}`);
    else if (!fs.readFileSync(entry, 'utf8').includes(`${factory}('${name}',`)) out.push(`${rel}/index.ts must export \`main = ${factory}('${name}', …)\` (a ${spec.kind} function over its own actions)`);
    const pkg = readJson(path.join(dir, 'package.json')) as { main?: unknown; dependencies?: unknown } | undefined;
    const wantPkg = functionPackageJson(name, code.root);
    if (!pkg) out.push(`${rel}/package.json is missing or not JSON: run ${REGENERATE}`);
    else if (pkg.main !== 'index.js' || JSON.stringify(pkg.dependencies) !== JSON.stringify(wantPkg.dependencies)) {
      out.push(`${rel}/package.json must have "main": "index.js" and only ${JSON.stringify(wantPkg.dependencies)} as dependencies (the bundle holds the rest)`);
    }
    const configJson = `${rel}/config.json`;
    const want = generated.get(configJson);
    const have = fs.existsSync(path.join(code.root, configJson)) ? fs.readFileSync(path.join(code.root, configJson), 'utf8') : undefined;
    if (have !== want) out.push(`${configJson} ${have === undefined ? 'is missing' : 'disagrees with the manifest (openapi permissions or trigger)'}: run ${REGENERATE}`);
  }

  // cloudbaserc.json: generated, committed.
  const rc = readJson(path.join(code.root, 'cloudbaserc.json')) as { functions?: Array<Record<string, unknown>> } | undefined;
  const wantRc = JSON.parse(generated.get('cloudbaserc.json') ?? '{}') as ReturnType<typeof cloudbaserc>;
  if (!rc) out.push(`cloudbaserc.json is missing or not JSON: run ${REGENERATE}`);
  else if (JSON.stringify(rc) !== JSON.stringify(wantRc)) {
    const have = new Map((rc.functions ?? []).map((f) => [String(f.name), f]));
    const details: string[] = [];
    for (const f of wantRc.functions) {
      const h = have.get(f.name);
      if (!h) details.push(`lacks ${f.name}`);
      else {
        for (const [key, value] of Object.entries(f)) if (JSON.stringify(h[key]) !== JSON.stringify(value)) details.push(`${f.name}.${key} is ${JSON.stringify(h[key])}, the manifest says ${JSON.stringify(value)}`);
        for (const key of Object.keys(h)) if (!(key in f)) details.push(`${f.name}.${key} is not generated`);
      }
    }
    for (const name of have.keys()) if (!code.specs[name]) details.push(`has ${name}, which the manifest does not deploy`);
    out.push(`cloudbaserc.json disagrees with the manifest${details.length ? ` (${details.join('; ')})` : ''}: run ${REGENERATE}`);
  }
  const example = fs.existsSync(path.join(code.root, 'deploy/settings.example.json')) ? fs.readFileSync(path.join(code.root, 'deploy/settings.example.json'), 'utf8') : undefined;
  if (example !== generated.get('deploy/settings.example.json')) out.push(`deploy/settings.example.json does not list exactly the variables of the manifest: run ${REGENERATE}`);

  const docs = path.join(code.root, 'docs', 'deploy.md');
  if (fs.existsSync(docs)) {
    const text = fs.readFileSync(docs, 'utf8');
    if (!text.includes('<!-- functions:start') || !text.includes('<!-- variables:start')) out.push('docs/deploy.md lacks the <!-- functions:start --> or <!-- variables:start --> block the manifest fills');
    else if (withDocTables(text, code) !== text) out.push(`docs/deploy.md's functions or variables table disagrees with the manifest: run ${REGENERATE}`);
  }

  // COLLECTIONS: names CloudBase accepts, indexes on plain fields, none twice.
  for (const [collection, indexes] of Object.entries(code.collections)) {
    if (!COLLECTION_NAME.test(collection)) out.push(`core/ports/store.ts COLLECTIONS: ${collection} is not a collection name CloudBase accepts (letters, digits, _ or -, at most 32)`);
    const names = new Set<string>();
    for (const fields of indexes) {
      for (const f of fields) if (!FIELD.test(f)) out.push(`core/ports/store.ts COLLECTIONS: ${collection} index on "${f}", not a field name`);
      const name = indexName(fields);
      if (names.has(name)) out.push(`core/ports/store.ts COLLECTIONS: ${collection} lists the index (${fields.join(', ')}) twice`);
      names.add(name);
    }
  }
  return out;
}

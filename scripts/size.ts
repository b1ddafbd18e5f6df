/**
 * `npm run size`: what an upload of the mini-program would contain, per package.
 *
 * Starts from miniprogram/app.json and follows what WeChat follows: the pages of the main
 * package and of each subpackage, `usingComponents` (npm components in miniprogram_npm
 * included, recursively through each component's json), WXML `import`/`include`/`wxs`,
 * WXSS `@import`, and `require`/`import` in scripts. A file belongs to the subpackage whose
 * root holds it, else to the main package (so npm components count in the main package,
 * wherever they are used). Images and other static files outside miniprogram_npm are
 * counted where they sit.
 *
 * Scripts are measured as uploaded: TypeScript compiled to JavaScript by esbuild, minified
 * when project.config.json says `minified` (DevTools' upload setting). Exits 1 when the main
 * package passes MAIN_LIMIT or a reference does not resolve.
 *
 * Then the cloud functions: each bundle cloudfunctions/<name>/index.js (`npm run build`), its
 * size, gzipped size, and cold `require` time, measured in fresh Node processes (`--runs=N`,
 * 7 by default; `--no-require` skips it): first wx-server-sdk alone, then the bundle on top of
 * it. `--cloud-dir=DIR` measures bundles elsewhere (DIR/<name>/index.js). Exits 1 when a bundle
 * passes its limit in CLOUD_LIMITS.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { transformSync } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
export const MP_ROOT = path.join(ROOT, 'miniprogram');

/** WeChat refuses a main package over 2 MB; this project keeps it under 1.5 MB. */
export const MAIN_LIMIT = 1.5 * 1024 * 1024;
/** WeChat's limit for one subpackage. */
export const SUBPACKAGE_LIMIT = 2 * 1024 * 1024;

const CODE_EXTENSIONS = ['.ts', '.js', '.json', '.wxml', '.wxss', '.wxs'];

export interface Reachable {
  /** Files an upload contains, relative to miniprogram/ (`.ts` stands for the `.js` it becomes). */
  files: Set<string>;
  /** References that resolve to nothing: `from → what`. */
  missing: string[];
}

interface AppJson {
  pages: string[];
  subpackages?: Array<{ root: string; pages: string[]; name?: string }>;
  subPackages?: Array<{ root: string; pages: string[]; name?: string }>;
  usingComponents?: Record<string, string>;
  tabBar?: { list?: Array<{ iconPath?: string; selectedIconPath?: string }> };
}

const rel = (abs: string) => path.relative(MP_ROOT, abs).split(path.sep).join('/');
const exists = (abs: string) => fs.existsSync(abs) && fs.statSync(abs).isFile();

/** `base` + the first extension that exists. */
const withExtension = (base: string, extensions: string[]) => extensions.map((e) => base + e).find(exists);

/** Where a bare name (`tdesign-miniprogram/button/button`, `tslib`) resolves from `fromDir`: the nearest miniprogram_npm up the tree. */
function resolveNpm(fromDir: string, name: string, resolveIn: (candidate: string) => string | undefined): string | undefined {
  for (let dir = fromDir; dir.startsWith(MP_ROOT); dir = path.dirname(dir)) {
    const hit = resolveIn(path.join(dir, 'miniprogram_npm', name));
    if (hit) return hit;
    if (dir === MP_ROOT) break;
  }
  return undefined;
}

/** A path written in a json, wxml or wxss file: absolute from miniprogram/, or relative to the file. */
function resolvePath(fromFile: string, target: string): string {
  return target.startsWith('/') ? path.join(MP_ROOT, target) : path.resolve(path.dirname(fromFile), target);
}

/** A component's base path (no extension), as usingComponents names it. */
function resolveComponent(fromFile: string, target: string): string | undefined {
  const isComponent = (base: string) => (exists(`${base}.json`) ? base : exists(path.join(base, 'index.json')) ? path.join(base, 'index') : undefined);
  if (target.startsWith('/') || target.startsWith('.')) return isComponent(resolvePath(fromFile, target));
  if (target.startsWith('plugin://')) return undefined;
  return resolveNpm(path.dirname(fromFile), target, isComponent);
}

/** A script's `require`/`import`: relative, absolute, or an npm name. */
function resolveScript(fromFile: string, spec: string): string | undefined {
  const asFile = (base: string) =>
    (exists(base) ? base : undefined) ?? withExtension(base, ['.ts', '.js']) ?? withExtension(path.join(base, 'index'), ['.ts', '.js']);
  if (spec.startsWith('.') || spec.startsWith('/')) return asFile(resolvePath(fromFile, spec));
  return resolveNpm(path.dirname(fromFile), spec, asFile);
}

const scriptSpecs = (source: string) => {
  // `import type … from` and `export type … from` bring nothing into the upload.
  const code = source.replace(/\b(?:import|export)\s+type\b[^;]*?\bfrom\s*['"][^'"]+['"]/g, '');
  const out: string[] = [];
  // … from '…' (import and export, minified or not), import '…', require('…'), import('…').
  const patterns = [/\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of code.matchAll(re)) out.push(m[1]);
  return out;
};

/** Walks everything app.json reaches. */
export function reachable(): Reachable {
  const files = new Set<string>();
  const missing: string[] = [];
  const seenComponents = new Set<string>();

  const add = (abs: string): boolean => {
    const r = rel(abs);
    if (files.has(r)) return false;
    files.add(r);
    return true;
  };
  const miss = (from: string, what: string) => missing.push(`${rel(from)} → ${what}`);

  const visitScript = (abs: string) => {
    if (!add(abs)) return;
    for (const spec of scriptSpecs(fs.readFileSync(abs, 'utf8'))) {
      const hit = resolveScript(abs, spec);
      if (hit) visitScript(hit);
      else miss(abs, spec);
    }
  };
  const visitWxs = (abs: string) => {
    if (!add(abs)) return;
    for (const spec of scriptSpecs(fs.readFileSync(abs, 'utf8'))) {
      const hit = resolvePath(abs, spec);
      if (exists(hit)) visitWxs(hit);
      else miss(abs, spec);
    }
  };
  const visitWxml = (abs: string) => {
    if (!add(abs)) return;
    const source = fs.readFileSync(abs, 'utf8');
    for (const m of source.matchAll(/<(import|include|wxs)\b[^>]*?\bsrc\s*=\s*["']([^"'{}]+)["']/g)) {
      const [, tag, src] = m;
      let target = resolvePath(abs, src);
      if (tag !== 'wxs' && !target.endsWith('.wxml')) target += '.wxml';
      if (!exists(target)) miss(abs, src);
      else if (tag === 'wxs') visitWxs(target);
      else visitWxml(target);
    }
  };
  const visitWxss = (abs: string) => {
    if (!add(abs)) return;
    const source = fs.readFileSync(abs, 'utf8');
    for (const m of source.matchAll(/@import\s+["']([^"']+)["']/g)) {
      const target = resolvePath(abs, m[1]);
      if (exists(target)) visitWxss(target);
      else miss(abs, m[1]);
    }
  };
  const visitUsing = (jsonFile: string, using: Record<string, string> | undefined) => {
    for (const [tag, target] of Object.entries(using ?? {})) {
      const base = resolveComponent(jsonFile, target);
      if (base) visitComponent(base);
      else if (!target.startsWith('plugin://')) miss(jsonFile, `<${tag}> ${target}`);
    }
  };
  /** A page or component: its script, json, template and style, and what its json uses. */
  const visitComponent = (base: string) => {
    if (seenComponents.has(base)) return;
    seenComponents.add(base);
    const json = `${base}.json`;
    if (exists(json)) {
      add(json);
      const parsed = JSON.parse(fs.readFileSync(json, 'utf8')) as { usingComponents?: Record<string, string>; componentGenerics?: Record<string, { default?: string }> };
      visitUsing(json, parsed.usingComponents);
      for (const g of Object.values(parsed.componentGenerics ?? {})) if (g.default) visitUsing(json, { generic: g.default });
    }
    const script = withExtension(base, ['.ts', '.js']);
    if (script) visitScript(script);
    else miss(base, 'its .ts/.js');
    const wxml = `${base}.wxml`;
    if (exists(wxml)) visitWxml(wxml);
    else miss(base, 'its .wxml');
    if (exists(`${base}.wxss`)) visitWxss(`${base}.wxss`);
  };

  const appJsonFile = path.join(MP_ROOT, 'app.json');
  const app = JSON.parse(fs.readFileSync(appJsonFile, 'utf8')) as AppJson & { sitemapLocation?: string };
  add(appJsonFile);
  const appScript = withExtension(path.join(MP_ROOT, 'app'), ['.ts', '.js']);
  if (appScript) visitScript(appScript);
  if (exists(path.join(MP_ROOT, 'app.wxss'))) visitWxss(path.join(MP_ROOT, 'app.wxss'));
  if (app.sitemapLocation && exists(path.join(MP_ROOT, app.sitemapLocation))) add(path.join(MP_ROOT, app.sitemapLocation));
  visitUsing(appJsonFile, app.usingComponents);
  for (const item of app.tabBar?.list ?? []) for (const icon of [item.iconPath, item.selectedIconPath]) if (icon) add(path.join(MP_ROOT, icon));

  const pages = [...app.pages, ...(app.subpackages ?? app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
  for (const page of pages) visitComponent(path.join(MP_ROOT, page));

  // Static files (images, fonts) outside miniprogram_npm go up with the package that holds them.
  const walkStatic = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'miniprogram_npm' && entry.name !== 'node_modules') walkStatic(abs);
      } else if (!CODE_EXTENSIONS.includes(path.extname(entry.name)) && !entry.name.endsWith('.d.ts') && !entry.name.startsWith('.')) {
        add(abs);
      }
    }
  };
  walkStatic(MP_ROOT);

  return { files, missing };
}

/** The bytes a file weighs in an upload. TypeScript is compiled (and minified when the project says so). */
export function uploadBytes(file: string, minify: boolean): number {
  const abs = path.join(MP_ROOT, file);
  if (file.endsWith('.ts')) {
    const { code } = transformSync(fs.readFileSync(abs, 'utf8'), { loader: 'ts', format: 'cjs', target: 'es2018', minify, legalComments: 'none' });
    return Buffer.byteLength(code);
  }
  return fs.statSync(abs).size;
}

export interface PackageSize {
  name: string;
  root: string;
  files: number;
  bytes: number;
  /** Of which in miniprogram_npm (TDesign). */
  npmBytes: number;
  limit: number;
}

/** The packages of app.json with what each would upload. */
export function packageSizes(r: Reachable = reachable()): PackageSize[] {
  const app = JSON.parse(fs.readFileSync(path.join(MP_ROOT, 'app.json'), 'utf8')) as AppJson;
  const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as { setting?: { minified?: boolean } };
  const minify = project.setting?.minified === true;
  const subs = (app.subpackages ?? app.subPackages ?? []).map((s) => ({ name: s.name ?? s.root, root: s.root.replace(/\/$/, '') + '/' }));
  const sizes: PackageSize[] = [{ name: 'main', root: '', files: 0, bytes: 0, npmBytes: 0, limit: MAIN_LIMIT }, ...subs.map((s) => ({ ...s, files: 0, bytes: 0, npmBytes: 0, limit: SUBPACKAGE_LIMIT }))];
  for (const file of r.files) {
    const pkg = sizes.find((s, i) => i > 0 && file.startsWith(s.root)) ?? sizes[0];
    const bytes = uploadBytes(file, minify);
    pkg.files++;
    pkg.bytes += bytes;
    if (file.startsWith('miniprogram_npm/')) pkg.npmBytes += bytes;
  }
  return sizes;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** Issue 10's limits on the cloud function bundles. */
export const CLOUD_LIMITS: Record<string, number> = { register: 300 * 1024, reminders: 150 * 1024 };

export interface BundleSize {
  name: string;
  bytes: number;
  gzipBytes: number;
  limit: number | null;
  /** Cold require of the bundle with wx-server-sdk already loaded, ms per run. */
  requireMs: number[];
  /** wx-server-sdk's own cold require in the same processes, ms per run. */
  sdkMs: number[];
}

/** One fresh Node process: wx-server-sdk, then the bundle; both timed. */
function coldRequire(bundle: string): { sdk: number; bundle: number } {
  const script = `
    const { createRequire } = require('module');
    const t0 = process.hrtime.bigint();
    createRequire(${JSON.stringify(bundle)})('wx-server-sdk');
    const t1 = process.hrtime.bigint();
    require(${JSON.stringify(bundle)});
    const t2 = process.hrtime.bigint();
    console.log(JSON.stringify({ sdk: Number(t1 - t0) / 1e6, bundle: Number(t2 - t1) / 1e6 }));`;
  const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  return JSON.parse(out.trim().split('\n').pop() as string) as { sdk: number; bundle: number };
}

/** The bundles in `dir` (<name>/index.js), with cold require times over `runs` processes each. */
export function cloudBundleSizes(dir = path.join(ROOT, 'cloudfunctions'), runs = 7): BundleSize[] {
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.js')))
    .map((d) => d.name)
    .sort();
  const sizes: BundleSize[] = names.map((name) => {
    const text = fs.readFileSync(path.join(dir, name, 'index.js'));
    return { name, bytes: text.length, gzipBytes: gzipSync(text).length, limit: CLOUD_LIMITS[name] ?? null, requireMs: [], sdkMs: [] };
  });
  // Interleaved, so that a busy moment of the machine does not fall on one bundle only.
  for (let run = 0; run < runs; run++) {
    for (const s of sizes) {
      const t = coldRequire(path.join(dir, s.name, 'index.js'));
      s.requireMs.push(t.bundle);
      s.sdkMs.push(t.sdk);
    }
  }
  return sizes;
}

export const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
};

function printCloud(sizes: BundleSize[], runs: number, dir = 'cloudfunctions'): boolean {
  const ms = (xs: number[]) => (xs.length ? `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})` : '–');
  const rows = sizes.map((s) => [s.name, kb(s.bytes), kb(s.gzipBytes), ms(s.requireMs), ms(s.sdkMs), s.limit === null ? '–' : kb(s.limit)]);
  const head = ['cloud function', 'bundle', 'gzipped', `require, median of ${runs} (min–max)`, 'wx-server-sdk alone', 'limit'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  console.log('\n' + head.map((h, i) => h.padEnd(widths[i])).join('  '));
  for (const row of rows) console.log(row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  let failed = false;
  for (const s of sizes) {
    if (s.limit !== null && s.bytes > s.limit) {
      console.error(`${dir}/${s.name}/index.js is ${kb(s.bytes)}, over its limit of ${kb(s.limit)}`);
      failed = true;
    }
  }
  return failed;
}

function main() {
  const argv = process.argv.slice(2);
  const cloudDir = argv.find((a) => a.startsWith('--cloud-dir='))?.split('=')[1];
  const runs = argv.includes('--no-require') ? 0 : Number(argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 7);
  if (cloudDir) {
    process.exit(printCloud(cloudBundleSizes(path.resolve(cloudDir), runs), runs, cloudDir) ? 1 : 0);
  }
  if (!fs.existsSync(path.join(MP_ROOT, 'miniprogram_npm'))) {
    console.error('miniprogram/miniprogram_npm is missing: run `npm run build` first.');
    process.exit(1);
  }
  const r = reachable();
  const sizes = packageSizes(r);
  const rows = sizes.map((s) => [s.name, s.root || '/', String(s.files), kb(s.bytes), kb(s.npmBytes), kb(s.limit)]);
  const head = ['package', 'root', 'files', 'size', 'of which TDesign', 'limit'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
  const total = sizes.reduce((n, s) => n + s.bytes, 0);
  console.log(`total ${kb(total)} in ${r.files.size} files (TypeScript counted as the JavaScript it compiles to)`);
  let failed = false;
  for (const m of r.missing) {
    console.error(`unresolved: ${m}`);
    failed = true;
  }
  for (const s of sizes) {
    if (s.bytes > s.limit) {
      console.error(`${s.name} is ${kb(s.bytes)}, over its limit of ${kb(s.limit)}`);
      failed = true;
    }
  }
  if (printCloud(cloudBundleSizes(undefined, runs), runs)) failed = true;
  if (failed) process.exit(1);
}

if (require.main === module) main();

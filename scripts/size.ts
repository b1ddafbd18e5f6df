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
 */
import fs from 'node:fs';
import path from 'node:path';
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

function main() {
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
  if (failed) process.exit(1);
}

if (require.main === module) main();

/**
 * `npm run screenshots`: every page of miniprogram/app.json in the states of states.ts,
 * rendered under miniprogram-simulate with the real functions behind it, photographed in
 * Chromium at 375 × 812 @2x and audited (audit.ts). Writes `.data/screenshots/*.png`,
 * `.data/screenshots/audit.json`, prints a summary table, and exits 1 when a shot breaks a
 * limit (`--no-fail` only reports). `--only <text>` keeps the shots whose page or state
 * contains the text. docs/miniprogram.md says how to install Chromium and what is measured.
 */
import fs from 'node:fs';
import path from 'node:path';
import { appWindow, DEV_IDENTITIES, openPage, pageJson, pageTitle, startBackend, syncPhoneClock } from './runtime';
import { auditOf, breaches, LIMITS, pct, type Audit } from './audit';
import { clearPageCss, loadImages, serialize, takePageCss, treeOf, type HTMLLike } from './serialize';
import { documentOf, launch, photograph } from './shoot';
import { SHOTS, shotName, type Shot } from './states';
import { appPages } from '../../test/miniprogram/support/pages';
import { TEXT_SIZE_KEY } from '../../miniprogram/utils/keys';

const ROOT = path.resolve(__dirname, '../..');
const DOCS_DIR = path.join(ROOT, 'docs', 'screenshots');
const DOCS_SCALE = 1.5;

interface Options {
  fail: boolean;
  only: string[];
  out: string;
  /** Also write each shot's HTML (to see why a picture looks as it does). */
  html: boolean;
  /** Also write the README's pictures (shots with `docs`) to docs/screenshots at 1.5x. */
  docs: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { fail: true, only: [], out: path.join(ROOT, '.data', 'screenshots'), html: false, docs: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-fail') o.fail = false;
    else if (a === '--only') o.only.push(argv[++i] ?? '');
    else if (a === '--html') o.html = true;
    else if (a === '--docs') o.docs = true;
    else if (a === '--out') o.out = path.resolve(argv[++i] ?? o.out);
    else throw new Error(`unknown argument ${a} (known: --no-fail, --only <text>, --out <dir>, --html, --docs)`);
  }
  return o;
}

interface Result {
  page: string;
  state: string;
  as: string;
  large: boolean;
  file: string;
  audit: Audit;
  breaches: string[];
}

/** Opens one shot's page in its state and answers what Chromium needs. */
async function render(shot: Shot) {
  const backend = await startBackend(shot.now);
  const ctx = { backend, t: backend.t, vars: {} as Record<string, string> };
  const query = (await shot.setup?.(ctx)) ?? {};
  backend.as(DEV_IDENTITIES[shot.as ?? 'resident']);
  syncPhoneClock(backend);
  if (shot.large) backend.storage.set(TEXT_SIZE_KEY, 'large');
  if (shot.network === 'offline') backend.offline();
  if (shot.network === 'hang') backend.hang();
  clearPageCss();
  const page = await openPage(backend, shot.page, query, { wait: shot.network !== 'hang' });
  const css = takePageCss();
  await shot.act?.(page, ctx);
  loadImages(treeOf(page));
  await backend.settle();
  const serialized = serialize(treeOf(page), page.dom as HTMLLike, shot.page);
  const title = pageTitle() || pageJson(shot.page).navigationBarTitleText || appWindow().navigationBarTitleText || '';
  const scroll = backend.scrolls.at(-1);
  backend.t.close();
  return { serialized, css, title, scroll };
}

function table(results: Result[]): string {
  const rows = [['page', 'state', 'as', 'body', 'min', '<14px', '<4.5:1', 'taps<44', 'result']];
  for (const r of results) {
    const a = r.audit;
    rows.push([r.page.replace(/^pages\//, '').replace(/\/index$/, ''), r.state + (r.large ? ' (大字)' : ''), r.as, `${a.bodyPx}`, `${a.minFontPx}`, pct(a.under14), pct(a.lowContrast), String(a.smallTargets.length), r.breaches.length ? 'FAIL' : 'ok']);
  }
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => width(r[i]))));
  return rows.map((r) => r.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  ')).join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const missing = appPages().filter((p) => !SHOTS.some((s) => s.page === p));
  if (missing.length) throw new Error(`pages of app.json without a state in scripts/screenshots/states.ts: ${missing.join(', ')}`);
  const shots = SHOTS.filter((s) => !options.only.length || options.only.some((o) => shotName(s).includes(o) || s.page.includes(o)));
  fs.mkdirSync(options.out, { recursive: true });
  if (options.docs) fs.mkdirSync(DOCS_DIR, { recursive: true });
  for (const f of fs.readdirSync(options.out)) if ((f.endsWith('.png') || f.endsWith('.html')) && !options.only.length) fs.rmSync(path.join(options.out, f));

  const browser = await launch();
  const results: Result[] = [];
  try {
    for (const shot of shots) {
      const name = shotName(shot);
      try {
        const { serialized, css, title, scroll } = await render(shot);
        const html = documentOf(serialized, css, title);
        const { png, measure } = await photograph(browser, html, serialized, scroll);
        const file = `${name}.png`;
        if (options.html) fs.writeFileSync(path.join(options.out, `${name}.html`), html);
        if (options.docs && shot.docs) {
          // Smaller for the repository: 1.5x is sharp enough for the README and far lighter.
          const small = await photograph(browser, html, serialized, scroll, DOCS_SCALE);
          fs.writeFileSync(path.join(DOCS_DIR, `${shot.docs}.png`), small.png);
        }
        fs.writeFileSync(path.join(options.out, file), png);
        const audit = auditOf(measure);
        results.push({ page: shot.page, state: shot.state, as: shot.as ?? 'resident', large: !!shot.large, file, audit, breaches: breaches(audit, !!shot.large) });
      } catch (e) {
        throw new Error(`${name}: ${(e as Error).stack ?? e}`);
      }
    }
  } finally {
    await browser.close();
  }

  fs.writeFileSync(path.join(options.out, 'audit.json'), JSON.stringify({ limits: LIMITS, shots: results }, null, 2) + '\n');
  console.log(table(results));
  const failing = results.filter((r) => r.breaches.length);
  for (const r of failing) console.log(`\n${r.file}\n  ${r.breaches.join('\n  ')}`);
  console.log(`\n${results.length} shots of ${new Set(results.map((r) => r.page)).size} pages in ${path.relative(ROOT, options.out)}/ — ${failing.length} break the limits (body ≥ ${LIMITS.bodyPx}px, ≥ ${LIMITS.bodyPxLarge}px in 大字; nothing under ${LIMITS.minFontPx}px; contrast ≥ ${LIMITS.contrast}:1; taps ≥ ${LIMITS.targetPx}px)`);
  if (failing.length && options.fail) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 2;
});

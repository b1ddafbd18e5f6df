/**
 * `npm run bench:dashboard`: the dashboard's and the ranking's latency at county scale, on
 * SQLite, over the history `npm run demo:county` makes (7,364 items, 805 receptions, 1,272
 * activities, 582 representatives' points). Each action is called 30 times after 3 warm-up
 * calls; the median and the 95th percentile are printed, with SQLite's query plan of each
 * grouped count (whether the covering index answers it alone). A benchmark, not a test.
 *
 * Flags: --data=FILE (a demo:county file to read; without it one is built in a temp folder,
 * about 2 minutes), --runs=N (30).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createApp } from '../core/app';
import { createSqliteStore } from '../core/adapters/sqlite/store';
import { memoryFiles } from '../core/ports/files';
import { defaultConfig } from '../core/config';
import { DevClock } from '../core/ports/clock';
import { wordListContentCheck } from '../core/ports/contentCheck';
import { logNotifier } from '../core/ports/notifier';
import { shanghaiYear } from '../core/time';
import { qrCodes } from '../core/adapters/qr/codes';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const RUNS = Number(flag('runs') ?? 30);

function dataFile(): string {
  const given = flag('data');
  if (given) return path.resolve(given);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-dashboard-'));
  const file = path.join(dir, 'studio.sqlite');
  console.log(`building the county history in ${file} (npm run demo:county)…`);
  execFileSync(path.join('node_modules', '.bin', 'tsx'), ['scripts/demo-county.ts', `--data=${file}`], { stdio: 'inherit' });
  return file;
}

async function main() {
  const file = dataFile();
  const store = createSqliteStore(file);
  const clock = new DevClock();
  const app = createApp({ store, clock, contentCheck: wordListContentCheck(), notifier: logNotifier(), files: memoryFiles(), codes: qrCodes(), config: defaultConfig });
  const year = shanghaiYear(clock.now());
  const [items, activities, points] = await Promise.all([store.count('items'), store.count('activities'), store.count('points')]);
  console.log(`\n${path.basename(file)}: ${items} items, ${activities} activities, ${points} ledger entries; year ${year}; ${RUNS} runs each\n`);

  const cases: Array<[string, string, string, Record<string, unknown>]> = [
    ['dashboard.overview (county)', 'dashboard', 'dev-admin', { action: 'overview', year }],
    ['dashboard.overview (a township, its liaison)', 'dashboard', 'dev-liaison', { action: 'overview', year }],
    ['dashboard.ranking (county)', 'dashboard', 'dev-admin', { action: 'ranking', year }],
    ['dashboard.studio (one studio explained)', 'dashboard', 'dev-admin', { action: 'studio', studioId: 'studio-fuying', year }],
    ['activities.compliance (county grid)', 'activities', 'dev-admin', { action: 'compliance', year }],
    ['points.overview (county)', 'points', 'dev-admin', { action: 'overview', year }],
    ['activities.commitments (a studio, 90 days)', 'activities', 'dev-resident', { action: 'commitments', studioId: 'studio-fuying' }],
    ['register.stats (county, for comparison)', 'register', 'dev-admin', { action: 'stats', scope: 'county' }],
  ];
  const rows: Array<{ name: string; median: number; p95: number }> = [];
  for (const [name, fn, who, event] of cases) {
    const times: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const t0 = process.hrtime.bigint();
      const r = await app.call(fn, event, who);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
      if (i >= 3) times.push(ms);
    }
    times.sort((a, b) => a - b);
    rows.push({ name, median: times[Math.floor(times.length / 2)], p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] });
  }
  console.log('| action | median ms | p95 ms |');
  console.log('|---|---:|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} |`);

  // What SQLite does for the grouped counts: the plan of each, as the adapter sends it.
  const plans: Array<[string, string]> = [
    ['items per studio of a year', `SELECT "f_studioId", "f_status", "f_outcome", "f_timeliness", "f_satisfaction", "f_acceptDays", count(*) FROM "c_items" WHERE "f_year" = ${year} GROUP BY 1, 2, 3, 4, 5, 6`],
    ['items of a month, by studio', `SELECT "f_studioId", "f_status", "f_outcome", "f_timeliness", "f_satisfaction", "f_acceptDays", count(*) FROM "c_items" WHERE "f_year" = ${year} AND "f_createdAt" >= 0 AND "f_createdAt" < 1 GROUP BY 1, 2, 3, 4, 5, 6`],
    ['categories of a year, by studio', `SELECT "f_studioId", "f_category", count(*) FROM "c_items" WHERE "f_year" = ${year} GROUP BY 1, 2`],
    ['activities per studio and month', `SELECT "f_studioId", "f_month", count(*) FROM "c_activities" WHERE "f_year" = ${year} GROUP BY 1, 2`],
  ];
  console.log('\nSQLite query plans:');
  for (const [name, sql] of plans) {
    const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>;
    console.log(`- ${name}: ${plan.map((p) => p.detail).join('; ')}`);
  }
  store.close();
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});

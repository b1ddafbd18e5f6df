/**
 * `npm run demo:county`: fills a local data folder with a year of the county's practice at the
 * source's scale — 20 townships, 37 studios, 582 representatives, 7,364 items of which 7,162
 * answered or resolved, 17,000+ residents received at receptions — made through the app's
 * functions (scripts/demo-county-build.ts), then prints the county's figures as `stats` and
 * the dashboard answer them. Start the local cloud on it with the path it prints.
 *
 * Flags: --data=FILE (default .data/county/studio.sqlite; STUDIO_DATA is read too — the default
 * .data/studio.sqlite only when named), --force (replace an existing file), --year=YYYY.
 * 1,200 forums (党代表论坛) are held and closed too, as the source counts county-wide.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../core/app';
import { createSqliteStore } from '../core/adapters/sqlite/store';
import { localFiles } from '../core/adapters/files/local';
import { defaultConfig } from '../core/config';
import { DevClock } from '../core/ports/clock';
import { wordListContentCheck } from '../core/ports/contentCheck';
import { logNotifier } from '../core/ports/notifier';
import { shanghai } from '../core/time';
import { seedDemoData } from '../local/seed';
import { buildCountyDemo } from './demo-county-build';
import { qrCodes } from '../core/adapters/qr/codes';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

async function main() {
  const file = path.resolve(flag('data') ?? process.env.STUDIO_DATA ?? path.join('.data', 'county', 'studio.sqlite'));
  if (fs.existsSync(file)) {
    if (!argv.includes('--force')) {
      console.error(`${file} exists: run with --force to replace it (or --data=another file).`);
      process.exit(1);
    }
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const store = createSqliteStore(file);
  await seedDemoData(store);
  const clock = new DevClock();
  const now = Date.now();
  // Early in a year the current year holds little: the demo fills the last whole one then.
  const year = Number(flag('year') ?? (shanghai(now).month() < 2 ? shanghai(now).year() - 1 : shanghai(now).year()));
  const until = Math.min(now, Date.parse(`${year + 1}-01-01T00:00:00+08:00`));
  const app = createApp({ store, clock, contentCheck: wordListContentCheck(), notifier: logNotifier(), files: localFiles(path.join(path.dirname(file), 'files')), codes: qrCodes(), config: defaultConfig });
  console.log(`demo:county → ${file} (${year}, until ${shanghai(until).format('YYYY-MM-DD HH:mm')} Shanghai)`);
  const r = await buildCountyDemo(app, clock, { year, until, representatives: 582, items: 7364, answered: 7162, attendances: 17120, forums: 1200, log: (l) => console.log(l) });
  console.log(`made ${r.calls} calls in ${(r.ms / 1000).toFixed(1)} s: ${r.representatives} representatives, ${r.items} items (${r.answeredOrResolved} answered or resolved, ${r.open} open), ${r.receptions} receptions closed with ${r.attendances} residents, ${r.forums} forums, ${r.activities} activities`);

  clock.set(until);
  const stats = await app.call('register', { action: 'stats', scope: 'county' }, 'dev-admin');
  if (!stats.ok) throw new Error(stats.error.message);
  const s = stats.data as { collected: number; answeredOrResolved: number; rates: { answeredOrResolved: { percent: number } } };
  console.log(`register.stats (county): collected ${s.collected}, answered or resolved ${s.answeredOrResolved} = ${s.rates.answeredOrResolved.percent}%`);
  const t0 = Date.now();
  const d = await app.call('dashboard', { action: 'overview', year }, 'dev-admin');
  if (!d.ok) throw new Error(d.error.message);
  const dash = d.data as { totals: { collected: number; rates: Record<string, { percent: number | null }> }; ranking: { top: Array<{ studioName: string; score: number }> } };
  console.log(`dashboard.overview (county, ${Date.now() - t0} ms): ${dash.totals.collected} collected; 响应率 ${dash.totals.rates.response.percent}%, 答复或解决率 ${dash.totals.rates.answeredOrResolved.percent}%, 按期 ${dash.totals.rates.onTime.percent}%, 满意 ${dash.totals.rates.satisfied.percent}%`);
  console.log(`top studios: ${dash.ranking.top.map((x) => `${x.studioName} ${x.score}`).join('；')}`);
  store.close();
  console.log(`\nStart the local cloud on it:  STUDIO_DATA=${path.relative(process.cwd(), file)} npm start`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});

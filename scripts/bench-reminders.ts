/**
 * `npm run bench` (second part): one `reminders` timer run over 100,000 open items of which
 * 100 are due, beside the same run over 1,000 open items of which 100 are due. The planner
 * reads items by the indexed `nextRemindAt`, so the two should take about the same time.
 *
 * Items are cloned from one submitted through the real app and bulk-inserted (the load is
 * not what is measured). Each size is measured 7 times after a warm-up; between runs the
 * 100 due items are made due again and the outbox is emptied.
 */
import { memoryFiles } from '../core/ports/files';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../core/app';
import { createSqliteStore, type SqliteStore } from '../core/adapters/sqlite/store';
import { defaultConfig } from '../core/config';
import { DevClock } from '../core/ports/clock';
import { wordListContentCheck } from '../core/ports/contentCheck';
import { logNotifier } from '../core/ports/notifier';
import type { Item } from '../core/register/item';
import { seedDemoData } from '../local/seed';
import { qrCodes } from '../core/adapters/qr/codes';

const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const DUE = 100;
const RUNS = 7;

async function measure(total: number): Promise<{ total: number; median: number; p95: number; runs: number[]; planned: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reminders-'));
  const store: SqliteStore = createSqliteStore(path.join(dir, 'bench.sqlite'));
  await seedDemoData(store);
  const clock = new DevClock();
  clock.set(NOW - 20 * 24 * 3600 * 1000);
  const app = createApp({ store, clock, contentCheck: wordListContentCheck(), notifier: logNotifier(), files: memoryFiles(), codes: qrCodes(), config: defaultConfig });
  const first = await app.call(
    'register',
    { action: 'submit', requestId: 'bench-template-0001', studioId: 'studio-fuying', category: '城乡建设', content: '基准测试用的意见建议内容。' },
    'bench-resident',
  );
  if (!first.ok) throw new Error(first.error.message);
  const template = (await store.get<Item>('items', (first.data as { id: string }).id)) as Item;
  const { _id, _v, ...body } = template;

  // Open items spread over the 37 studios; `DUE` of them due now, the rest later.
  const studios = (await store.find<{ _id: string; _v: number }>('studios', { limit: 100 })).map((s) => s._id);
  const insert = store.db.prepare('INSERT INTO "c_items" (id, v, doc) VALUES (?, 1, ?)');
  store.db.transaction(() => {
    for (let i = 1; i < total; i++) {
      const due = i < DUE;
      const doc = {
        ...body,
        no: `XJ2026-${String(i + 1).padStart(6, '0')}`,
        seq: i + 1,
        requestId: `bench-${i}`,
        submitterOpenid: `bench-resident-${i % 5000}`,
        studioId: studios[i % studios.length],
        createdAt: NOW - 20 * 24 * 3600 * 1000 + i,
        dueAt: due ? NOW - 3600 * 1000 : NOW + 30 * 24 * 3600 * 1000,
        nextRemindAt: due ? NOW - 60 * 1000 : NOW + 28 * 24 * 3600 * 1000,
      };
      insert.run(`bench-item-${i}`, JSON.stringify(doc));
    }
  })();
  // the template item itself is the 100th due one
  store.db.prepare(`UPDATE "c_items" SET doc = json_set(doc, '$.nextRemindAt', ?, '$.dueAt', ?) WHERE id = ?`).run(NOW - 60 * 1000, NOW - 3600 * 1000, template._id);
  store.db.exec('ANALYZE');

  const makeDueAgain = store.db.prepare(
    `UPDATE "c_items" SET doc = json_set(doc, '$.nextRemindAt', ?) WHERE id IN (SELECT id FROM "c_items" ORDER BY json_extract(doc, '$.dueAt') ASC LIMIT ${DUE})`,
  );
  const runs: number[] = [];
  let planned = 0;
  for (let r = 0; r <= RUNS; r++) {
    makeDueAgain.run(NOW - 60 * 1000);
    store.db.exec('DELETE FROM "c_outbox"');
    clock.set(NOW + r * 24 * 3600 * 1000); // a new day each run: the daily reminders are due again
    const t0 = process.hrtime.bigint();
    const result = await app.runTimer('reminders');
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (!result.ok) throw new Error(result.error.message);
    planned = (result.data as { planned: { items: number } }).planned.items;
    if (r > 0) runs.push(ms); // run 0 is the warm-up
  }
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const sorted = [...runs].sort((a, b) => a - b);
  return { total, median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.ceil(sorted.length * 0.95) - 1], runs, planned };
}

async function main() {
  console.log(`\nreminders: one timer run, ${DUE} items due, ${RUNS} runs after a warm-up (node ${process.version}, ${os.cpus().length} cores)`);
  const small = await measure(1_000);
  const large = await measure(100_000);
  const fmt = (n: number) => n.toFixed(1).padStart(8);
  console.log('open items | due | planned | median ms | p95 ms');
  for (const m of [small, large]) console.log(`${String(m.total).padStart(10)} | ${DUE} | ${String(m.planned).padStart(7)} | ${fmt(m.median)} | ${fmt(m.p95)}`);
  const ratio = large.median / small.median;
  console.log(`${ratio <= 2 ? 'PASS' : 'FAIL'}: the run over 100,000 open items takes ${ratio.toFixed(2)}× the run over 1,000 (must stay within 2×)`);
  fs.mkdirSync('.data', { recursive: true });
  fs.writeFileSync(path.join('.data', 'bench-reminders.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, small, large, ratio }, null, 2));
}

void main();

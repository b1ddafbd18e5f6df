/**
 * Writes docs/api.md: every function and action, each with a real request and the answer
 * the app gave to it, run here on an in-memory store with the demo data and a fixed clock.
 * `npm run docs` regenerates it; test/docs.test.ts checks every action is documented.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../core/app';
import { createSqliteStore } from '../core/adapters/sqlite/store';
import { COLLECTIONS } from '../core/ports/store';
import { defaultConfig } from '../core/config';
import { ERROR_CODES } from '../core/errors';
import { wordListContentCheck } from '../core/ports/contentCheck';
import { memoryFiles } from '../core/ports/files';
import { logNotifier } from '../core/ports/notifier';
import { seedDemoData } from '../local/seed';
import { API_INTRO, API_SECTIONS, RATES_DOC, type Step } from './api-docs.text';
import { qrCodes } from '../core/adapters/qr/codes';

const sh = (local: string) => Date.parse(`${local}+08:00`);

function shorten(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) {
    const head = value.slice(0, depth === 0 ? 3 : 2).map((v) => shorten(v, depth + 1));
    return value.length > head.length ? [...head, `… ${value.length - head.length} more`] : head;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shorten(v, depth + 1)]));
  }
  if (typeof value === 'string' && value.length > 160) return value.slice(0, 160) + '…';
  return value;
}

async function main() {
  const store = createSqliteStore(':memory:');
  await seedDemoData(store);
  // A clock that stands still between steps: the examples come out the same at every run.
  let instant = sh('2026-11-02T10:00:00');
  const clock = { now: () => instant, set: (ms: number) => void (instant = ms) };
  const files = memoryFiles();
  const app = createApp({ store, clock, contentCheck: wordListContentCheck(), notifier: logNotifier(), files, codes: qrCodes(), config: defaultConfig });
  const vars: Record<string, string> = {};
  const fill = (v: unknown): unknown =>
    typeof v === 'string' ? v.replace(/\$(\w+)/g, (_, k: string) => vars[k] ?? `$${k}`) : Array.isArray(v) ? v.map(fill) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)])) : v;

  const out: string[] = [API_INTRO];
  for (const section of API_SECTIONS) {
    out.push(`\n## \`${section.fn}\`\n\n${section.about}\n`);
    for (const step of section.steps as Step[]) {
      if (step.at) clock.set(sh(step.at));
      // An uploaded sheet, kept as the local host keeps one (`local://uploads/<hash>.xlsx`).
      for (const [name, make] of Object.entries(step.upload ?? {})) {
        const bytes = await make();
        const fileId = `local://uploads/${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.xlsx`;
        files.files.set(fileId, { bytes, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
        vars[name] = fileId;
      }
      const event = fill(step.event) as Record<string, unknown>;
      const answer = await app.call(section.fn, event, step.as);
      if (step.save && answer.ok) {
        for (const [name, pick] of Object.entries(step.save)) vars[name] = String(pick(answer.data));
      }
      // A step that only prepares the next ones must work, or every example after it would mislead.
      if (!step.doc && !answer.ok) throw new Error(`preparing step ${section.fn}.${String(event.action)} as ${step.as} failed: ${answer.error.code} ${answer.error.message}`);
      if (!step.doc) continue;
      out.push(`\n### ${step.title ?? `\`${String(event.action)}\``}\n\n${step.doc}\n`);
      out.push('```http');
      out.push(`POST /functions/${section.fn}`);
      out.push(`x-wx-openid: ${step.as}`);
      out.push('');
      out.push(JSON.stringify(event, null, 2));
      out.push('```');
      out.push(answer.ok ? 'Answer:' : `Answer (HTTP ${ERROR_CODES[answer.error.code]} on the local host):`);
      out.push('```json');
      out.push(JSON.stringify(step.full ? answer : shorten(answer), null, 2));
      out.push('```');
    }
  }
  out.push(RATES_DOC);
  const file = path.join(__dirname, '..', 'docs', 'api.md');
  fs.writeFileSync(file, out.join('\n') + '\n');
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
  writeIndexTable(path.join(__dirname, '..', 'docs', 'deploy.md'));
  store.close();
}

/** The collections-and-indexes table of docs/deploy.md, from COLLECTIONS. */
function writeIndexTable(file: string) {
  const rows = Object.entries(COLLECTIONS).map(
    ([c, ix]) => `| \`${c}\` | ${ix.length ? (ix as ReadonlyArray<ReadonlyArray<string>>).map((f) => '`' + f.join(', ') + '`').join('<br>') : '(by `_id` only)'} |`,
  );
  const table = ['| collection | indexes (fields in order) |', '|---|---|', ...rows].join('\n');
  const doc = fs.readFileSync(file, 'utf8');
  const next = doc.replace(/(<!-- indexes:start[^>]*-->\n)[\s\S]*?(<!-- indexes:end -->)/, `$1${table}\n$2`);
  fs.writeFileSync(file, next);
  console.log(`wrote the index table of ${path.relative(process.cwd(), file)}`);
}

void main();

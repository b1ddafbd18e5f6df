import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../core/app';
import { configFromEnv } from '../core/config';
import { createSqliteStore } from '../core/adapters/sqlite/store';
import { localFiles } from '../core/adapters/files/local';
import { DevClock } from '../core/ports/clock';
import { wordListContentCheck } from '../core/ports/contentCheck';
import { logNotifier } from '../core/ports/notifier';
import { DEV_IDENTITIES, seedDemoData } from './seed';
import { createLocalServer } from './server';
import { qrCodes } from '../core/adapters/qr/codes';

/** `npm start`: the local cloud with demo data on http://127.0.0.1:3000. */
async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const file = process.env.STUDIO_DATA ?? path.join(process.cwd(), '.data', 'studio.sqlite');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const store = createSqliteStore(file);
  const created = await seedDemoData(store);
  const clock = new DevClock();
  const app = createApp({ store, clock, contentCheck: wordListContentCheck(), notifier: logNotifier(), files: localFiles(path.join(path.dirname(file), 'files')), codes: qrCodes(), config: configFromEnv() });
  const server = createLocalServer({ app, clock, uploadDir: path.join(path.dirname(file), 'uploads'), filesDir: path.join(path.dirname(file), 'files'), log: (l) => process.env.QUIET ? undefined : console.log(l) });

  // The timer trigger's job, as the cloud would run it (every 15 minutes).
  const timer = setInterval(() => void app.runTimer('reminders'), 15 * 60 * 1000);
  timer.unref();

  server.listen(port, '127.0.0.1', () => {
    console.log(`党代表工作室 local cloud on http://127.0.0.1:${port}  (data: ${file}${created ? `, demo data loaded: ${created} documents` : ''})`);
    console.log('Dev identities (header x-wx-openid):');
    console.log(`  ${DEV_IDENTITIES.resident}  resident (any other openid is a resident too)`);
    console.log(`  ${DEV_IDENTITIES.representative}       representative 王建华 of 福应街道党代表工作室 (rep-fuying-1)`);
    console.log(`  ${DEV_IDENTITIES.liaison}   liaison of 福应街道党代表工作室 (studio-fuying)`);
    console.log(`  ${DEV_IDENTITIES.admin}     county administrator`);
    console.log(`  ${DEV_IDENTITIES.contact}   contact of an inquiry subject (质询对象联系人 陈立新, 县委办公室)`);
    console.log(`  ${DEV_IDENTITIES.department}      department staff (有关单位) of 县住建局 (dept-zhujian)`);
    console.log(`Try: curl -s -X POST http://127.0.0.1:${port}/functions/members -H 'x-wx-openid: dev-rep' -d '{"action":"me"}'`);
  });
  const stop = () => {
    server.close();
    store.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();

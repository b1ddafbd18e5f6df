/**
 * `npm run migrate:cloudbase-rev -- --env <envId> [--dry-run]`: the one-off migration of the
 * version field on a CloudBase environment.
 *
 * Documents written before the rename keep the store's version in `_v`, a field name CloudBase's
 * documented rule does not allow (no leading `_`: cloud.tencent.com/document/faq/876/18436).
 * The adapter reads both `_v` and `rev` and moves a document to `rev` at its next update, so the
 * functions can be deployed first; this moves every other document (compare-and-swap on its `_v`,
 * so nothing a function writes meanwhile is undone). Safe to run again: it moves only what still
 * has `_v`. SQLite (the local cloud) needs nothing: it keeps the version in its own column.
 *
 * Credentials come from the environment, as for the CloudBase CLI: TENCENTCLOUD_SECRETID and
 * TENCENTCLOUD_SECRETKEY (an API key of the account that owns the environment).
 */
import tcb from '@cloudbase/node-sdk';
import { migrateVersionField, type CloudDatabase } from '../core/adapters/cloudbase/store';
import { COLLECTIONS } from '../core/ports/store';

async function main() {
  const argv = process.argv.slice(2);
  const env = argv[argv.indexOf('--env') + 1];
  const dryRun = argv.includes('--dry-run');
  const secretId = process.env.TENCENTCLOUD_SECRETID;
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
  if (!argv.includes('--env') || !env || !secretId || !secretKey) {
    console.error('usage: TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npm run migrate:cloudbase-rev -- --env <envId> [--dry-run]');
    process.exit(2);
  }
  const db = tcb.init({ env, secretId, secretKey }).database() as unknown as CloudDatabase;
  const collections = Object.keys(COLLECTIONS);
  if (dryRun) {
    for (const name of collections) {
      const res = (await db.collection(name).where({ _v: db.command.exists(true) }).count()) as { total?: number };
      console.log(`${name}: ${res.total ?? '?'} documents still keep their version in _v`);
    }
    return;
  }
  const moved = await migrateVersionField(db, collections);
  for (const [name, n] of Object.entries(moved)) console.log(`${name}: ${n} documents moved from _v to rev`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});

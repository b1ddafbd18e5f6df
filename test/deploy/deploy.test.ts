/**
 * `npm run deploy`, the real run and --verify, against the in-process fake environment
 * (test/deploy/fakeTarget.ts): the same `run` the command line calls, with the target the
 * credentials would build replaced by the fake. No network, no credentials.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MANIFEST, FUNCTION_SPECS } from '../../core/functions/manifest';
import type { Member } from '../../core/members/types';
import { COLLECTIONS } from '../../core/ports/store';
import { DEPARTMENTS, REPRESENTATIVES, STUDIOS, TOWNSHIPS } from '../../local/demo-data';
import { indexName } from '../../scripts/deploy/plan';
import { run, type RunIo } from '../../scripts/deploy/main';
import { SETTINGS_EXAMPLE } from '../../scripts/deploy/settings';
import { FakeTarget } from './fakeTarget';

const CREDENTIALS = { TCB_SECRET_ID: 'AKIDtest', TCB_SECRET_KEY: 'test-secret', TCB_ENV_ID: 'fake-env-1a2b3c' };
const ADMIN = 'oAdmin_0123456789abcdef';
/** A developer's own deploy/settings.json or deploy/directory/ must not change what these tests see. */
const DEFAULTS: RunIo['defaults'] = { settingsFile: SETTINGS_EXAMPLE, directoryDir: path.join(os.tmpdir(), 'no-such-directory-for-deploy-tests') };

interface Outcome {
  code: number;
  out: string[];
  err: string[];
}

async function deployTo(target: FakeTarget, args: string[], env: Record<string, string | undefined> = CREDENTIALS): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(['--skip-build', ...args], { env, out: (l) => out.push(l), err: (l) => err.push(l), makeTarget: () => target, now: () => Date.parse('2026-12-01T09:00:00+08:00'), defaults: DEFAULTS });
  return { code, out, err };
}

const tmp: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-test-'));
  tmp.push(dir);
  return dir;
}

let target: FakeTarget;
beforeEach(() => {
  target = new FakeTarget();
});
afterEach(() => target.close());
afterAll(() => {
  for (const dir of tmp) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a first deploy', () => {
  it('creates every collection with its indexes and the admin-only rule, every function with its settings and trigger, the directory and the administrator', async () => {
    const r = await deployTo(target, ['--demo-directory', '--admin-openid', ADMIN]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);

    expect(Object.keys(target.state.collections).sort()).toEqual(Object.keys(COLLECTIONS).sort());
    for (const [name, indexes] of Object.entries(COLLECTIONS)) {
      const c = target.state.collections[name];
      expect(c.rule).toBe('ADMINONLY');
      const deployed = c.indexes.filter((i) => i.name !== '_id_').map((i) => i.keys.map((k) => k.field));
      expect(deployed).toEqual((indexes as ReadonlyArray<ReadonlyArray<string>>).map((f) => [...f]));
    }

    expect(Object.keys(target.state.functions).sort()).toEqual(Object.keys(MANIFEST).sort());
    for (const [name, spec] of Object.entries(FUNCTION_SPECS)) {
      const f = target.state.functions[name];
      expect({ timeout: f.timeout, memory: f.memory, runtime: f.runtime, handler: f.handler }).toEqual({ timeout: spec.timeout, memory: spec.memory, runtime: 'Nodejs18.15', handler: 'index.main' });
      expect(f.triggers).toEqual(spec.kind === 'timer' ? [{ name: spec.trigger.name, type: 'timer', config: spec.trigger.cron }] : []);
    }

    expect(await target.store.count('townships')).toBe(TOWNSHIPS.length);
    expect(await target.store.count('studios')).toBe(STUDIOS.length);
    expect(await target.store.count('representatives')).toBe(REPRESENTATIVES.length);
    expect(await target.store.count('departments')).toBe(DEPARTMENTS.length);
    const admin = await target.store.get<Member>('members', ADMIN);
    expect(admin).toMatchObject({ role: 'admin', studioIds: [], name: '县委组织部', _v: 1 });

    // It says what it changed: each collection, index, rule and function, the import and the administrator.
    const log = r.out.join('\n');
    for (const name of Object.keys(COLLECTIONS)) expect(log).toContain(`created collection ${name}`);
    expect(log).toContain(`created index items.${indexName(['status', 'dueAt', 'createdAt'])}`);
    expect(log).toContain('created function reminders');
    expect(log).toContain(`imported ${TOWNSHIPS.length} documents into townships`);
    expect(log).toContain(`created the administrator ${ADMIN}`);
    const collections = Object.keys(COLLECTIONS).length;
    const indexes = Object.values(COLLECTIONS).reduce((n, ix) => n + ix.length, 0);
    const directoryImports = 4; // townships, studios, representatives, departments
    // each collection, index, rule and function; the directory's collections; the administrator
    const changes = collections + indexes + collections + Object.keys(MANIFEST).length + directoryImports + 1;
    expect(log).toContain(`done: ${changes} change(s)`);
  });

  it('run again, uploads the code and changes nothing else', async () => {
    await deployTo(target, ['--demo-directory', '--admin-openid', ADMIN]);
    const before = target.snapshot();
    target.writes.length = 0;
    const again = await deployTo(target, ['--demo-directory', '--admin-openid', ADMIN]);
    expect(again.code).toBe(0);
    expect(target.writes).toEqual(Object.keys(MANIFEST).map((n) => `updateCode ${n}`));
    expect(target.snapshot()).toEqual(before);
    expect(again.out.join('\n')).toContain('townships has 20 documents: not imported');
    expect(again.out.join('\n')).toContain(`${ADMIN} is already an administrator`);
  });
});

describe('--verify', () => {
  beforeEach(async () => {
    await deployTo(target, ['--demo-directory', '--admin-openid', ADMIN]);
    target.writes.length = 0;
  });

  it('finds nothing to change in an environment the code deployed', async () => {
    const r = await deployTo(target, ['--verify']);
    expect(r.out.join('\n')).toContain('the environment matches the code');
    expect(r.code).toBe(0);
    expect(target.writes).toEqual([]);
  });

  it('lists a missing index, a wrong timeout, a missing trigger, a wrong rule and a renamed function, and changes nothing', async () => {
    const items = target.state.collections.items;
    items.indexes = items.indexes.filter((i) => i.name !== indexName(['ownerOpenid', 'createdAt']));
    target.state.functions.register.timeout = 3;
    target.state.functions.reminders.triggers = [];
    target.state.collections.outbox.rule = 'PRIVATE';
    target.state.functions.bookings = { ...target.state.functions.receptions, name: 'bookings' };
    delete target.state.functions.receptions;
    const before = target.snapshot();

    const r = await deployTo(target, ['--verify']);
    const log = r.out.join('\n');
    expect(log).toContain(`missing index items.${indexName(['ownerOpenid', 'createdAt'])} (ownerOpenid, createdAt)`);
    expect(log).toContain('register: timeout is 3 s, the code wants 10 s');
    expect(log).toContain('missing trigger reminders.reminders "0 */15 * * * * *"');
    expect(log).toContain('rule of outbox is PRIVATE, the code wants ADMINONLY');
    expect(log).toContain('missing function receptions');
    expect(log).toContain('function bookings is deployed but not in the code');
    expect(log).toContain('5 difference(s)');
    expect(r.code).toBe(1);
    expect(target.writes).toEqual([]);
    expect(target.snapshot()).toEqual(before);
  });

  it('reports an empty directory and a missing administrator', async () => {
    const fresh = new FakeTarget();
    try {
      await deployTo(fresh, []);
      const r = await deployTo(fresh, ['--verify']);
      expect(r.out.join('\n')).toContain('townships has no documents');
      expect(r.out.join('\n')).toContain('no administrator in members');
      expect(r.code).toBe(1);
    } finally {
      fresh.close();
    }
  });
});

describe('a deploy on a drifted environment', () => {
  beforeEach(async () => {
    await deployTo(target, ['--demo-directory', '--admin-openid', ADMIN]);
  });

  it('recreates the missing index, restores the timeout, the trigger and the rule, and keeps an extra index unless --prune', async () => {
    const items = target.state.collections.items;
    items.indexes = items.indexes.filter((i) => i.name !== indexName(['ownerOpenid', 'createdAt']));
    items.indexes.push({ name: 'legacy_1', keys: [{ field: 'legacy', direction: '1' }], unique: false });
    target.state.functions.register.timeout = 3;
    target.state.functions.reminders.triggers = [{ name: 'reminders', type: 'timer', config: '0 0 * * * * *' }];
    target.state.collections.outbox.rule = 'PRIVATE';

    const r = await deployTo(target, []);
    expect(r.code).toBe(0);
    const log = r.out.join('\n');
    expect(log).toContain(`created index items.${indexName(['ownerOpenid', 'createdAt'])}`);
    expect(log).toContain('register: timeout 3 → 10 s');
    expect(log).toContain('trigger reminders.reminders: "0 0 * * * * *" → "0 */15 * * * * *"');
    expect(log).toContain('rule of outbox: PRIVATE → ADMINONLY');
    expect(log).toContain('index items.legacy_1 (legacy) is not in the code (kept; --prune drops it)');
    expect(target.state.functions.register.timeout).toBe(10);
    expect(target.state.functions.reminders.triggers).toEqual([{ name: 'reminders', type: 'timer', config: '0 */15 * * * * *' }]);
    expect(target.state.collections.items.indexes.some((i) => i.name === 'legacy_1')).toBe(true);

    const pruned = await deployTo(target, ['--prune']);
    expect(pruned.out.join('\n')).toContain('dropped items: legacy_1');
    expect(target.state.collections.items.indexes.some((i) => i.name === 'legacy_1')).toBe(false);
    expect((await deployTo(target, ['--verify'])).code).toBe(0);
  });

  it('deletes a timer trigger the code does not give a callable function', async () => {
    target.state.functions.register.triggers = [{ name: 'nightly', type: 'timer', config: '0 0 2 * * * *' }];
    const r = await deployTo(target, []);
    expect(r.out.join('\n')).toContain('deleted trigger register.nightly');
    expect(target.state.functions.register.triggers).toEqual([]);
  });

  it('never changes the role of an existing member given as --admin-openid', async () => {
    await target.store.create<Member>('members', { _id: 'oLiaison_0123456789', role: 'liaison', studioIds: ['studio-fuying'], boundAt: 0 });
    const r = await deployTo(target, ['--admin-openid', 'oLiaison_0123456789']);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toContain('oLiaison_0123456789 is a liaison: not changed');
    expect((await target.store.get<Member>('members', 'oLiaison_0123456789'))?.role).toBe('liaison');
  });
});

describe('--functions', () => {
  it('deploys only the named functions and touches nothing of the database', async () => {
    const r = await deployTo(target, ['--functions', 'register,reminders']);
    expect(r.code).toBe(0);
    expect(target.writes).toEqual(['createFunction register', 'createFunction reminders']);
    expect(target.state.collections).toEqual({});
  });

  it('refuses a name the manifest does not have', async () => {
    const r = await deployTo(target, ['--functions', 'registr']);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('--functions registr: not a function of core/functions/manifest.ts');
    expect(target.writes).toEqual([]);
  });
});

describe('an interrupted deploy', () => {
  it('stops at the failed request, says so, and is finished by running it again', async () => {
    target.failOn = 'createFunction receptions';
    const first = await deployTo(target, ['--demo-directory', '--admin-openid', ADMIN]);
    expect(first.code).toBe(1);
    expect(first.err.join('\n')).toContain('deploy stopped: InternalError: the service failed on createFunction receptions');
    expect(first.err.join('\n')).toContain('run the same command again');
    expect(target.state.functions.receptions).toBeUndefined();

    const second = await deployTo(target, ['--demo-directory', '--admin-openid', ADMIN]);
    expect(second.code).toBe(0);
    expect(second.out.join('\n')).toContain('created function receptions');
    expect((await deployTo(target, ['--verify'])).code).toBe(0);
  });
});

describe('settings', () => {
  it('give each function exactly the variables it reads', async () => {
    const file = path.join(tempDir(), 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ variables: { AUTO_CLOSE_DAYS: '10', TEMPLATE_TODO: 'tmpl-0123456789abcdef', REGISTER_PREFIX: '' } }));
    const r = await deployTo(target, ['--settings', file]);
    expect(r.code).toBe(0);
    for (const [name, spec] of Object.entries(FUNCTION_SPECS)) {
      const expected: Record<string, string> = { AUTO_CLOSE_DAYS: '10' };
      if (spec.env.includes('TEMPLATE_TODO')) expected.TEMPLATE_TODO = 'tmpl-0123456789abcdef';
      expect(target.state.functions[name].envVariables).toEqual(expected);
    }
    expect(target.state.functions.register.envVariables.TEMPLATE_TODO).toBeUndefined();
    expect(target.state.functions.reminders.envVariables.TEMPLATE_TODO).toBe('tmpl-0123456789abcdef');
  });

  it('with an unknown variable or a value the code would ignore are refused before anything is sent', async () => {
    const file = path.join(tempDir(), 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ variables: { AUTO_CLOSE_DAY: '10', DUE_SOON_DAYS: 'two', REGISTER_PREFIX: 'xj' } }));
    const makeTarget = jest.fn(() => target);
    const err: string[] = [];
    const code = await run(['--skip-build', '--settings', file], { env: CREDENTIALS, out: () => undefined, err: (l) => err.push(l), makeTarget, defaults: DEFAULTS });
    expect(code).toBe(1);
    const text = err.join('\n');
    expect(text).toContain('unknown variable AUTO_CLOSE_DAY');
    expect(text).toContain('DUE_SOON_DAYS="two"');
    expect(text).toContain('REGISTER_PREFIX="xj"');
    expect(makeTarget).not.toHaveBeenCalled();
  });
});

describe('the directory', () => {
  it('from files is checked before anything is written: a representative of an unknown studio is refused', async () => {
    const dir = tempDir();
    const lines = (docs: unknown[]) => docs.map((d) => JSON.stringify(d)).join('\n') + '\n';
    fs.writeFileSync(path.join(dir, 'townships.json'), lines(TOWNSHIPS));
    fs.writeFileSync(path.join(dir, 'studios.json'), lines(STUDIOS));
    fs.writeFileSync(path.join(dir, 'representatives.json'), lines([...REPRESENTATIVES, { _id: 'rep-x', name: '某某', studioId: 'studio-nowhere' }]));
    fs.writeFileSync(path.join(dir, 'departments.json'), lines(DEPARTMENTS));
    const r = await deployTo(target, ['--directory', dir]);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('representatives rep-x: studioId studio-nowhere is not in studios');
    expect(target.writes).toEqual([]);
  });

  it('from files written by export:seed is imported, their _v left to the store', async () => {
    const dir = tempDir();
    const lines = (docs: Array<{ _id: string }>) => docs.map((d) => JSON.stringify({ ...d, _v: 1 })).join('\n') + '\n';
    fs.writeFileSync(path.join(dir, 'townships.json'), lines(TOWNSHIPS));
    fs.writeFileSync(path.join(dir, 'studios.json'), lines(STUDIOS));
    fs.writeFileSync(path.join(dir, 'representatives.json'), lines(REPRESENTATIVES));
    fs.writeFileSync(path.join(dir, 'departments.json'), lines(DEPARTMENTS));
    const r = await deployTo(target, ['--directory', dir]);
    expect(r.code).toBe(0);
    expect(await target.store.count('representatives')).toBe(REPRESENTATIVES.length);
    expect((await target.store.get('studios', STUDIOS[0]._id))?._v).toBe(1);
  });

  it('finishes an interrupted import with --import-directory, adding only the missing documents', async () => {
    await deployTo(target, []);
    await target.store.create('townships', TOWNSHIPS[0]);
    const kept = await deployTo(target, ['--demo-directory']);
    expect(kept.out.join('\n')).toContain('townships has 1 documents: not imported');
    const finished = await deployTo(target, ['--demo-directory', '--import-directory']);
    expect(finished.out.join('\n')).toContain(`imported ${TOWNSHIPS.length - 1} documents into townships`);
    expect(await target.store.count('townships')).toBe(TOWNSHIPS.length);
  });
});

describe('without credentials', () => {
  it.each([[[]], [['--verify']]])('%j refuses in Chinese and English and builds no target', async (args) => {
    const makeTarget = jest.fn(() => target);
    const err: string[] = [];
    const code = await run(['--skip-build', ...args], { env: { TCB_ENV_ID: 'fake-env-1a2b3c' }, out: () => undefined, err: (l) => err.push(l), makeTarget, defaults: DEFAULTS });
    expect(code).toBe(1);
    expect(err[0]).toContain('拒绝执行：缺少 TCB_SECRET_ID、TCB_SECRET_KEY');
    expect(err[0]).toContain('Refusing to run: TCB_SECRET_ID, TCB_SECRET_KEY are not set');
    expect(err.join('\n')).toContain('Nothing was changed');
    expect(makeTarget).not.toHaveBeenCalled();
  });
});

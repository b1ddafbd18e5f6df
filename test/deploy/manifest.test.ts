/**
 * The deploy manifest (core/functions/manifest.ts) against everything else that describes a
 * deployment: FUNCTIONS and TIMERS of core/app.ts, the cloudfunctions/<name>/ folders with
 * their index.ts, package.json and config.json, cloudbaserc.json, deploy/settings.example.json,
 * and the environment variables the code really reads. Disagreements are caught by
 * `consistencyProblems`, which `npm run deploy` also runs; the variants below are made on
 * copies of the project's files in a temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FUNCTIONS, TIMERS } from '../../core/app';
import { configFromEnv, defaultConfig } from '../../core/config';
import { FUNCTION_SPECS, MANIFEST, VARIABLES, timerBudgetMs, type FunctionSpec } from '../../core/functions/manifest';
import { templateIds } from '../../core/notifications/templates';
import { writeConfig } from '../../scripts/deploy/config';
import { codebase, consistencyProblems, cronProblem, type Codebase } from '../../scripts/deploy/consistency';

const ROOT = path.resolve(__dirname, '..', '..');

/** Copies the files the consistency check reads into a temporary project. */
function copyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-test-'));
  const files = ['package.json', 'cloudbaserc.json', 'deploy/settings.example.json'];
  for (const name of Object.keys(MANIFEST)) for (const f of ['index.ts', 'package.json', 'config.json']) files.push(`cloudfunctions/${name}/${f}`);
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
  }
  return dir;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});
function variant(change: (code: Codebase) => Codebase): Codebase {
  const root = copyProject();
  made.push(root);
  return change({ ...codebase(), root });
}

/** Names a function reads from `env`, recorded by handing it a Proxy. */
function namesRead(read: (env: Record<string, string | undefined>) => unknown): string[] {
  const seen = new Set<string>();
  read(new Proxy({} as Record<string, string | undefined>, { get: (_t, key) => (typeof key === 'string' && seen.add(key), undefined) }));
  return [...seen].sort();
}

describe('the deploy manifest', () => {
  it('agrees with core/app.ts, the function folders, their config.json, cloudbaserc.json and the example settings', () => {
    expect(consistencyProblems()).toEqual([]);
  });

  it('deploys exactly the callables of FUNCTIONS and the timers of TIMERS', () => {
    const kinds = (kind: FunctionSpec['kind']) => Object.entries(FUNCTION_SPECS).filter(([, s]) => s.kind === kind).map(([n]) => n).sort();
    expect(kinds('callable')).toEqual(Object.keys(FUNCTIONS).sort());
    expect(kinds('timer')).toEqual(Object.keys(TIMERS).sort());
  });

  it('declares every environment variable the code reads, and no other', () => {
    const read = [...namesRead(configFromEnv), ...namesRead(templateIds)].sort();
    expect(Object.keys(VARIABLES).sort()).toEqual(read);
  });

  it('accepts only setting values the code honours', () => {
    for (const name of namesRead(configFromEnv)) {
      const { pattern } = VARIABLES[name];
      // a value no default has, so honouring it must change the config
      const good = ['AB', '11'].find((v) => pattern.test(v));
      expect(good).toBeDefined();
      expect(configFromEnv({ [name]: good })).not.toEqual(defaultConfig);
      for (const bad of ['0', '-1', 'ab', '2.5', ' ']) {
        if (!pattern.test(bad)) expect(configFromEnv({ [name]: bad })).toEqual(defaultConfig);
        else throw new Error(`${name} accepts "${bad}", which configFromEnv ignores`);
      }
    }
  });

  it('gives a timer a time budget of three quarters of its timeout', () => {
    expect(timerBudgetMs('reminders')).toBe(MANIFEST.reminders.timeout * 750);
    expect(timerBudgetMs('reminders')).toBe(15_000);
    expect(() => timerBudgetMs('register')).toThrow('not a timer function');
  });

  it('takes 7-field cron expressions only', () => {
    expect(cronProblem('0 */15 * * * * *')).toBeUndefined();
    expect(cronProblem('*/15 * * * *')).toContain('has 5 fields');
    expect(cronProblem('0 */15 * * * * %')).toContain('cannot read: %');
  });
});

describe('a disagreement is named with what to do', () => {
  it('a function core/app.ts calls that the manifest lacks: the entry to add and the command to run', () => {
    const code = variant((c) => {
      const { receptions: _gone, ...specs } = c.specs;
      return { ...c, specs };
    });
    const problems = consistencyProblems(code);
    expect(problems).toContainEqual(expect.stringContaining("core/app.ts FUNCTIONS has `receptions`, which the deploy manifest does not deploy: add `receptions: { kind: 'callable'"));
    expect(problems).toContainEqual(expect.stringContaining('then run npm run deploy:config'));
    expect(problems).toContainEqual(expect.stringContaining('cloudfunctions/receptions/ is not in the deploy manifest'));
    expect(problems).toContainEqual(expect.stringContaining('cloudbaserc.json disagrees with the manifest (has receptions, which the manifest does not deploy)'));
  });

  it('a renamed function: the missing folder, the stale cloudbaserc.json and the name core/app.ts lacks', () => {
    const code = variant((c) => {
      const { receptions, ...rest } = c.specs;
      return { ...c, specs: { ...rest, bookings: receptions } };
    });
    const problems = consistencyProblems(code);
    expect(problems).toContainEqual(expect.stringContaining('core/functions/manifest.ts deploys `bookings` (callable), but core/app.ts FUNCTIONS has no `bookings`'));
    expect(problems).toContainEqual(expect.stringContaining('cloudfunctions/bookings/ is missing: run npm run deploy:config'));
    expect(problems).toContainEqual(expect.stringContaining('cloudbaserc.json disagrees with the manifest (lacks bookings'));
  });

  it('a changed timeout or trigger: cloudbaserc.json and config.json are stale until regenerated', () => {
    const code = variant((c) => ({
      ...c,
      specs: { ...c.specs, reminders: { ...MANIFEST.reminders, timeout: 30, trigger: { ...MANIFEST.reminders.trigger, cron: '0 */5 * * * * *' } } },
    }));
    const problems = consistencyProblems(code);
    expect(problems).toContainEqual(expect.stringContaining('cloudbaserc.json disagrees with the manifest (reminders.timeout is 20, the manifest says 30; reminders.triggers is'));
    expect(problems).toContainEqual('cloudfunctions/reminders/config.json disagrees with the manifest (openapi permissions or trigger): run npm run deploy:config');
    writeConfig(code.root, code, () => undefined);
    expect(consistencyProblems(code)).toEqual([]);
  });

  it('a new function (another branch adds one): deploy:config creates its folder and cloudbaserc.json entry from the manifest alone', () => {
    const spec: FunctionSpec = { kind: 'callable', description: 'petitions (信访)', timeout: 10, memory: 256, openapi: ['security.msgSecCheck'], env: ['REGISTER_PREFIX'] };
    const code = variant((c) => ({ ...c, specs: { ...c.specs, petitions: spec }, callables: [...c.callables, 'petitions'] }));
    expect(consistencyProblems(code)).toContainEqual('cloudfunctions/petitions/ is missing: run npm run deploy:config (it creates index.ts, package.json and config.json for `petitions`)');
    const written: string[] = [];
    writeConfig(code.root, code, (l) => written.push(l));
    expect(written).toEqual(expect.arrayContaining(['created cloudfunctions/petitions/index.ts', 'created cloudfunctions/petitions/package.json', 'created cloudfunctions/petitions/config.json', 'updated cloudbaserc.json']));
    expect(fs.readFileSync(path.join(code.root, 'cloudfunctions/petitions/index.ts'), 'utf8')).toContain("export const main = callable('petitions', petitions);");
    const rc = JSON.parse(fs.readFileSync(path.join(code.root, 'cloudbaserc.json'), 'utf8')) as { functions: Array<{ name: string; timeout: number }> };
    expect(rc.functions.find((f) => f.name === 'petitions')).toMatchObject({ timeout: 10, memorySize: 256, runtime: 'Nodejs18.15' });
    expect(consistencyProblems(code)).toEqual([]);
  });

  it('an entry that is not the function it is named for', () => {
    const code = variant((c) => c);
    fs.writeFileSync(path.join(code.root, 'cloudfunctions/reminders/index.ts'), "import { callable } from '../runtime';\nexport const main = callable('reminders');\n");
    expect(consistencyProblems(code)).toContain("cloudfunctions/reminders/index.ts must export `main = timer('reminders', …)` (a timer function over its own actions)");
  });

  it('impossible settings in the manifest', () => {
    const code = variant((c) => ({ ...c, specs: { ...c.specs, register: { ...MANIFEST.register, timeout: 90, memory: 300 as 256, env: [...MANIFEST.register.env, 'NO_SUCH_VAR'] } } }));
    const problems = consistencyProblems(code);
    expect(problems).toContainEqual('core/functions/manifest.ts register: timeout 90 s must be a whole number of seconds, 1–60');
    expect(problems).toContainEqual('core/functions/manifest.ts register: memory 300 MB must be one of 128, 256, 512, 1024, 2048');
    expect(problems).toContainEqual(expect.stringContaining('register: reads NO_SUCH_VAR, which VARIABLES in core/functions/manifest.ts does not declare'));
  });
});

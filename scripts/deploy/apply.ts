/**
 * The real run: brings an environment to the plan and says what it changed. Order:
 * collections, indexes (drops only with --prune), security rules, functions (code, settings,
 * trigger), the directory into empty collections, the first administrator. Every step reads
 * before it writes, so a run that stopped half-way is finished by running it again.
 */
import { DuplicateId, type NewDoc, type StoredDoc } from '../../core/ports/store';
import type { Member } from '../../core/members/types';
import { DIRECTORY_COLLECTIONS, describe, differences, inBatches, readState, type Difference } from './compare';
import type { Directory } from './directory';
import type { DeployPlan, FunctionPlan, IndexPlan } from './plan';
import type { DeployTarget } from './target';

export interface DeployOptions {
  /** Where the function folders are (cloudfunctions/). */
  functionRoot: string;
  /** Drop indexes the code does not have. */
  prune?: boolean;
  /** Deploy only these functions, and nothing of the database (a release or rollback of single functions). */
  only?: string[];
  /** The directory to import into empty collections. */
  directory?: Directory;
  /** Also add the directory's missing documents to collections that have some (finishes an interrupted import). */
  importIntoNonEmpty?: boolean;
  /** The first administrator. */
  admin?: { openid: string; name: string };
  now: () => number;
  /** One line per change or decision. */
  log: (line: string) => void;
}

export interface DeployResult {
  /** What was changed, one line each. */
  changes: string[];
  /** Differences left on purpose (extra indexes without --prune, extra functions, runtimes). */
  left: string[];
}

const fieldsOf = (ix: IndexPlan) => `(${ix.fields.join(', ')})`;

/** Brings `target` to `plan`. Throws on the first failed request, after logging what was done. */
export async function deploy(target: DeployTarget, plan: DeployPlan, options: DeployOptions): Promise<DeployResult> {
  const changes: string[] = [];
  const left: string[] = [];
  const changed = (line: string) => {
    changes.push(line);
    options.log(`✓ ${line}`);
  };
  const keep = (line: string) => {
    left.push(line);
    options.log(`· ${line}`);
  };

  const state = await readState(target, plan);
  const diffs = differences(plan, state);
  const of = <K extends Difference['kind']>(kind: K) => diffs.filter((d): d is Extract<Difference, { kind: K }> => d.kind === kind);

  if (!options.only) {
    for (const d of of('missing-collection')) {
      await target.createCollection(d.collection);
      changed(`创建集合 created collection ${d.collection}`);
    }
    for (const c of plan.collections) {
      const changedIx = of('changed-index').filter((d) => d.collection === c.name);
      const missing = of('missing-index').filter((d) => d.collection === c.name);
      const extra = of('extra-index').filter((d) => d.collection === c.name);
      const drops = [...changedIx.map((d) => d.deployed.name), ...(options.prune ? extra.map((d) => d.deployed.name) : [])];
      if (drops.length) {
        await target.dropIndexes(c.name, drops);
        changed(`删除索引 dropped ${c.name}: ${drops.join(', ')}`);
      }
      const creates = [...changedIx.map((d) => d.index), ...missing.map((d) => d.index)];
      if (creates.length) {
        await target.createIndexes(c.name, creates);
        for (const ix of creates) changed(`创建索引 created index ${c.name}.${ix.name} ${fieldsOf(ix)}`);
      }
      if (!options.prune) for (const d of extra) keep(describe(d));
    }
    for (const d of of('rule')) {
      await target.setAdminOnly(d.collection);
      changed(`权限 rule of ${d.collection}: ${d.deployed ?? '(unknown)'} → ADMINONLY 仅管理端可读写`);
    }
  }

  const functions = plan.functions.filter((f) => !options.only || options.only.includes(f.name));
  for (const fn of functions) await deployFunction(target, fn, diffs, options.functionRoot, changed, keep, state.functions.has(fn.name));
  if (!options.only) for (const d of of('extra-function')) keep(describe(d));

  if (!options.only && options.directory) {
    for (const c of DIRECTORY_COLLECTIONS) {
      const count = state.directoryCounts.get(c) ?? 0;
      if (count > 0 && !options.importIntoNonEmpty) {
        keep(`目录已有 ${c} has ${count} documents: not imported (--import-directory adds the missing ones)`);
        continue;
      }
      const docs = options.directory.docs[c];
      let created = 0;
      await inBatches(docs, 10, async (doc) => {
        try {
          await target.store.create<StoredDoc>(c, doc as NewDoc<StoredDoc>);
          created++;
        } catch (e) {
          if (!(e instanceof DuplicateId)) throw e;
        }
      });
      if (created) changed(`导入目录 imported ${created} documents into ${c} (${options.directory.source})`);
      else keep(`目录 ${c}: all ${docs.length} documents already there`);
    }
  }

  if (options.admin) {
    const { openid, name } = options.admin;
    const existing = await target.store.get<Member>('members', openid);
    if (!existing) {
      const doc: NewDoc<Member> = { _id: openid, role: 'admin', studioIds: [], name, boundAt: options.now() };
      await target.store.create<Member>('members', doc);
      changed(`首位管理员 created the administrator ${openid} (${name})`);
    } else if (existing.role === 'admin') {
      keep(`管理员 ${openid} is already an administrator`);
    } else {
      keep(`管理员 ${openid} is a ${existing.role}: not changed (a deploy never changes an existing member's role)`);
    }
  }
  return { changes, left };
}

async function deployFunction(
  target: DeployTarget,
  fn: FunctionPlan,
  diffs: Difference[],
  functionRoot: string,
  changed: (line: string) => void,
  keep: (line: string) => void,
  exists: boolean,
) {
  const mine = diffs.filter((d) => 'fn' in d && d.fn.name === fn.name);
  if (!exists) {
    await target.createFunction(fn, functionRoot);
    changed(`创建云函数 created function ${fn.name} (${fn.runtime}, ${fn.timeout} s, ${fn.memory} MB${fn.trigger ? `, trigger ${fn.trigger.name} "${fn.trigger.cron}"` : ''})`);
    return;
  }
  await target.updateCode(fn, functionRoot);
  changed(`上传代码 uploaded the code of ${fn.name}`);
  const settings = mine.filter((d): d is Extract<Difference, { kind: 'setting' }> => d.kind === 'setting' && d.setting !== 'handler');
  const variables = mine.find((d): d is Extract<Difference, { kind: 'variables' }> => d.kind === 'variables');
  // CloudBase replaces a function's variables only when given some: an empty set cannot clear them.
  const clearOnly = variables !== undefined && Object.keys(fn.envVariables).length === 0;
  if (settings.length || (variables && !clearOnly)) {
    await target.updateConfig(fn);
    for (const d of settings) changed(`设置 ${fn.name}: ${d.setting} ${d.deployed} → ${d.wanted}${d.setting === 'timeout' ? ' s' : ' MB'}`);
    if (variables && !clearOnly) {
      changed(`环境变量 ${fn.name}: ${[variables.differ.length ? `set ${variables.differ.join(', ')}` : '', variables.extra.length ? `removed ${variables.extra.join(', ')}` : ''].filter(Boolean).join('; ')}`);
    }
  }
  if (variables && clearOnly) keep(`环境变量 ${fn.name}: ${variables.extra.join(', ')} set in the environment; the settings have none, and CloudBase cannot clear them this way: remove them in the console`);
  for (const d of mine) {
    if (d.kind === 'changed-trigger') {
      await target.deleteTrigger(fn.name, d.deployed.name);
      await target.createTrigger(fn.name, { name: d.trigger.name, type: 'timer', config: d.trigger.cron });
      changed(`触发器 trigger ${fn.name}.${d.trigger.name}: "${d.deployed.config}" → "${d.trigger.cron}"`);
    } else if (d.kind === 'missing-trigger') {
      await target.createTrigger(fn.name, { name: d.trigger.name, type: 'timer', config: d.trigger.cron });
      changed(`触发器 created trigger ${fn.name}.${d.trigger.name} "${d.trigger.cron}" (${d.trigger.means})`);
    } else if (d.kind === 'extra-trigger') {
      await target.deleteTrigger(fn.name, d.deployed.name);
      changed(`触发器 deleted trigger ${fn.name}.${d.deployed.name} "${d.deployed.config}" (not in the code)`);
    } else if (d.kind === 'runtime') {
      keep(describe(d));
    }
  }
}

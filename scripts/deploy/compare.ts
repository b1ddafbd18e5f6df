/**
 * Differences between an environment and the plan of the code. `readState` reads what a
 * deploy needs to know (a few requests per collection and per function, four at a time);
 * `differences` is a pure function of that state and the plan, shared by --verify (which
 * prints them) and the real run (which resolves them).
 */
import { COLLECTIONS } from '../../core/ports/store';
import type { CollectionPlan, DeployPlan, FunctionPlan, IndexPlan, TriggerPlan } from './plan';
import type { DeployedFunction, DeployedIndex, DeployTarget } from './target';

/** Collections the directory import fills (first deploy). */
export const DIRECTORY_COLLECTIONS = ['townships', 'studios', 'representatives', 'departments'] as const satisfies ReadonlyArray<keyof typeof COLLECTIONS>;

export interface CollectionState {
  indexes: DeployedIndex[];
  rule: string | undefined;
}

export interface EnvironmentState {
  /** Collections of the plan that exist. */
  collections: Map<string, CollectionState>;
  /** Functions of the plan that exist. */
  functions: Map<string, DeployedFunction>;
  /** Deployed functions the code does not have. */
  otherFunctions: string[];
  /** Documents in each directory collection that exists. */
  directoryCounts: Map<string, number>;
  /** Members with role admin. */
  admins: number;
}

export type Difference =
  | { kind: 'missing-collection'; collection: string }
  | { kind: 'missing-index'; collection: string; index: IndexPlan }
  | { kind: 'changed-index'; collection: string; index: IndexPlan; deployed: DeployedIndex }
  | { kind: 'extra-index'; collection: string; deployed: DeployedIndex }
  | { kind: 'rule'; collection: string; deployed: string | undefined }
  | { kind: 'missing-function'; fn: FunctionPlan }
  | { kind: 'setting'; fn: FunctionPlan; setting: 'timeout' | 'memory' | 'handler'; deployed: string | number; wanted: string | number }
  | { kind: 'runtime'; fn: FunctionPlan; deployed: string }
  | { kind: 'variables'; fn: FunctionPlan; differ: string[]; extra: string[] }
  | { kind: 'status'; fn: FunctionPlan; status: string }
  | { kind: 'missing-trigger'; fn: FunctionPlan; trigger: TriggerPlan }
  | { kind: 'changed-trigger'; fn: FunctionPlan; trigger: TriggerPlan; deployed: { name: string; config: string } }
  | { kind: 'extra-trigger'; fn: FunctionPlan; deployed: { name: string; config: string } }
  | { kind: 'extra-function'; name: string }
  | { kind: 'empty-directory'; collection: string }
  | { kind: 'no-admin' };

/** Runs `work` over `items`, `limit` at a time (CloudBase's API allows about 20 requests a second). */
export async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += limit) out.push(...(await Promise.all(items.slice(i, i + limit).map(work))));
  return out;
}

/** What the environment has of the plan. */
export async function readState(target: DeployTarget, plan: DeployPlan): Promise<EnvironmentState> {
  const existing = new Set(await target.collections());
  const collections = new Map<string, CollectionState>();
  await inBatches(
    plan.collections.filter((c) => existing.has(c.name)),
    4,
    async (c) => {
      const [indexes, rule] = await Promise.all([target.indexes(c.name), target.rule(c.name)]);
      collections.set(c.name, { indexes, rule });
    },
  );
  const functions = new Map<string, DeployedFunction>();
  await inBatches(plan.functions, 4, async (f) => {
    const deployed = await target.getFunction(f.name);
    if (deployed) functions.set(f.name, deployed);
  });
  const wanted = new Set(plan.functions.map((f) => f.name));
  const otherFunctions = (await target.functionNames()).filter((n) => !wanted.has(n)).sort();
  const directoryCounts = new Map<string, number>();
  await Promise.all(DIRECTORY_COLLECTIONS.filter((c) => existing.has(c)).map(async (c) => directoryCounts.set(c, await target.store.count(c))));
  const admins = existing.has('members') ? await target.store.count('members', { role: 'admin' }) : 0;
  return { collections, functions, otherFunctions, directoryCounts, admins };
}

const sameKeys = (deployed: DeployedIndex, index: IndexPlan) =>
  !deployed.unique && deployed.keys.length === index.fields.length && deployed.keys.every((k, i) => k.field === index.fields[i] && k.direction === '1');

/** Differences of one collection's indexes: matched by fields (any name), a plan name on other fields is a changed index. */
function indexDifferences(plan: CollectionPlan, deployed: DeployedIndex[]): Difference[] {
  const out: Difference[] = [];
  const own = deployed.filter((d) => d.name !== '_id_');
  for (const index of plan.indexes) {
    if (own.some((d) => sameKeys(d, index))) continue;
    const sameName = own.find((d) => d.name === index.name);
    out.push(sameName ? { kind: 'changed-index', collection: plan.name, index, deployed: sameName } : { kind: 'missing-index', collection: plan.name, index });
  }
  for (const d of own) {
    const matched = plan.indexes.some((index) => sameKeys(d, index) || index.name === d.name);
    if (!matched) out.push({ kind: 'extra-index', collection: plan.name, deployed: d });
  }
  return out;
}

function functionDifferences(fn: FunctionPlan, deployed: DeployedFunction): Difference[] {
  const out: Difference[] = [];
  if (deployed.runtime !== fn.runtime) out.push({ kind: 'runtime', fn, deployed: deployed.runtime });
  if (deployed.timeout !== fn.timeout) out.push({ kind: 'setting', fn, setting: 'timeout', deployed: deployed.timeout, wanted: fn.timeout });
  if (deployed.memory !== fn.memory) out.push({ kind: 'setting', fn, setting: 'memory', deployed: deployed.memory, wanted: fn.memory });
  if (deployed.handler !== fn.handler) out.push({ kind: 'setting', fn, setting: 'handler', deployed: deployed.handler, wanted: fn.handler });
  const differ = Object.entries(fn.envVariables).filter(([k, v]) => deployed.envVariables[k] !== v).map(([k]) => k);
  const extra = Object.keys(deployed.envVariables).filter((k) => !(k in fn.envVariables));
  if (differ.length || extra.length) out.push({ kind: 'variables', fn, differ, extra });
  if (deployed.status !== 'Active') out.push({ kind: 'status', fn, status: deployed.status });
  const timers = deployed.triggers.filter((t) => t.type === 'timer');
  if (fn.trigger) {
    const t = fn.trigger;
    const same = timers.find((d) => d.name === t.name);
    if (!same) out.push({ kind: 'missing-trigger', fn, trigger: t });
    else if (same.config.trim() !== t.cron) out.push({ kind: 'changed-trigger', fn, trigger: t, deployed: same });
  }
  for (const d of timers) if (d.name !== fn.trigger?.name) out.push({ kind: 'extra-trigger', fn, deployed: d });
  return out;
}

/** Everything in which the environment differs from the plan, in deploy order. */
export function differences(plan: DeployPlan, state: EnvironmentState): Difference[] {
  const out: Difference[] = [];
  for (const c of plan.collections) {
    const have = state.collections.get(c.name);
    if (!have) {
      out.push({ kind: 'missing-collection', collection: c.name });
      for (const index of c.indexes) out.push({ kind: 'missing-index', collection: c.name, index });
      out.push({ kind: 'rule', collection: c.name, deployed: undefined });
      continue;
    }
    out.push(...indexDifferences(c, have.indexes));
    if (have.rule !== c.rule) out.push({ kind: 'rule', collection: c.name, deployed: have.rule });
  }
  for (const fn of plan.functions) {
    const deployed = state.functions.get(fn.name);
    if (!deployed) {
      out.push({ kind: 'missing-function', fn });
      if (fn.trigger) out.push({ kind: 'missing-trigger', fn, trigger: fn.trigger });
      continue;
    }
    out.push(...functionDifferences(fn, deployed));
  }
  for (const name of state.otherFunctions) out.push({ kind: 'extra-function', name });
  for (const c of DIRECTORY_COLLECTIONS) if (!state.directoryCounts.get(c)) out.push({ kind: 'empty-directory', collection: c });
  if (state.admins === 0) out.push({ kind: 'no-admin' });
  return out;
}

const fields = (index: IndexPlan) => `(${index.fields.join(', ')})`;
const keysOf = (d: DeployedIndex) => `(${d.keys.map((k) => (k.direction === '1' ? k.field : `${k.field} ${k.direction}`)).join(', ')}${d.unique ? ', unique' : ''})`;

/** One line per difference, as --verify prints it. */
export function describe(d: Difference): string {
  switch (d.kind) {
    case 'missing-collection':
      return `缺少集合 missing collection ${d.collection}`;
    case 'missing-index':
      return `缺少索引 missing index ${d.collection}.${d.index.name} ${fields(d.index)}`;
    case 'changed-index':
      return `索引不同 index ${d.collection}.${d.index.name} is on ${keysOf(d.deployed)}, the code wants ${fields(d.index)}`;
    case 'extra-index':
      return `多余索引 index ${d.collection}.${d.deployed.name} ${keysOf(d.deployed)} is not in the code (kept; --prune drops it)`;
    case 'rule':
      return `权限不对 rule of ${d.collection} is ${d.deployed ?? '(unknown)'}, the code wants ADMINONLY (仅管理端可读写)`;
    case 'missing-function':
      return `缺少云函数 missing function ${d.fn.name}`;
    case 'setting':
      return `设置不同 ${d.fn.name}: ${d.setting} is ${d.deployed}${d.setting === 'timeout' ? ' s' : d.setting === 'memory' ? ' MB' : ''}, the code wants ${d.wanted}${d.setting === 'timeout' ? ' s' : d.setting === 'memory' ? ' MB' : ''}`;
    case 'runtime':
      return `运行时不同 ${d.fn.name}: runtime is ${d.deployed}, the code wants ${d.fn.runtime} (CloudBase sets it only at creation: delete the function in the console, then deploy)`;
    case 'variables':
      return `环境变量不同 ${d.fn.name}: ${[d.differ.length ? `differ from the settings: ${d.differ.join(', ')}` : '', d.extra.length ? `set in the environment but not in the settings: ${d.extra.join(', ')}` : ''].filter(Boolean).join('; ')}`;
    case 'status':
      return `状态异常 ${d.fn.name}: status ${d.status} (a deploy uploads it again)`;
    case 'missing-trigger':
      return `缺少触发器 missing trigger ${d.fn.name}.${d.trigger.name} "${d.trigger.cron}" (${d.trigger.means})`;
    case 'changed-trigger':
      return `触发器不同 trigger ${d.fn.name}.${d.trigger.name} is "${d.deployed.config}", the code wants "${d.trigger.cron}"`;
    case 'extra-trigger':
      return `多余触发器 trigger ${d.fn.name}.${d.deployed.name} "${d.deployed.config}" is not in the code (a deploy deletes it)`;
    case 'extra-function':
      return `多余云函数 function ${d.name} is deployed but not in the code (never deleted by a deploy)`;
    case 'empty-directory':
      return `目录为空 ${d.collection} has no documents (a deploy imports the directory into empty collections)`;
    case 'no-admin':
      return `没有管理员 no administrator in members (deploy with --admin-openid <openid>)`;
  }
}

/**
 * An in-process CloudBase environment for the deploy's tests: the DeployTarget interface over
 * plain data (collections with indexes and rules, functions with settings and triggers) and
 * a real SQLite store for documents. It fails where CloudBase fails — a document in a
 * collection nobody created, a trigger created twice, a function folder without its bundle —
 * and records every write, so a test can tell that --verify changed nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createSqliteStore } from '../../core/adapters/sqlite/store';
import type { Store } from '../../core/ports/store';
import type { FunctionPlan, IndexPlan } from '../../scripts/deploy/plan';
import type { DeployedFunction, DeployedIndex, DeployedTrigger, DeployTarget } from '../../scripts/deploy/target';

export interface FakeCollection {
  indexes: DeployedIndex[];
  rule: string;
}

export interface FakeState {
  collections: Record<string, FakeCollection>;
  functions: Record<string, DeployedFunction>;
}

const ID_INDEX: DeployedIndex = { name: '_id_', keys: [{ field: '_id', direction: '1' }], unique: true };

export class FakeTarget implements DeployTarget {
  readonly name = 'fake-env-1a2b3c';
  state: FakeState = { collections: {}, functions: {} };
  /** Every write, in order (`createIndexes items …`). */
  readonly writes: string[] = [];
  readonly store: Store;
  /** Throws on the named write (`createFunction receptions`) once: an interrupted deploy. */
  failOn?: string;
  private readonly sqlite = createSqliteStore(':memory:');

  constructor() {
    const exists = (collection: string) => {
      if (!this.state.collections[collection]) throw new Error(`DATABASE_COLLECTION_NOT_EXIST: ${collection}`);
    };
    const s = this.sqlite;
    // Documents only in collections that exist, as in CloudBase.
    this.store = {
      get: async (c, id) => (exists(c), s.get(c, id)),
      create: async (c, doc) => (exists(c), this.write(`create ${c}/${doc._id}`), s.create(c, doc)),
      update: async (c, id, v, doc) => (exists(c), this.write(`update ${c}/${id}`), s.update(c, id, v, doc)),
      remove: async (c, id) => (exists(c), this.write(`remove ${c}/${id}`), s.remove(c, id)),
      find: async (c, o) => (exists(c), s.find(c, o)),
      count: async (c, w) => (exists(c), s.count(c, w)),
      countBy: async (c, f, w) => (exists(c), s.countBy(c, f, w)),
      updateWhere: async (c, w, set) => (exists(c), this.write(`updateWhere ${c}`), s.updateWhere(c, w, set)),
      transaction: (work) => s.transaction(work),
    };
  }

  private write(what: string) {
    if (this.failOn === what) {
      this.failOn = undefined;
      throw new Error(`InternalError: the service failed on ${what}`);
    }
    this.writes.push(what);
  }

  /** A deep copy of the state, to compare before and after. */
  snapshot(): FakeState {
    return JSON.parse(JSON.stringify(this.state)) as FakeState;
  }

  close() {
    this.sqlite.close();
  }

  async collections() {
    return Object.keys(this.state.collections);
  }
  async createCollection(name: string) {
    this.write(`createCollection ${name}`);
    this.state.collections[name] ??= { indexes: [ID_INDEX], rule: 'PRIVATE' };
  }
  async indexes(collection: string) {
    const c = this.state.collections[collection];
    if (!c) throw new Error(`ResourceNotFound: ${collection}`);
    return c.indexes.map((i) => ({ ...i, keys: i.keys.map((k) => ({ ...k })) }));
  }
  async createIndexes(collection: string, indexes: IndexPlan[]) {
    this.write(`createIndexes ${collection} ${indexes.map((i) => i.name).join(',')}`);
    const c = this.state.collections[collection];
    if (!c) throw new Error(`ResourceNotFound: ${collection}`);
    for (const ix of indexes) {
      if (c.indexes.some((i) => i.name === ix.name)) throw new Error(`InvalidParameter: index ${ix.name} exists`);
      c.indexes.push({ name: ix.name, keys: ix.fields.map((field) => ({ field, direction: '1' })), unique: false });
    }
  }
  async dropIndexes(collection: string, names: string[]) {
    this.write(`dropIndexes ${collection} ${names.join(',')}`);
    const c = this.state.collections[collection];
    for (const n of names) {
      if (!c?.indexes.some((i) => i.name === n)) throw new Error(`ResourceNotFound: index ${n}`);
      c.indexes = c.indexes.filter((i) => i.name !== n);
    }
  }
  async rule(collection: string) {
    return this.state.collections[collection]?.rule;
  }
  async setAdminOnly(collection: string) {
    this.write(`setAdminOnly ${collection}`);
    this.state.collections[collection].rule = 'ADMINONLY';
  }

  async getFunction(name: string) {
    const f = this.state.functions[name];
    return f ? (JSON.parse(JSON.stringify(f)) as DeployedFunction) : undefined;
  }
  async functionNames() {
    return Object.keys(this.state.functions);
  }
  private checkFolder(plan: FunctionPlan, root: string) {
    if (!fs.existsSync(path.join(root, plan.name, 'index.js'))) throw new Error(`函数代码打包失败：${plan.name}/index.js not found`);
  }
  async createFunction(plan: FunctionPlan, root: string) {
    this.write(`createFunction ${plan.name}`);
    this.checkFolder(plan, root);
    if (this.state.functions[plan.name]) throw new Error(`ResourceInUse.Function: ${plan.name}`);
    this.state.functions[plan.name] = {
      name: plan.name,
      runtime: plan.runtime,
      handler: plan.handler,
      timeout: plan.timeout,
      memory: plan.memory,
      envVariables: { ...plan.envVariables },
      triggers: plan.trigger ? [{ name: plan.trigger.name, type: 'timer', config: plan.trigger.cron }] : [],
      status: 'Active',
    };
  }
  async updateCode(plan: FunctionPlan, root: string) {
    this.write(`updateCode ${plan.name}`);
    this.checkFolder(plan, root);
    const f = this.state.functions[plan.name];
    f.handler = plan.handler;
    f.status = 'Active';
  }
  async updateConfig(plan: FunctionPlan) {
    this.write(`updateConfig ${plan.name}`);
    const f = this.state.functions[plan.name];
    f.timeout = plan.timeout;
    f.memory = plan.memory;
    // As CloudBase: the variables are replaced when some are given, left alone otherwise.
    if (Object.keys(plan.envVariables).length) f.envVariables = { ...plan.envVariables };
  }
  async createTrigger(functionName: string, trigger: DeployedTrigger) {
    this.write(`createTrigger ${functionName} ${trigger.name}`);
    const f = this.state.functions[functionName];
    if (f.triggers.some((t) => t.name === trigger.name)) throw new Error(`ResourceInUse.Trigger: ${trigger.name}`);
    f.triggers.push({ ...trigger });
  }
  async deleteTrigger(functionName: string, triggerName: string) {
    this.write(`deleteTrigger ${functionName} ${triggerName}`);
    const f = this.state.functions[functionName];
    if (!f.triggers.some((t) => t.name === triggerName)) throw new Error(`ResourceNotFound.Trigger: ${triggerName}`);
    f.triggers = f.triggers.filter((t) => t.name !== triggerName);
  }
}

/**
 * The real DeployTarget: a CloudBase environment through @cloudbase/manager-node (collections,
 * indexes, security rules, functions, triggers; the calls are those of its .d.ts, 5.6) and
 * documents through the project's CloudBase Store adapter on the same `wx-server-sdk`
 * database the functions use, given the API key (outside the cloud it takes one; node-sdk's
 * own database API differs: `add(doc)`, not `add({ data })`). Built only after the
 * credentials are known to be there: both SDKs otherwise fall back to other sources of
 * credentials, or fail inside un-awaited promises.
 */
import CloudBase from '@cloudbase/manager-node';
import cloud from 'wx-server-sdk';
import { createCloudBaseStore, type CloudDatabase } from '../../core/adapters/cloudbase/store';
import { COLLECTION_RULE, type FunctionPlan, type IndexPlan } from './plan';
import type { DeployedFunction, DeployedIndex, DeployedTrigger, DeployTarget } from './target';

export interface Credentials {
  secretId: string;
  secretKey: string;
  envId: string;
  /** The mini-program's appid: DescribeSafeRule wants it for environments created from WeChat. */
  appId?: string;
}

const errorCode = (e: unknown) => (typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '');

/** A timer's cron as GetFunction reports it: the raw expression, or `{"cron": "..."}`. */
export function triggerCron(desc: string): string {
  try {
    const parsed: unknown = JSON.parse(desc);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { cron?: unknown }).cron === 'string') return (parsed as { cron: string }).cron;
  } catch {
    // not JSON: the expression itself
  }
  return desc;
}

function functionConfig(plan: FunctionPlan) {
  return {
    name: plan.name,
    description: plan.description,
    runtime: plan.runtime,
    handler: plan.handler,
    timeout: plan.timeout,
    memorySize: plan.memory,
    installDependency: plan.installDependency,
    ignore: plan.ignore,
    envVariables: plan.envVariables,
  };
}

export function cloudbaseTarget(credentials: Credentials): DeployTarget {
  const { secretId, secretKey, envId, appId } = credentials;
  const manager = new CloudBase({ secretId, secretKey, envId });
  const tcb = () => manager.commonService('tcb', '2018-06-08');
  // wx-server-sdk hands its init options to node-sdk, which takes the key; its typings do not list it.
  cloud.init({ env: envId, secretId, secretKey } as Parameters<typeof cloud.init>[0]);
  const store = createCloudBaseStore(cloud.database() as unknown as CloudDatabase);

  return {
    name: envId,
    store,

    async collections() {
      const names: string[] = [];
      for (let offset = 0; ; offset += 100) {
        const page = await manager.database.listCollections({ MgoLimit: 100, MgoOffset: offset });
        names.push(...page.Collections.map((c) => c.CollectionName));
        if (page.Collections.length < 100 || names.length >= page.Pager.Total) return names;
      }
    },
    async createCollection(name) {
      await manager.database.createCollectionIfNotExists(name);
    },
    async indexes(collection) {
      const info = await manager.database.describeCollection(collection);
      return (info.Indexes ?? []).map(
        (i): DeployedIndex => ({ name: i.Name, keys: (i.Keys ?? []).map((k) => ({ field: k.Name ?? '', direction: String(k.Direction ?? '1') })), unique: i.Unique === true }),
      );
    },
    async createIndexes(collection, indexes: IndexPlan[]) {
      await manager.database.updateCollection(collection, {
        CreateIndexes: indexes.map((ix) => ({
          IndexName: ix.name,
          MgoKeySchema: { MgoIsUnique: false, MgoIndexKeys: ix.fields.map((f) => ({ Name: f, Direction: '1' })) },
        })),
      });
    },
    async dropIndexes(collection, names) {
      await manager.database.updateCollection(collection, { DropIndexes: names.map((IndexName) => ({ IndexName })) });
    },
    async rule(collection) {
      try {
        const res = (await tcb().call({ Action: 'DescribeSafeRule', Param: { EnvId: envId, CollectionName: collection, ...(appId ? { WxAppId: appId } : {}) } })) as { AclTag?: unknown };
        return typeof res.AclTag === 'string' ? res.AclTag : undefined;
      } catch {
        return undefined;
      }
    },
    async setAdminOnly(collection) {
      await tcb().call({ Action: 'ModifySafeRule', Param: { EnvId: envId, CollectionName: collection, AclTag: COLLECTION_RULE } });
    },

    async getFunction(name) {
      let info;
      try {
        info = await manager.functions.getFunctionDetail(name);
      } catch (e) {
        if (errorCode(e).startsWith('ResourceNotFound')) return undefined;
        throw e;
      }
      const triggers = (info.Triggers ?? []).map(
        (t): DeployedTrigger => ({ name: t.TriggerName || t.Name, type: t.Type, config: triggerCron(t.TriggerDesc || t.Config || '') }),
      );
      const fn: DeployedFunction = {
        name,
        runtime: info.Runtime,
        handler: info.Handler,
        timeout: Number(info.Timeout),
        memory: Number(info.MemorySize),
        envVariables: Object.fromEntries((info.Environment?.Variables ?? []).map((v) => [v.Key, v.Value])),
        triggers,
        status: info.Status,
      };
      return fn;
    },
    async functionNames() {
      const list = await manager.functions.listAllFunctions({ envId });
      return list.map((f) => f.FunctionName).filter((n): n is string => typeof n === 'string');
    },
    async createFunction(plan, functionRoot) {
      await manager.functions.createFunction({
        func: { ...functionConfig(plan), ...(plan.trigger ? { triggers: [{ name: plan.trigger.name, type: 'timer', config: plan.trigger.cron }] } : {}) },
        functionRootPath: functionRoot,
        force: false,
        deployMode: 'zip',
      });
    },
    async updateCode(plan, functionRoot) {
      await manager.functions.updateFunctionCode({ func: { ...functionConfig(plan), isWaitInstall: true }, functionRootPath: functionRoot, deployMode: 'zip' });
      await manager.functions.waitFunctionActive(plan.name);
    },
    async updateConfig(plan) {
      const { name, description, timeout, memorySize, envVariables } = functionConfig(plan);
      await manager.functions.updateFunctionConfig({ name, description, timeout, memorySize, envVariables });
      await manager.functions.waitFunctionActive(plan.name);
    },
    async createTrigger(functionName, trigger) {
      await manager.functions.createFunctionTriggers(functionName, [{ name: trigger.name, type: trigger.type, config: trigger.config }]);
    },
    async deleteTrigger(functionName, triggerName) {
      await manager.functions.deleteFunctionTrigger(functionName, triggerName);
    },
  };
}

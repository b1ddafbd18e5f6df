/**
 * The real DeployTarget (scripts/deploy/cloudbase.ts) through the real SDKs, their request
 * layers answered in-process:
 * - @cloudbase/manager-node signs and sends every Tencent Cloud API call through
 *   `CloudService.prototype.requestWithSign`; a small fake of the tcb and scf actions the
 *   target uses answers it, and records each action with its parameters;
 * - documents go through wx-server-sdk's database and the CloudBase Store adapter, answered
 *   by test/support/fakeCloudbase.
 * Every TCP connection is refused, so nothing can reach the network.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Member } from '../../core/members/types';
import { cloudbaseTarget, triggerCron } from '../../scripts/deploy/cloudbase';
import { planFromCode } from '../../scripts/deploy/plan';
import { installFakeCloudbase, type FakeCloudbase } from '../support/fakeCloudbase';

const ROOT = path.resolve(__dirname, '..', '..');
const ENV = 'xianju-1g2h3j4k';
const NAMESPACE = 'xianju-1g2h3j4k';

type Params = Record<string, unknown>;
interface Call {
  service: string;
  action: string;
  params: Params;
}

/** The slice of Tencent Cloud's tcb and scf APIs the deploy uses. */
class FakeTencentCloud {
  readonly calls: Call[] = [];
  tables = new Map<string, Array<{ Name: string; Keys: Array<{ Name: string; Direction: string }>; Unique: boolean }>>();
  rules = new Map<string, string>();
  functions = new Map<string, Params>();
  /** ZipFile of each CreateFunction / UpdateFunctionCode. */
  zips = new Map<string, Buffer>();

  handle(service: string, action: string, p: Params): Params {
    this.calls.push({ service, action, params: p });
    const fail = (Code: string, Message: string) => ({ Error: { Code, Message } });
    const key = `${service}:${action}`;
    switch (key) {
      case 'tcb:DescribeEnvInfo':
        return { EnvInfo: { EnvBaseInfo: { EnvId: ENV, Databases: [{ InstanceId: 'tnt-fake' }], Functions: [{ Namespace: NAMESPACE }], Storages: [{ AppId: '1250000000', Bucket: 'fake-1250000000' }], LogServices: [] } } };
      case 'tcb:ListTables':
        return { Tables: [...this.tables.keys()].map((TableName) => ({ TableName, Count: 0 })), Pager: { Offset: 0, Limit: 100, Total: this.tables.size } };
      case 'tcb:DescribeTable': {
        const t = this.tables.get(String(p.TableName));
        return t ? { Indexes: t, IndexNum: t.length } : fail('ResourceNotFound.TableNotExist', 'table not exist');
      }
      case 'tcb:CreateTable':
        this.tables.set(String(p.TableName), [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }]);
        return {};
      case 'tcb:UpdateTable': {
        const t = this.tables.get(String(p.TableName));
        if (!t) return fail('ResourceNotFound.TableNotExist', 'table not exist');
        for (const ix of (p.CreateIndexes as Array<{ IndexName: string; MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: Array<{ Name: string; Direction: string }> } }>) ?? []) {
          t.push({ Name: ix.IndexName, Keys: ix.MgoKeySchema.MgoIndexKeys, Unique: ix.MgoKeySchema.MgoIsUnique });
        }
        for (const d of (p.DropIndexes as Array<{ IndexName: string }>) ?? []) t.splice(t.findIndex((i) => i.Name === d.IndexName), 1);
        return {};
      }
      case 'tcb:DescribeSafeRule':
        return { AclTag: this.rules.get(String(p.CollectionName)) ?? 'PRIVATE' };
      case 'tcb:ModifySafeRule':
        this.rules.set(String(p.CollectionName), String(p.AclTag));
        return {};
      case 'tcb:ListFunctions':
        return { Functions: [...this.functions.keys()].map((FunctionName) => ({ FunctionName })), TotalCount: this.functions.size };
      case 'scf:GetFunction': {
        const f = this.functions.get(String(p.FunctionName));
        return f ? { ...f, Status: 'Active' } : fail('ResourceNotFound.FunctionName', `function ${String(p.FunctionName)} not found`);
      }
      case 'scf:CreateFunction': {
        const name = String(p.FunctionName);
        this.zips.set(name, Buffer.from(String((p.Code as Params).ZipFile), 'base64'));
        const env = (p.Environment as { Variables?: Array<{ Key: string; Value: string }> } | undefined)?.Variables ?? [];
        this.functions.set(name, { FunctionName: name, Runtime: p.Runtime, Handler: p.Handler, Timeout: p.Timeout, MemorySize: p.MemorySize, Environment: { Variables: env }, Triggers: [] });
        return {};
      }
      case 'scf:UpdateFunctionCode':
        this.zips.set(String(p.FunctionName), Buffer.from(String((p.Code as Params).ZipFile), 'base64'));
        return {};
      case 'scf:UpdateFunctionConfiguration': {
        const f = this.functions.get(String(p.FunctionName))!;
        Object.assign(f, { Timeout: p.Timeout, MemorySize: p.MemorySize, ...(p.Environment ? { Environment: p.Environment } : {}) });
        return {};
      }
      case 'scf:BatchCreateTrigger': {
        const f = this.functions.get(String(p.FunctionName))!;
        const triggers = JSON.parse(String(p.Triggers)) as Array<{ TriggerName: string; Type: string; TriggerDesc: string }>;
        // GetFunction reports a timer's cron as JSON.
        f.Triggers = [...(f.Triggers as Params[]), ...triggers.map((t) => ({ TriggerName: t.TriggerName, Type: t.Type, TriggerDesc: JSON.stringify({ cron: t.TriggerDesc }) }))];
        return {};
      }
      case 'scf:DeleteTrigger': {
        const f = this.functions.get(String(p.FunctionName))!;
        f.Triggers = (f.Triggers as Array<{ TriggerName: string }>).filter((t) => t.TriggerName !== p.TriggerName);
        return {};
      }
      default:
        return fail('UnsupportedOperation', `the fake does not answer ${key}`);
    }
  }

  actions(): string[] {
    return this.calls.map((c) => `${c.service}:${c.action}`);
  }
}

/** File names in a zip archive, from its central directory. */
function zipEntries(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    names.push(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extra + comment;
  }
  return names.sort();
}

let api: FakeTencentCloud;
let documents: FakeCloudbase;
const requestModule = require('@cloudbase/manager-node/lib/utils/cloud-api-request') as { CloudService: { prototype: { requestWithSign(this: { service: string; action: string; data: Params }): Promise<unknown> } } };
const originalRequest = requestModule.CloudService.prototype.requestWithSign;
const originalConnect = net.Socket.prototype.connect;
const connects: unknown[] = [];

beforeAll(() => {
  net.Socket.prototype.connect = function refused(this: net.Socket, ...args: unknown[]) {
    connects.push(args[0]);
    throw new Error('network is off in this test');
  } as typeof net.Socket.prototype.connect;
  requestModule.CloudService.prototype.requestWithSign = async function fake() {
    await Promise.resolve();
    return { Response: { RequestId: 'fake', ...api.handle(this.service, this.action, this.data) } };
  };
});
afterAll(() => {
  requestModule.CloudService.prototype.requestWithSign = originalRequest;
  net.Socket.prototype.connect = originalConnect;
});
beforeEach(() => {
  api = new FakeTencentCloud();
  documents = installFakeCloudbase({ collections: ['members'] });
});
afterEach(() => {
  jest.restoreAllMocks();
  documents.restore();
  expect(connects).toEqual([]);
  expect(documents.unhandledRejections).toEqual([]);
});

const target = () => cloudbaseTarget({ secretId: 'AKIDtest', secretKey: 'test-secret', envId: ENV, appId: 'wx0123456789abcdef' });
const plan = planFromCode({ variables: { AUTO_CLOSE_DAYS: '10' } });
const fn = (name: string) => plan.functions.find((f) => f.name === name)!;

describe('the CloudBase target', () => {
  it('creates a collection, its indexes and its rule with the requests CloudBase takes', async () => {
    const t = target();
    expect(await t.collections()).toEqual([]);
    await t.createCollection('items');
    await t.createIndexes('items', [{ name: 'status_1_createdAt_1', fields: ['status', 'createdAt'] }]);
    await t.setAdminOnly('items');
    expect(await t.collections()).toEqual(['items']);
    expect(await t.indexes('items')).toEqual([
      { name: '_id_', keys: [{ field: '_id', direction: '1' }], unique: true },
      { name: 'status_1_createdAt_1', keys: [{ field: 'status', direction: '1' }, { field: 'createdAt', direction: '1' }], unique: false },
    ]);
    expect(await t.rule('items')).toBe('ADMINONLY');
    await t.dropIndexes('items', ['status_1_createdAt_1']);
    expect((await t.indexes('items')).map((i) => i.name)).toEqual(['_id_']);

    const update = api.calls.find((c) => c.action === 'UpdateTable')!;
    expect(update.params).toMatchObject({ EnvId: ENV, TableName: 'items', CreateIndexes: [{ IndexName: 'status_1_createdAt_1', MgoKeySchema: { MgoIsUnique: false, MgoIndexKeys: [{ Name: 'status', Direction: '1' }, { Name: 'createdAt', Direction: '1' }] } }] });
    expect(api.calls.find((c) => c.action === 'ModifySafeRule')!.params).toEqual({ EnvId: ENV, CollectionName: 'items', AclTag: 'ADMINONLY' });
    expect(api.calls.find((c) => c.action === 'DescribeSafeRule')!.params).toEqual({ EnvId: ENV, CollectionName: 'items', WxAppId: 'wx0123456789abcdef' });
  });

  it('reads a missing function as none, and a deployed one with its settings and timer cron', async () => {
    const t = target();
    expect(await t.getFunction('reminders')).toBeUndefined();
    api.functions.set('reminders', {
      FunctionName: 'reminders', Runtime: 'Nodejs18.15', Handler: 'index.main', Timeout: 20, MemorySize: 256,
      Environment: { Variables: [{ Key: 'AUTO_CLOSE_DAYS', Value: '10' }] },
      Triggers: [{ TriggerName: 'reminders', Type: 'timer', TriggerDesc: '{"cron":"0 */15 * * * * *"}' }],
    });
    expect(await t.getFunction('reminders')).toEqual({
      name: 'reminders', runtime: 'Nodejs18.15', handler: 'index.main', timeout: 20, memory: 256,
      envVariables: { AUTO_CLOSE_DAYS: '10' }, triggers: [{ name: 'reminders', type: 'timer', config: '0 */15 * * * * *' }], status: 'Active',
    });
    expect(await t.functionNames()).toEqual(['reminders']);
  });

  it('uploads a function as its bundle, package.json and config.json, without index.ts, then sets its config and trigger', async () => {
    if (!fs.existsSync(path.join(ROOT, 'cloudfunctions', 'reminders', 'index.js'))) throw new Error('run npm run build first: the bundle is what is uploaded');
    const t = target();
    jest.spyOn(console, 'log').mockImplementation(() => undefined); // manager-node says how it uploads
    await t.createFunction(fn('reminders'), path.join(ROOT, 'cloudfunctions'));
    expect(zipEntries(api.zips.get('reminders')!)).toEqual(['config.json', 'index.js', 'package.json']);
    const create = api.calls.find((c) => c.action === 'CreateFunction')!.params;
    expect(create).toMatchObject({ FunctionName: 'reminders', Namespace: NAMESPACE, Runtime: 'Nodejs18.15', Handler: 'index.main', Timeout: 20, MemorySize: 256, InstallDependency: 'TRUE', Environment: { Variables: [{ Key: 'AUTO_CLOSE_DAYS', Value: '10' }] } });
    expect((await t.getFunction('reminders'))?.triggers).toEqual([{ name: 'reminders', type: 'timer', config: '0 */15 * * * * *' }]);

    await t.deleteTrigger('reminders', 'reminders');
    await t.createTrigger('reminders', { name: 'reminders', type: 'timer', config: '0 */5 * * * * *' });
    expect((await t.getFunction('reminders'))?.triggers).toEqual([{ name: 'reminders', type: 'timer', config: '0 */5 * * * * *' }]);

    await t.updateConfig({ ...fn('reminders'), timeout: 30 });
    expect((await t.getFunction('reminders'))?.timeout).toBe(30);
  }, 30_000);

  it('writes documents through the Store adapter on wx-server-sdk, with the same key', async () => {
    const t = target();
    await t.store.create<Member>('members', { _id: 'oAdmin_0123456789', role: 'admin', studioIds: [], name: '县委组织部', boundAt: 0 });
    expect(await t.store.count('members', { role: 'admin' })).toBe(1);
    expect(documents.collections.docs('members')).toEqual([{ _id: 'oAdmin_0123456789', rev: 1, role: 'admin', studioIds: [], name: '县委组织部', boundAt: 0 }]);
  });

  it('reads a timer cron whichever way the API reports it', () => {
    expect(triggerCron('{"cron":"0 0 2 * * * *"}')).toBe('0 0 2 * * * *');
    expect(triggerCron('0 0 2 * * * *')).toBe('0 0 2 * * * *');
  });
});

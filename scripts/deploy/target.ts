/**
 * The environment a deploy talks to, as the few operations it needs. The real one
 * (cloudbase.ts) is @cloudbase/manager-node for collections, indexes, rules and functions, and
 * the project's CloudBase Store adapter over @cloudbase/node-sdk for documents; tests use an
 * in-process fake (test/deploy/fakeTarget.ts). Nothing else in scripts/deploy touches the network.
 */
import type { Store } from '../../core/ports/store';
import type { FunctionPlan, IndexPlan } from './plan';

export interface DeployedIndex {
  name: string;
  /** Fields in order with their direction ('1' ascending, '-1' descending). */
  keys: Array<{ field: string; direction: string }>;
  unique: boolean;
}

export interface DeployedTrigger {
  name: string;
  type: string;
  /** The cron of a timer trigger. */
  config: string;
}

export interface DeployedFunction {
  name: string;
  runtime: string;
  handler: string;
  timeout: number;
  memory: number;
  envVariables: Record<string, string>;
  triggers: DeployedTrigger[];
  /** CloudBase's status: Active, Creating, UpdateFailed, … */
  status: string;
}

export interface DeployTarget {
  /** Where it deploys to, for the log (the environment id). */
  readonly name: string;

  /** Names of the collections that exist. */
  collections(): Promise<string[]>;
  createCollection(name: string): Promise<void>;
  /** The collection's indexes, `_id_` included. */
  indexes(collection: string): Promise<DeployedIndex[]>;
  /** Creates indexes in one request (CloudBase takes creations and drops in separate requests). */
  createIndexes(collection: string, indexes: IndexPlan[]): Promise<void>;
  dropIndexes(collection: string, names: string[]): Promise<void>;
  /** The collection's security rule tag (ADMINONLY, READONLY, PRIVATE, CUSTOM, …), undefined when it cannot be read. */
  rule(collection: string): Promise<string | undefined>;
  setAdminOnly(collection: string): Promise<void>;

  /** A deployed function, or undefined when there is none by that name. */
  getFunction(name: string): Promise<DeployedFunction | undefined>;
  /** Names of every deployed function. */
  functionNames(): Promise<string[]>;
  /** Creates the function from `cloudfunctions/<name>/` with its settings and trigger. */
  createFunction(plan: FunctionPlan, functionRoot: string): Promise<void>;
  /** Uploads the function's code from `cloudfunctions/<name>/`. */
  updateCode(plan: FunctionPlan, functionRoot: string): Promise<void>;
  /** Sets timeout, memory, description and environment variables. */
  updateConfig(plan: FunctionPlan): Promise<void>;
  createTrigger(functionName: string, trigger: DeployedTrigger): Promise<void>;
  deleteTrigger(functionName: string, triggerName: string): Promise<void>;

  /** Documents, through the Store port (the directory import and the first administrator). */
  readonly store: Store;
}

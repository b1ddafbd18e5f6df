/**
 * What the code wants an environment to have: collections with their indexes and security
 * rule (from COLLECTIONS in core/ports/store.ts), functions with their settings and triggers
 * (from core/functions/manifest.ts and the settings file). Plain data: `npm run deploy`
 * prints it (--dry-run), compares an environment with it (--verify) and applies it.
 */
import { COLLECTIONS } from '../../core/ports/store';
import { budgetForTimeout, FUNCTION_SPECS, HANDLER, RUNTIME, UPLOAD_IGNORE, VARIABLES, type FunctionSpec, type OpenApiPermission } from '../../core/functions/manifest';
import type { Settings } from './settings';

/** Every collection is readable and writable by the functions only (仅管理端可读写): the mini-program never reads the database. */
export const COLLECTION_RULE = 'ADMINONLY';

export interface IndexPlan {
  /** Derived from the fields (`studioId_1_status_1_createdAt_1`, MongoDB's default naming). */
  name: string;
  /** Fields in index order, all ascending; never unique. */
  fields: string[];
}

export interface CollectionPlan {
  name: string;
  indexes: IndexPlan[];
  rule: typeof COLLECTION_RULE;
}

export interface TriggerPlan {
  name: string;
  type: 'timer';
  cron: string;
  means: string;
}

export interface FunctionPlan {
  name: string;
  kind: 'callable' | 'timer';
  description: string;
  runtime: string;
  handler: string;
  timeout: number;
  memory: number;
  installDependency: true;
  ignore: string[];
  openapi: OpenApiPermission[];
  /** Variables with a value in the settings file: what the function's environment holds. */
  envVariables: Record<string, string>;
  /** Variables it reads that the settings leave unset (the code's default applies). */
  unset: string[];
  trigger?: TriggerPlan;
  /** Timers: how long a run keeps starting new work (ms), from the timeout. */
  budgetMs?: number;
}

export interface VariablePlan {
  name: string;
  value?: string;
  fallback: string;
  about: string;
  functions: string[];
}

export interface DeployPlan {
  collections: CollectionPlan[];
  functions: FunctionPlan[];
  variables: VariablePlan[];
}

/** MongoDB's default index name: `field_1` per ascending field, joined by `_`. */
export function indexName(fields: readonly string[]): string {
  return fields.map((f) => `${f.replace(/[^A-Za-z0-9_]/g, '_')}_1`).join('_');
}

/** What the plan is made from: the code's manifest and COLLECTIONS (tests pass variants). */
export interface CodeModel {
  specs: Readonly<Record<string, FunctionSpec>>;
  collections: Readonly<Record<string, ReadonlyArray<ReadonlyArray<string>>>>;
}

export const CODE: CodeModel = { specs: FUNCTION_SPECS, collections: COLLECTIONS };

/** The plan of the code, with the settings' variable values. */
export function planFromCode(settings: Pick<Settings, 'variables'>, code: CodeModel = CODE): DeployPlan {
  const specs = code.specs;
  const collections = Object.entries(code.collections).map(([name, indexes]): CollectionPlan => ({
    name,
    indexes: (indexes as ReadonlyArray<ReadonlyArray<string>>).map((fields) => ({ name: indexName(fields), fields: [...fields] })),
    rule: COLLECTION_RULE,
  }));
  const functions = Object.entries(specs).map(([name, spec]): FunctionPlan => {
    const envVariables: Record<string, string> = {};
    const unset: string[] = [];
    for (const v of spec.env) {
      const value = settings.variables[v];
      if (value) envVariables[v] = value;
      else unset.push(v);
    }
    return {
      name,
      kind: spec.kind,
      description: spec.description,
      runtime: RUNTIME,
      handler: HANDLER,
      timeout: spec.timeout,
      memory: spec.memory,
      installDependency: true,
      ignore: [...UPLOAD_IGNORE],
      openapi: [...spec.openapi],
      envVariables,
      unset,
      ...(spec.kind === 'timer'
        ? { trigger: { name: spec.trigger.name, type: 'timer' as const, cron: spec.trigger.cron, means: spec.trigger.means }, budgetMs: budgetForTimeout(spec.timeout) }
        : {}),
    };
  });
  const variables = Object.entries(VARIABLES).map(([name, def]): VariablePlan => ({
    name,
    ...(settings.variables[name] ? { value: settings.variables[name] } : {}),
    fallback: def.fallback,
    about: def.about,
    functions: functions.filter((f) => specs[f.name].env.includes(name)).map((f) => f.name),
  }));
  return { collections, functions, variables };
}

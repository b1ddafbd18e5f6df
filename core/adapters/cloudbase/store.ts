/**
 * The Store on the CloudBase (WeChat cloud development) database, through the database object
 * that `cloud.database()` from `wx-server-sdk` returns.
 *
 * core/ must not load wx-server-sdk, so the slice of its database API used here is described
 * by the structural interfaces below (`cloud.database()` satisfies `CloudDatabase` as it is);
 * every answer from the SDK is `unknown` and narrowed here.
 *
 * How the port maps onto CloudBase:
 * - get: `where({_id}).limit(1).get()` (an empty list, not the SDK's "does not exist" error).
 * - create: `add({data})` with our `_id`; a taken id is reported by the service as an error,
 *   which wx-server-sdk turns into a generic errCode -501001, so a failed add is confirmed
 *   by looking the id up before it becomes DuplicateId.
 * - update: a compare-and-swap `where({_id, _v: expected}).update(...)` that sets every field
 *   of the new document (objects through `command.set` so they replace instead of merging),
 *   removes the fields the new document lacks, and bumps `_v`; 0 updated means VersionConflict.
 * - countBy: `aggregate().match().group({_id: {k0: $ifNull['$field', null], ...}, count: $sum(1)})`,
 *   so a missing field groups with null.
 * - transaction: `startTransaction()`, then `doc()`/`add()` operations only; update reads the
 *   document in the transaction, compares `_v` and replaces the document with `set`. A write
 *   conflict reported by the service (on an operation or on commit) becomes VersionConflict.
 *   The SDK's own retry (runTransaction re-runs the callback on conflict) is not used: callers
 *   decide whether to retry, as with SQLite.
 */
import {
  DEFAULT_LIMIT,
  DuplicateId,
  MAX_LIMIT,
  VersionConflict,
  type Condition,
  type Filter,
  type FindOptions,
  type GroupCount,
  type NewDoc,
  type Scalar,
  type Store,
  type StoredDoc,
  type TransactionOps,
} from '../../ports/store';

// ---------------------------------------------------------------------------------------------
// The slice of the wx-server-sdk database API this adapter uses. Results are `unknown` on
// purpose: the SDK's own typings return `Promise<X> | void | string`, and we check shapes.

export interface CloudCommand {
  eq(value: unknown): unknown;
  neq(value: unknown): unknown;
  in(values: unknown[]): unknown;
  lt(value: unknown): unknown;
  lte(value: unknown): unknown;
  gt(value: unknown): unknown;
  gte(value: unknown): unknown;
  and(...conditions: unknown[]): unknown;
  all(values: unknown[]): unknown;
  set(value: unknown): unknown;
  remove(): unknown;
  aggregate: {
    sum(value: unknown): unknown;
    ifNull(value: unknown): unknown;
  };
}

export interface CloudQuery {
  where(condition: Record<string, unknown>): CloudQuery;
  orderBy(fieldPath: string, order: string): CloudQuery;
  skip(offset: number): CloudQuery;
  limit(max: number): CloudQuery;
  get(): unknown;
  count(): unknown;
  update(options: { data: Record<string, unknown> }): unknown;
}

export interface CloudDocument {
  get(): unknown;
  set(options: { data: Record<string, unknown> }): unknown;
  remove(): unknown;
}

export interface CloudAggregate {
  match(condition: unknown): CloudAggregate;
  group(group: unknown): CloudAggregate;
  limit(max: unknown): CloudAggregate;
  end(): unknown;
}

export interface CloudCollection extends CloudQuery {
  doc(id: string): CloudDocument;
  add(options: { data: Record<string, unknown> }): unknown;
  aggregate(): CloudAggregate;
}

/** What `cloud.database()` returns, as far as this adapter is concerned. */
export interface CloudDatabase {
  readonly command: CloudCommand;
  collection(name: string): CloudCollection;
  startTransaction(): Promise<unknown>;
}

/** A transaction from `startTransaction()` (checked at run time). */
interface CloudTransaction {
  collection(name: string): { doc(id: string): CloudDocument; add(options: { data: Record<string, unknown> }): unknown };
  commit(): unknown;
  rollback(reason?: unknown): unknown;
}

// ---------------------------------------------------------------------------------------------
// Narrowing the SDK's answers.

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown, what: string): Json {
  if (!isRecord(value)) throw new Error(`CloudBase: unexpected answer for ${what}: ${describe(value)}`);
  return value;
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`CloudBase: expected a list for ${what}: ${describe(value)}`);
  return value;
}

function num(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`CloudBase: expected a number for ${what}: ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function isTransaction(value: unknown): value is CloudTransaction {
  return (
    isRecord(value) &&
    typeof value.collection === 'function' &&
    typeof value.commit === 'function' &&
    typeof value.rollback === 'function'
  );
}

/** A stored document as read back: `_id` a string and `_v` an integer, or it is not ours. */
function toDoc<T extends StoredDoc>(value: unknown, collection: string): T {
  const doc = record(value, `a document of ${collection}`);
  if (typeof doc._id !== 'string' || typeof doc._v !== 'number' || !Number.isInteger(doc._v)) {
    throw new Error(`CloudBase: ${collection} holds a document without a string _id and integer _v: ${describe(doc)}`);
  }
  return doc as unknown as T;
}

function toScalar(value: unknown, field: string): Scalar {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new Error(`CloudBase: countBy on ${field} met a non-scalar value ${describe(value)}`);
}

/** All text an SDK error carries (wx-server-sdk keeps the service's message in message/errMsg). */
function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (!isRecord(error) && !(error instanceof Error)) return String(error);
  const e = error as Json;
  return [e.code, e.errCode, e.message, e.errMsg].filter((x) => x !== undefined).join(' ');
}

/** The service's write conflict inside a transaction (DATABASE_TRANSACTION_CONFLICT). */
function isConflictError(error: unknown): boolean {
  if (error instanceof DuplicateId || error instanceof VersionConflict) return false;
  return /conflict/i.test(errorText(error));
}

/** The service's duplicate key (DATABASE_DUPLICATE_WRITE, Mongo's E11000). */
function isDuplicateError(error: unknown): boolean {
  if (error instanceof DuplicateId || error instanceof VersionConflict) return false;
  return /duplicate|E11000/i.test(errorText(error));
}

/** wx-server-sdk's own rejection for `doc(id).get()` of a missing document. */
function isNotFoundError(error: unknown): boolean {
  return /document with _id .* does not exist/.test(errorText(error));
}

// ---------------------------------------------------------------------------------------------
// Documents and filters.

/** Drops `undefined` (the SDK drops it too), keeps everything else as given. */
function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : clean(v)));
  if (isRecord(value)) {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = clean(v);
    return out;
  }
  return value;
}

/** The caller's fields without `_id`/`_v` (the store's), cleaned. */
function body(doc: object): Json {
  const { _id: _ignoredId, _v: _ignoredV, ...rest } = doc as Json;
  return clean(rest) as Json;
}

function stored<T extends StoredDoc>(id: string, version: number, fields: Json): T {
  return { _id: id, ...fields, _v: version } as unknown as T;
}

function hasCondition(where: Filter | undefined): where is Filter {
  return where !== undefined && Object.keys(where).length > 0;
}

function toQuery(_: CloudCommand, where: Filter): Json {
  const query: Json = {};
  for (const [field, condition] of Object.entries(where) as Array<[string, Condition | undefined]>) {
    if (condition === undefined) continue;
    if (condition === null || typeof condition !== 'object') {
      query[field] = _.eq(condition);
      continue;
    }
    const parts: unknown[] = [];
    if (condition.eq !== undefined) parts.push(_.eq(condition.eq));
    if (condition.ne !== undefined) parts.push(_.neq(condition.ne));
    if (condition.in !== undefined) parts.push(_.in([...condition.in]));
    if (condition.lt !== undefined) parts.push(_.lt(condition.lt));
    if (condition.lte !== undefined) parts.push(_.lte(condition.lte));
    if (condition.gt !== undefined) parts.push(_.gt(condition.gt));
    if (condition.gte !== undefined) parts.push(_.gte(condition.gte));
    // Mongo's $exists counts a stored null as present; the port's `exists` does not.
    if (condition.exists !== undefined) parts.push(condition.exists ? _.neq(null) : _.eq(null));
    if (condition.has !== undefined) parts.push(_.all([condition.has]));
    if (parts.length === 0) continue;
    query[field] = parts.length === 1 ? parts[0] : _.and(...parts);
  }
  return query;
}

// ---------------------------------------------------------------------------------------------

export function createCloudBaseStore(db: CloudDatabase): Store {
  const _ = db.command;

  async function findById(collection: string, id: string): Promise<Json | null> {
    const res = record(await db.collection(collection).where({ _id: id }).limit(1).get(), 'get');
    const data = list(res.data, 'get');
    return data.length ? record(data[0], 'get') : null;
  }

  async function get<T extends StoredDoc>(collection: string, id: string): Promise<T | null> {
    const doc = await findById(collection, id);
    return doc ? toDoc<T>(doc, collection) : null;
  }

  async function create<T extends StoredDoc>(collection: string, doc: NewDoc<T>): Promise<T> {
    const id = doc._id;
    const fields = body(doc);
    try {
      await db.collection(collection).add({ data: { _id: id, ...fields, _v: 1 } });
    } catch (error) {
      if (isDuplicateError(error) || (await findById(collection, id).catch(() => null)) !== null) {
        throw new DuplicateId(collection, id);
      }
      throw error;
    }
    return stored<T>(id, 1, fields);
  }

  async function update<T extends StoredDoc>(
    collection: string,
    id: string,
    expectedVersion: number,
    doc: NewDoc<T>,
  ): Promise<T> {
    const current = await findById(collection, id);
    if (!current || current._v !== expectedVersion) throw new VersionConflict(collection, id);
    const fields = body(doc);
    const data: Json = {};
    for (const [k, v] of Object.entries(fields)) data[k] = _.set(v);
    for (const k of Object.keys(current)) {
      if (k !== '_id' && k !== '_v' && !(k in fields)) data[k] = _.remove();
    }
    data._v = expectedVersion + 1;
    const res = record(
      await db.collection(collection).where({ _id: id, _v: expectedVersion }).update({ data }),
      'update',
    );
    const updated = num(record(res.stats, 'update').updated, 'update');
    if (updated !== 1) throw new VersionConflict(collection, id);
    return stored<T>(id, expectedVersion + 1, fields);
  }

  async function remove(collection: string, id: string): Promise<void> {
    await db.collection(collection).doc(id).remove();
  }

  async function find<T extends StoredDoc>(collection: string, options: FindOptions = {}): Promise<T[]> {
    const limit = Math.min(options.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
    if (limit <= 0) return [];
    let query: CloudQuery = db.collection(collection);
    if (hasCondition(options.where)) query = query.where(toQuery(_, options.where));
    for (const [field, direction] of options.orderBy ?? []) query = query.orderBy(field, direction);
    if (options.skip) query = query.skip(options.skip);
    query = query.limit(limit);
    const res = record(await query.get(), 'find');
    return list(res.data, 'find').map((d) => toDoc<T>(d, collection));
  }

  async function count(collection: string, where?: Filter): Promise<number> {
    let query: CloudQuery = db.collection(collection);
    if (hasCondition(where)) query = query.where(toQuery(_, where));
    return num(record(await query.count(), 'count').total, 'count');
  }

  async function countBy(collection: string, fields: string[], where?: Filter): Promise<GroupCount[]> {
    const $ = _.aggregate;
    const key: Json = {};
    fields.forEach((field, i) => {
      key[`k${i}`] = $.ifNull([`$${field}`, null]);
    });
    let pipeline = db.collection(collection).aggregate();
    if (hasCondition(where)) pipeline = pipeline.match(toQuery(_, where));
    pipeline = pipeline.group({ _id: key, count: $.sum(1) }).limit(MAX_LIMIT);
    const res = record(await pipeline.end(), 'countBy');
    return list(res.list, 'countBy').map((row) => {
      const r = record(row, 'countBy');
      const id = isRecord(r._id) ? r._id : {};
      return {
        key: Object.fromEntries(fields.map((field, i) => [field, toScalar(id[`k${i}`], field)])),
        count: num(r.count, 'countBy'),
      };
    });
  }

  /** `written` collects the documents the transaction writes, to name one in a commit conflict. */
  function transactionOps(tx: CloudTransaction, written: Array<[string, string]>): TransactionOps {
    async function txGet(collection: string, id: string): Promise<Json | null> {
      let res: unknown;
      try {
        res = await tx.collection(collection).doc(id).get();
      } catch (error) {
        if (isNotFoundError(error)) return null;
        if (isConflictError(error)) throw new VersionConflict(collection, id);
        throw error;
      }
      const data = record(res, 'transaction get').data;
      if (data === null || data === undefined) return null;
      return record(Array.isArray(data) ? (data[0] ?? null) : data, 'transaction get');
    }

    /** Runs a write; the service's conflict (or duplicate) becomes the port's error. */
    async function write(collection: string, id: string, op: () => unknown): Promise<void> {
      written.push([collection, id]);
      try {
        await op();
      } catch (error) {
        if (isConflictError(error)) throw new VersionConflict(collection, id);
        if (isDuplicateError(error)) throw new DuplicateId(collection, id);
        throw error;
      }
    }

    return {
      async get<T extends StoredDoc>(collection: string, id: string): Promise<T | null> {
        const doc = await txGet(collection, id);
        return doc ? toDoc<T>(doc, collection) : null;
      },
      async create<T extends StoredDoc>(collection: string, doc: NewDoc<T>): Promise<T> {
        const id = doc._id;
        if ((await txGet(collection, id)) !== null) throw new DuplicateId(collection, id);
        const fields = body(doc);
        await write(collection, id, () => tx.collection(collection).add({ data: { _id: id, ...fields, _v: 1 } }));
        return stored<T>(id, 1, fields);
      },
      async update<T extends StoredDoc>(
        collection: string,
        id: string,
        expectedVersion: number,
        doc: NewDoc<T>,
      ): Promise<T> {
        const current = await txGet(collection, id);
        if (!current || current._v !== expectedVersion) throw new VersionConflict(collection, id);
        const fields = body(doc);
        const data = { ...fields, _v: expectedVersion + 1 };
        // `set` replaces the whole document; the service reports a concurrent change as a conflict.
        await write(collection, id, () => tx.collection(collection).doc(id).set({ data }));
        return stored<T>(id, expectedVersion + 1, fields);
      },
      async remove(collection: string, id: string): Promise<void> {
        await write(collection, id, () => tx.collection(collection).doc(id).remove());
      },
    };
  }

  async function transaction<R>(work: (tx: TransactionOps) => Promise<R>): Promise<R> {
    const tx = await db.startTransaction();
    if (!isTransaction(tx)) throw new Error(`CloudBase: startTransaction gave ${describe(tx)}`);
    const rollback = async (): Promise<void> => {
      try {
        await tx.rollback();
      } catch {
        // the service may already have aborted it (after a conflict)
      }
    };
    const written: Array<[string, string]> = [];
    let result: R;
    try {
      result = await work(transactionOps(tx, written));
    } catch (error) {
      await rollback();
      throw error;
    }
    try {
      await tx.commit();
    } catch (error) {
      await rollback();
      if (isConflictError(error)) {
        const [collection, id] = written[0] ?? ['(transaction)', '(commit)'];
        throw new VersionConflict(collection, id);
      }
      throw error;
    }
    return result;
  }

  return { get, create, update, remove, find, count, countBy, transaction };
}

/**
 * The Store on the CloudBase (WeChat cloud development) database, through the database object
 * that `cloud.database()` from `wx-server-sdk` returns.
 *
 * core/ must not load wx-server-sdk, so the slice of its database API used here is described
 * by the structural interfaces below (`cloud.database()` satisfies `CloudDatabase` as it is);
 * every answer from the SDK is `unknown` and narrowed here.
 *
 * How the port maps onto CloudBase:
 * - The port's version `_v` is stored in the field `rev`: CloudBase's field names are letters,
 *   digits, `_` and `.`, at most 32 characters, and may not start with `_`, `/` or `.`
 *   (cloud.tencent.com/document/faq/876/18436, "数据库文档 field 格式有何限制"); `_id` and
 *   `_openid` are the service's own. Documents written before the rename carry `_v`: they are
 *   read as they are and get `rev` at their next update (`migrateVersionField` does the rest).
 *   `rev` is therefore reserved: a caller's document may not have a field of that name.
 * - get: `where({_id}).limit(1).get()` (an empty list, not the SDK's "does not exist" error).
 * - create: `add({data})` with our `_id`; a taken id is reported by the service as an error,
 *   which wx-server-sdk turns into a generic errCode -501001, so a failed add is confirmed
 *   by looking the id up before it becomes DuplicateId.
 * - update: one compare-and-swap `where({_id, rev: expected}).update(...)` that sets every
 *   field of the new document (objects through `command.set` so they replace instead of
 *   merging), removes the fields the stored version has and the new document lacks, and bumps
 *   `rev`; 0 updated means VersionConflict. Which fields the stored version has is known from
 *   the last time this store read or wrote that version (`Shapes`: an update follows a read of
 *   the document in practice, so no second read is sent); only a version this store never saw
 *   is read first.
 * - countBy: `aggregate().match().group({_id: {k0: $ifNull['$field', null], ...}, count: $sum(1)})`,
 *   so a missing field groups with null.
 * - transaction: `startTransaction()`, then `doc()`/`add()` operations only. The transaction
 *   remembers every document it read or wrote (its snapshot plus its own writes, which is what
 *   a second read would answer), so update compares the version with what it already holds and
 *   replaces the document with `set`, and create of an id it saw absent goes straight to `add`;
 *   only a document the transaction has not seen is read first. A write conflict reported by
 *   the service (on an operation or on commit) becomes VersionConflict. The SDK's own retry
 *   (runTransaction re-runs the callback on conflict) is not used: callers decide whether to
 *   retry, as with SQLite.
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
  exists(value: boolean): unknown;
  set(value: unknown): unknown;
  inc(value: number): unknown;
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
  /** `db.RegExp({regexp, options})`: a regular-expression condition (the port's `contains`). */
  RegExp(options: { regexp: string; options: string }): unknown;
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

/** The stored field holding the port's `_v`. */
const REV = 'rev';
/** Where documents written before the rename keep their version. */
const LEGACY_REV = '_v';

/** What a stored document says of itself: its version, where that is kept, its caller fields. */
interface Shape {
  version: number;
  /** The version is still in `_v` (written before the rename). */
  legacy: boolean;
  /** The caller's field names (everything but `_id` and the version). */
  fields: string[];
}

function shapeOf(doc: Json, collection: string): Shape {
  const rev = doc[REV];
  const legacy = rev === undefined && doc[LEGACY_REV] !== undefined;
  const version = legacy ? doc[LEGACY_REV] : rev;
  if (typeof doc._id !== 'string' || typeof version !== 'number' || !Number.isInteger(version)) {
    throw new Error(`CloudBase: ${collection} holds a document without a string _id and integer ${REV}: ${describe(doc)}`);
  }
  return { version, legacy, fields: Object.keys(doc).filter((k) => k !== '_id' && k !== REV && k !== LEGACY_REV) };
}

/** A stored document as the port gives it: the version as `_v`, the stored `rev` not among its fields. */
function toDoc<T extends StoredDoc>(value: unknown, collection: string): T {
  const doc = record(value, `a document of ${collection}`);
  const { version } = shapeOf(doc, collection);
  const { _id, [REV]: _rev, [LEGACY_REV]: _legacy, ...fields } = doc;
  return { _id, ...fields, _v: version } as unknown as T;
}

/**
 * The field names of the document versions this store last read or wrote, so an update knows
 * which fields to remove without reading the document again. A version's fields never change
 * (every write bumps the version), so an entry is right for as long as the version is current;
 * the most recent entries are kept. Only names are kept, never values.
 */
class Shapes {
  private readonly entries = new Map<string, Shape>();
  constructor(private readonly max = 2000) {}

  private static key(collection: string, id: string): string {
    return `${collection}\u0000${id}`;
  }

  remember(collection: string, id: string, shape: Shape): void {
    const key = Shapes.key(collection, id);
    this.entries.delete(key);
    this.entries.set(key, shape);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** The shape of `version` of the document, if that is the version this store last saw. */
  of(collection: string, id: string, version: number): Shape | undefined {
    const shape = this.entries.get(Shapes.key(collection, id));
    return shape?.version === version ? shape : undefined;
  }

  forget(collection: string, id: string): void {
    this.entries.delete(Shapes.key(collection, id));
  }
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
function body(doc: object, collection: string): Json {
  const { _id: _ignoredId, _v: _ignoredV, ...rest } = doc as Json;
  if (REV in rest) throw new Error(`CloudBase: ${collection}/${String(_ignoredId)}: the field "${REV}" is the store's version and cannot be written`);
  return clean(rest) as Json;
}

function stored<T extends StoredDoc>(id: string, version: number, fields: Json): T {
  return { _id: id, ...fields, _v: version } as unknown as T;
}

/** The stored field a port field name means: the version is `rev`. */
const storedField = (field: string): string => (field === '_v' ? REV : field);

function hasCondition(where: Filter | undefined): where is Filter {
  return where !== undefined && Object.keys(where).length > 0;
}

function toQuery(db: Pick<CloudDatabase, 'command' | 'RegExp'>, where: Filter): Json {
  const _ = db.command;
  const query: Json = {};
  for (const [field, condition] of Object.entries(where) as Array<[string, Condition | undefined]>) {
    if (condition === undefined) continue;
    if (condition === null || typeof condition !== 'object') {
      query[storedField(field)] = _.eq(condition);
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
    if (condition.contains !== undefined) parts.push(db.RegExp({ regexp: condition.contains.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' }));
    if (parts.length === 0) continue;
    query[storedField(field)] = parts.length === 1 ? parts[0] : _.and(...parts);
  }
  return query;
}

// ---------------------------------------------------------------------------------------------

export function createCloudBaseStore(db: CloudDatabase): Store {
  const _ = db.command;
  const shapes = new Shapes();

  async function findById(collection: string, id: string): Promise<Json | null> {
    const res = record(await db.collection(collection).where({ _id: id }).limit(1).get(), 'get');
    const data = list(res.data, 'get');
    return data.length ? record(data[0], 'get') : null;
  }

  /** A document as read: remembered, then given in the port's shape. */
  function seen<T extends StoredDoc>(collection: string, raw: unknown): T {
    const doc = record(raw, `a document of ${collection}`);
    shapes.remember(collection, String(doc._id), shapeOf(doc, collection));
    return toDoc<T>(doc, collection);
  }

  async function get<T extends StoredDoc>(collection: string, id: string): Promise<T | null> {
    const doc = await findById(collection, id);
    return doc ? seen<T>(collection, doc) : null;
  }

  async function create<T extends StoredDoc>(collection: string, doc: NewDoc<T>): Promise<T> {
    const id = doc._id;
    const fields = body(doc, collection);
    try {
      await db.collection(collection).add({ data: { _id: id, ...fields, [REV]: 1 } });
    } catch (error) {
      if (isDuplicateError(error) || (await findById(collection, id).catch(() => null)) !== null) {
        throw new DuplicateId(collection, id);
      }
      throw error;
    }
    shapes.remember(collection, id, { version: 1, legacy: false, fields: Object.keys(fields) });
    return stored<T>(id, 1, fields);
  }

  async function update<T extends StoredDoc>(
    collection: string,
    id: string,
    expectedVersion: number,
    doc: NewDoc<T>,
  ): Promise<T> {
    const fields = body(doc, collection);
    let shape = shapes.of(collection, id, expectedVersion);
    if (!shape) {
      // A version this store has not seen: read it to learn which fields to remove.
      const current = await findById(collection, id);
      shape = current ? shapeOf(current, collection) : undefined;
      if (!shape || shape.version !== expectedVersion) throw new VersionConflict(collection, id);
    }
    const data: Json = {};
    for (const [k, v] of Object.entries(fields)) data[k] = _.set(v);
    for (const k of shape.fields) if (!(k in fields)) data[k] = _.remove();
    if (shape.legacy) data[LEGACY_REV] = _.remove();
    data[REV] = expectedVersion + 1;
    const versionField = shape.legacy ? LEGACY_REV : REV;
    let updated: number;
    try {
      const res = record(await db.collection(collection).where({ _id: id, [versionField]: expectedVersion }).update({ data }), 'update');
      updated = num(record(res.stats, 'update').updated, 'update');
    } catch (error) {
      shapes.forget(collection, id);
      throw error;
    }
    if (updated !== 1) {
      shapes.forget(collection, id);
      throw new VersionConflict(collection, id);
    }
    shapes.remember(collection, id, { version: expectedVersion + 1, legacy: false, fields: Object.keys(fields) });
    return stored<T>(id, expectedVersion + 1, fields);
  }

  async function remove(collection: string, id: string): Promise<void> {
    shapes.forget(collection, id);
    await db.collection(collection).doc(id).remove();
  }

  async function find<T extends StoredDoc>(collection: string, options: FindOptions = {}): Promise<T[]> {
    const limit = Math.min(options.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
    if (limit <= 0) return [];
    let query: CloudQuery = db.collection(collection);
    if (hasCondition(options.where)) query = query.where(toQuery(db, options.where));
    for (const [field, direction] of options.orderBy ?? []) query = query.orderBy(storedField(field), direction);
    if (options.skip) query = query.skip(options.skip);
    query = query.limit(limit);
    const res = record(await query.get(), 'find');
    return list(res.data, 'find').map((d) => seen<T>(collection, d));
  }

  /**
   * One `where(...).update()` over every match: the fields set and the version incremented
   * by the service. Documents still holding their version in the legacy `_v` move to `rev`
   * one by one (found in the same round), so that no version ever goes back.
   */
  async function updateWhere(collection: string, where: Filter, set: Record<string, unknown>): Promise<number> {
    const fields = body(set, collection);
    if (Object.keys(fields).length === 0) return 0;
    const data: Json = {};
    for (const [k, v] of Object.entries(fields)) data[k] = _.set(v);
    const filter = hasCondition(where) ? toQuery(db, where) : {};
    const [res, legacy] = await Promise.all([
      db.collection(collection).where({ ...filter, [REV]: _.exists(true) }).update({ data: { ...data, [REV]: _.inc(1) } }),
      legacyMatches(collection, filter),
    ]);
    let updated = num(record(record(res, 'updateWhere').stats, 'updateWhere').updated, 'updateWhere');
    for (const doc of legacy) {
      const id = String(doc._id);
      const version = doc[LEGACY_REV];
      if (typeof version !== 'number') continue;
      const r = record(
        await db.collection(collection).where({ _id: id, [LEGACY_REV]: version }).update({ data: { ...data, [REV]: version + 1, [LEGACY_REV]: _.remove() } }),
        'updateWhere',
      );
      updated += num(record(r.stats, 'updateWhere').updated, 'updateWhere');
    }
    return updated;
  }

  async function legacyMatches(collection: string, filter: Json): Promise<Json[]> {
    const res = record(await db.collection(collection).where({ ...filter, [REV]: _.exists(false) }).limit(MAX_LIMIT).get(), 'updateWhere');
    return list(res.data, 'updateWhere').map((d) => record(d, 'updateWhere'));
  }

  async function count(collection: string, where?: Filter): Promise<number> {
    let query: CloudQuery = db.collection(collection);
    if (hasCondition(where)) query = query.where(toQuery(db, where));
    return num(record(await query.count(), 'count').total, 'count');
  }

  async function countBy(collection: string, fields: string[], where?: Filter): Promise<GroupCount[]> {
    const $ = _.aggregate;
    const key: Json = {};
    fields.forEach((field, i) => {
      key[`k${i}`] = $.ifNull([`$${storedField(field)}`, null]);
    });
    let pipeline = db.collection(collection).aggregate();
    if (hasCondition(where)) pipeline = pipeline.match(toQuery(db, where));
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

  /**
   * `held` is every document the transaction has read or written, as it now sees it (null:
   * absent): its snapshot plus its own writes, which is what reading again would answer.
   * `written` lists what it writes, to name one in a commit conflict.
   */
  function transactionOps(tx: CloudTransaction, held: Map<string, { collection: string; id: string; doc: Json | null }>, written: Array<[string, string]>): TransactionOps {
    const key = (collection: string, id: string) => `${collection}\u0000${id}`;
    const hold = (collection: string, id: string, doc: Json | null) => held.set(key(collection, id), { collection, id, doc });

    async function txGet(collection: string, id: string): Promise<Json | null> {
      const known = held.get(key(collection, id));
      if (known) return known.doc;
      let res: unknown;
      try {
        res = await tx.collection(collection).doc(id).get();
      } catch (error) {
        if (isNotFoundError(error)) {
          hold(collection, id, null);
          return null;
        }
        if (isConflictError(error)) throw new VersionConflict(collection, id);
        throw error;
      }
      const data = record(res, 'transaction get').data;
      const doc = data === null || data === undefined ? null : Array.isArray(data) ? (data[0] ?? null) : data;
      const found = doc === null ? null : record(doc, 'transaction get');
      if (found) shapeOf(found, collection); // a document that is not ours fails here, not later
      hold(collection, id, found);
      return found;
    }

    /** Runs a write; the service's conflict (or duplicate) becomes the port's error. */
    async function write(collection: string, id: string, op: () => unknown): Promise<void> {
      written.push([collection, id]);
      try {
        await op();
      } catch (error) {
        held.delete(key(collection, id)); // what the service holds now is unknown
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
        const fields = body(doc, collection);
        if ((await txGet(collection, id)) !== null) throw new DuplicateId(collection, id);
        const data = { _id: id, ...fields, [REV]: 1 };
        await write(collection, id, () => tx.collection(collection).add({ data }));
        hold(collection, id, data);
        return stored<T>(id, 1, fields);
      },
      async update<T extends StoredDoc>(
        collection: string,
        id: string,
        expectedVersion: number,
        doc: NewDoc<T>,
      ): Promise<T> {
        const fields = body(doc, collection);
        const current = await txGet(collection, id);
        if (!current || shapeOf(current, collection).version !== expectedVersion) throw new VersionConflict(collection, id);
        const data = { ...fields, [REV]: expectedVersion + 1 };
        // `set` replaces the whole document; the service reports a concurrent change as a conflict.
        await write(collection, id, () => tx.collection(collection).doc(id).set({ data }));
        hold(collection, id, { _id: id, ...data });
        return stored<T>(id, expectedVersion + 1, fields);
      },
      async remove(collection: string, id: string): Promise<void> {
        await write(collection, id, () => tx.collection(collection).doc(id).remove());
        hold(collection, id, null);
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
    const held = new Map<string, { collection: string; id: string; doc: Json | null }>();
    const written: Array<[string, string]> = [];
    let result: R;
    try {
      result = await work(transactionOps(tx, held, written));
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
    // Committed: what the transaction held is now what is stored.
    for (const { collection, id, doc } of held.values()) {
      if (doc) shapes.remember(collection, id, shapeOf(doc, collection));
      else shapes.forget(collection, id);
    }
    return result;
  }

  return { get, create, update, remove, find, count, countBy, updateWhere, transaction };
}

/**
 * The one-off migration of the version field: documents written before the rename keep their
 * version in `_v`; this moves it to `rev` in every given collection (the adapter reads both, so
 * it may run while the functions serve). Each document moves by a compare-and-swap on its `_v`,
 * so a concurrent update, which moves the document itself, is never undone. Returns how many
 * documents moved per collection. `scripts/migrate-cloudbase-rev.ts` runs it on an environment.
 */
export async function migrateVersionField(
  db: CloudDatabase,
  collections: readonly string[],
  options: { pageSize?: number } = {},
): Promise<Record<string, number>> {
  const _ = db.command;
  const pageSize = Math.min(options.pageSize ?? MAX_LIMIT, MAX_LIMIT);
  const moved: Record<string, number> = {};
  for (const collection of collections) {
    moved[collection] = 0;
    const tried = new Set<string>();
    for (;;) {
      const res = record(await db.collection(collection).where({ [LEGACY_REV]: _.exists(true) }).limit(pageSize).get(), 'migrate');
      const docs = list(res.data, 'migrate').map((d) => record(d, 'migrate'));
      if (docs.length === 0) break;
      const fresh = docs.filter((d) => !tried.has(String(d._id)));
      if (fresh.length === 0) {
        throw new Error(`CloudBase: cannot move the version of ${collection}/${docs.map((d) => String(d._id)).join(', ')}`);
      }
      for (let i = 0; i < fresh.length; i += 10) {
        await Promise.all(
          fresh.slice(i, i + 10).map(async (doc) => {
            const id = String(doc._id);
            tried.add(id);
            const version = doc[LEGACY_REV];
            if (typeof version !== 'number' || !Number.isInteger(version)) return;
            const r = record(
              await db.collection(collection).where({ _id: id, [LEGACY_REV]: version }).update({ data: { [REV]: version, [LEGACY_REV]: _.remove() } }),
              'migrate',
            );
            if (num(record(r.stats, 'migrate').updated, 'migrate') === 1) moved[collection]++;
          }),
        );
      }
    }
  }
  return moved;
}

/**
 * The REAL wx-server-sdk database, answered in-process.
 *
 * Every database call of wx-server-sdk goes through
 * `TcbDBApiHttpRequester.prototype.send(action, params)` of the @cloudbase/node-sdk copy it
 * loads (wx-server-sdk pins its own nested 3.17.2). `installFakeCloudbase()` replaces that
 * method with an evaluator over in-memory collections: queries arrive as MongoDB Extended
 * JSON strings, are parsed with `bson`'s EJSON and evaluated with `mingo`, and the answer has
 * the shape the SDK reads for each action. Errors are answered the way the service answers
 * them, `{code, message, requestId}` passed through node-sdk's own `processReturn`, so the SDK
 * throws its own TcbError and wx-server-sdk wraps it exactly as in production.
 *
 * Actions (read from node_modules/@cloudbase/database, the query builder both node-sdk copies use):
 *   database.getDocument      {collectionName, query?, queryType: WHERE|DOC, order?, offset?, limit, projection?, transactionId?}
 *                             → {data: {list: [ejson...]}}
 *   database.calculateDocument {collectionName, query?} → {data: {total}}
 *   database.insertDocument   {collectionName, data: [ejson...], transactionId?} → {data: {insertedIds}}
 *   database.modifyDocument   {collectionName, query, queryType, data: ejson, multi, merge, upsert, transactionId?}
 *                             merge:false is doc().set (replace, upsert), merge:true carries update operators
 *                             → {data: {updated, upsert_id?}}
 *   database.removeDocument   {collectionName, query, queryType, multi, transactionId?} → {data: {deleted}}
 *   database.aggregateDocuments {collectionName, stages: [{stageKey, stageValue: json}]} → {data: {list: [ejson...]}}
 *   database.startTransaction → {transactionId}; database.commitTransaction / abortTransaction {transactionId} → {}
 *   database.addCollection    {collectionName}
 * Transactions use the ordinary document actions with a `transactionId` (the SDK's older
 * getInTransaction/updateDocInTransaction actions are not used by this SDK version).
 *
 * Transactions behave like MongoDB's (CloudBase's document database): each reads a snapshot
 * taken at its first operation, plus its own writes. A transactional write to a document that another
 * transaction has written and not yet finished, or that anything committed a change to since
 * this transaction began, aborts the transaction with DATABASE_TRANSACTION_CONFLICT; commit
 * checks again (a plain write may have landed in between). Reads alone never conflict (snapshot
 * isolation, as in the service); `conflictOnRead: true` makes commit also fail when a document
 * the transaction read has changed (stricter than the service, for experiments).
 *
 * No request can reach the network: unknown actions throw, and node-sdk's generic
 * `tcbapirequester.request` (storage, functions, openapi...) is replaced by a loud rejection.
 * While installed, an `unhandledRejection` listener records (and prints) any rejection nobody
 * awaited, so the SDK's un-awaited promises cannot crash the process.
 */
import * as path from 'path';
import { EJSON } from 'bson';
import { aggregate as mingoAggregate, find as mingoFind, update as mingoUpdate } from 'mingo';
import cloud = require('wx-server-sdk');
import type { CloudDatabase } from '../../core/adapters/cloudbase/store';

type Doc = Record<string, unknown>;

export interface FakeCloudbaseOptions {
  /**
   * The collections that exist. The service fails on a collection nobody created
   * (DATABASE_COLLECTION_NOT_EXIST); without this list any name exists on first use.
   */
  collections?: readonly string[];
  /** Also fail a commit when a document the transaction only read changed meanwhile (stricter than the service). */
  conflictOnRead?: boolean;
  /** Milliseconds every request waits before it is answered (a network round trip); 0 by default. */
  latencyMs?: number;
  /**
   * Refuse writes whose field names break CloudBase's documented rule (on by default): letters,
   * digits, `_` and `.`, at most 32 characters, not starting with `_`, `/` or `.`
   * (cloud.tencent.com/document/faq/876/18436); `_id` and `_openid` are the service's own.
   * Whether the service itself refuses them is not documented; the rule is, so the fake holds
   * the code to it.
   */
  fieldNameRule?: boolean;
}

export interface FakeRequest {
  action: string;
  params: unknown;
}

export interface FakeCollections {
  /** Names of the collections that exist. */
  names(): string[];
  /** The committed documents of a collection (copies), in natural order. */
  docs(collection: string): Doc[];
  /** Puts documents straight into a collection (no SDK, no versions): for seeding. */
  put(collection: string, docs: Doc[]): void;
  /** Transactions started and not yet committed or aborted. */
  openTransactions(): number;
}

export interface FakeCloudbase {
  /** `cloud.database()` of the real wx-server-sdk, answered in-process. */
  readonly db: CloudDatabase;
  readonly collections: FakeCollections;
  /** Every request the SDK made, in order. */
  readonly requests: FakeRequest[];
  /**
   * Sequential rounds so far: a round is a batch of requests started before any of them was
   * answered (requests sent together with Promise.all are one round; one after another, one
   * round each). What a user waits for is rounds × the round trip.
   */
  readonly rounds: number;
  /** Requests sent and not yet answered. */
  readonly inFlight: number;
  /** The simulated round trip of every request from now on, in milliseconds (settable). */
  latencyMs: number;
  /** Empties the request log and the round counter, keeping the data. */
  resetCounters(): void;
  /** Rejections nobody awaited while installed (should stay empty). */
  readonly unhandledRejections: unknown[];
  /** Empties all collections, transactions, the request log and the round counter. */
  reset(): void;
  /** Puts the SDK's request layer back. */
  restore(): void;
}

// ---------------------------------------------------------------------------------------------
// Loading the node-sdk copy wx-server-sdk uses.

interface RequesterClass {
  prototype: { send: (this: unknown, action: string, params?: unknown) => Promise<unknown> };
}
interface NodeSdkCopy {
  /** `lookupAppId` asks metadata.tencentyun.com whether we run in Tencent Cloud: answered "no". */
  metadata: Record<string, unknown>;
  requester: RequesterClass;
  apiModule: Record<string, unknown>;
  processReturn: (result: Doc) => unknown;
}

function isRecord(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function loadCopy(requesterPath: string): NodeSdkCopy {
  const dbModule: unknown = require(requesterPath);
  const metadata: unknown = require(path.join(path.dirname(requesterPath), 'metadata.js'));
  const apiModule: unknown = require(path.join(path.dirname(requesterPath), 'tcbapirequester.js'));
  const utils: unknown = require(path.join(path.dirname(requesterPath), 'utils.js'));
  if (!isRecord(dbModule) || typeof dbModule.TcbDBApiHttpRequester !== 'function') {
    throw new Error(`fakeCloudbase: no TcbDBApiHttpRequester in ${requesterPath}`);
  }
  if (!isRecord(apiModule) || typeof apiModule.request !== 'function') {
    throw new Error(`fakeCloudbase: no request() next to ${requesterPath}`);
  }
  if (!isRecord(utils) || typeof utils.processReturn !== 'function') {
    throw new Error(`fakeCloudbase: no processReturn() next to ${requesterPath}`);
  }
  if (!isRecord(metadata) || typeof metadata.lookupAppId !== 'function') {
    throw new Error(`fakeCloudbase: no lookupAppId() next to ${requesterPath}`);
  }
  return {
    metadata,
    requester: dbModule.TcbDBApiHttpRequester as RequesterClass,
    apiModule,
    processReturn: utils.processReturn as (result: Doc) => unknown,
  };
}

const REQUESTER = '@cloudbase/node-sdk/dist/utils/tcbdbapirequester';

/** The copy wx-server-sdk loads first; the top-level copy too if it is a different file. */
function nodeSdkCopies(): NodeSdkCopy[] {
  const wxDir = path.dirname(require.resolve('wx-server-sdk'));
  const paths = [require.resolve(REQUESTER, { paths: [wxDir] })];
  try {
    const topLevel = require.resolve(REQUESTER);
    if (!paths.includes(topLevel)) paths.push(topLevel);
  } catch {
    // no top-level copy
  }
  return paths.map(loadCopy);
}

// ---------------------------------------------------------------------------------------------
// The in-memory service.

/** An error the service answers with `{code, message}`. */
class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// The service's codes (docs.cloudbase.net/error-code). The message texts are ours: the
// adapter must not depend on them beyond "conflict" / "duplicate".
const conflict = (collection: string, id: string): ServiceError =>
  new ServiceError(
    'DATABASE_TRANSACTION_CONFLICT',
    `[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others (${collection}/${id}).`,
  );
const duplicate = (collection: string, id: string): ServiceError =>
  new ServiceError(
    'DATABASE_DUPLICATE_WRITE',
    `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
  );
const badRequest = (message: string): ServiceError => new ServiceError('INVALID_PARAM', message);

const SYSTEM_FIELDS = new Set(['_id', '_openid']);
const FIELD_NAME = /^[A-Za-z0-9][A-Za-z0-9_]*$/;

/** Field names (at any depth; paths of update operators) that break the documented rule. */
function badFieldNames(value: unknown, prefix = '', top = true): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => badFieldNames(v, prefix, false));
  if (!isRecord(value) || value instanceof Date) return [];
  const bad: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (!(top && SYSTEM_FIELDS.has(k)) && (!FIELD_NAME.test(k) || path.length > 32)) bad.push(path);
    bad.push(...badFieldNames(v, path, false));
  }
  return bad;
}

interface Version {
  seq: number;
  doc: Doc | null;
}

interface Write {
  collection: string;
  id: string;
  doc: Doc | null;
}

interface Transaction {
  id: string;
  /** The snapshot: fixed by the transaction's first operation, as in MongoDB. */
  startSeq: number | undefined;
  state: 'active' | 'committed' | 'aborted';
  abortedByConflict: boolean;
  writes: Map<string, Write>;
  reads: Set<string>;
}

const keyOf = (collection: string, id: string): string => `${collection}\u0000${id}`;

function randomHex(length: number): string {
  let s = '';
  while (s.length < length) s += Math.floor(Math.random() * 16).toString(16);
  return s;
}

function ejsonParse(text: unknown, what: string): unknown {
  if (typeof text !== 'string') throw badRequest(`${what} must be an EJSON string`);
  return nativeRegExps(EJSON.parse(text, { relaxed: true }));
}

/** `db.RegExp(...)` arrives as a BSON regular expression; mingo evaluates native ones. */
function nativeRegExps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nativeRegExps);
  if (isRecord(value)) {
    if (value._bsontype === 'BSONRegExp' && typeof value.pattern === 'string') {
      return new RegExp(value.pattern, typeof value.options === 'string' ? value.options.replace(/[^gimsuy]/g, '') : '');
    }
    for (const k of Object.keys(value)) value[k] = nativeRegExps(value[k]);
  }
  return value;
}

function ejsonDoc(text: unknown, what: string): Doc {
  const value = ejsonParse(text, what);
  if (!isRecord(value)) throw badRequest(`${what} must be an object`);
  return value;
}

function toEjson(doc: Doc): string {
  return EJSON.stringify(doc, { relaxed: false });
}

function str(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw badRequest(`${what} is required`);
  return value;
}

function docId(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw badRequest(`_id must be a string or number, got ${JSON.stringify(value)}`);
}

class FakeService {
  private seq = 0;
  private txCounter = 0;
  private readonly data = new Map<string, Map<string, Version[]>>();
  private readonly locks = new Map<string, string>();
  private readonly transactions = new Map<string, Transaction>();

  constructor(private readonly options: FakeCloudbaseOptions) {
    this.reset();
  }

  reset(): void {
    this.seq = 0;
    this.data.clear();
    this.locks.clear();
    this.transactions.clear();
    for (const name of this.options.collections ?? []) this.data.set(name, new Map());
  }

  // ----- storage

  private collection(name: string, create = true): Map<string, Version[]> {
    let c = this.data.get(name);
    if (!c) {
      if (this.options.collections || !create) {
        throw new ServiceError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`);
      }
      c = new Map();
      this.data.set(name, c);
    }
    return c;
  }

  private latest(collection: string, id: string): Version | undefined {
    const history = this.collection(collection).get(id);
    return history?.[history.length - 1];
  }

  private at(collection: string, id: string, seq: number): Doc | null {
    const history = this.collection(collection).get(id) ?? [];
    for (let i = history.length - 1; i >= 0; i--) if (history[i].seq <= seq) return history[i].doc;
    return null;
  }

  private current(collection: string): Doc[] {
    const out: Doc[] = [];
    for (const history of this.collection(collection).values()) {
      const doc = history[history.length - 1].doc;
      if (doc) out.push(doc);
    }
    return out;
  }

  private commitWrites(writes: Iterable<Write>): void {
    const seq = ++this.seq;
    for (const w of writes) {
      const c = this.collection(w.collection);
      const history = c.get(w.id) ?? [];
      history.push({ seq, doc: w.doc ? structuredClone(w.doc) : null });
      c.set(w.id, history);
    }
  }

  names(): string[] {
    return [...this.data.keys()];
  }

  docs(collection: string): Doc[] {
    return this.data.has(collection) ? this.current(collection).map((d) => structuredClone(d)) : [];
  }

  put(collection: string, docs: Doc[]): void {
    this.collection(collection);
    this.commitWrites(docs.map((d) => ({ collection, id: docId(d._id), doc: d })));
  }

  openTransactions(): number {
    return [...this.transactions.values()].filter((t) => t.state === 'active').length;
  }

  // ----- transactions

  private tx(params: Doc): Transaction | undefined {
    if (params.transactionId === undefined) return undefined;
    const id = str(params.transactionId, 'transactionId');
    const tx = this.transactions.get(id);
    if (!tx) throw new ServiceError('DATABASE_REQUEST_FAILED', `transaction ${id} not found`);
    if (tx.state === 'aborted' && tx.abortedByConflict) throw conflict('transaction', id);
    if (tx.state !== 'active') throw new ServiceError('DATABASE_REQUEST_FAILED', `transaction ${id} is ${tx.state}`);
    return tx;
  }

  private abort(tx: Transaction, byConflict: boolean): void {
    if (tx.state !== 'active') return;
    tx.state = 'aborted';
    tx.abortedByConflict = byConflict;
    for (const key of tx.writes.keys()) if (this.locks.get(key) === tx.id) this.locks.delete(key);
  }

  private snapshot(tx: Transaction): number {
    tx.startSeq ??= this.seq;
    return tx.startSeq;
  }

  /** The document as the transaction sees it: its snapshot, then its own writes. */
  private txRead(tx: Transaction, collection: string, id: string): Doc | null {
    const key = keyOf(collection, id);
    tx.reads.add(key);
    const own = tx.writes.get(key);
    if (own) return own.doc;
    this.collection(collection);
    return this.at(collection, id, this.snapshot(tx));
  }

  /** A transactional write: conflicts abort the whole transaction, as in the service. */
  private txWrite(tx: Transaction, collection: string, id: string, doc: Doc | null): void {
    const key = keyOf(collection, id);
    const holder = this.locks.get(key);
    const changed = (this.latest(collection, id)?.seq ?? 0) > this.snapshot(tx);
    if ((holder !== undefined && holder !== tx.id) || changed) {
      this.abort(tx, true);
      throw conflict(collection, id);
    }
    this.locks.set(key, tx.id);
    tx.writes.set(key, { collection, id, doc });
  }

  private txSingleId(params: Doc, query: Doc): string {
    if (params.queryType !== 'DOC' || Object.keys(query).length !== 1 || query._id === undefined) {
      throw new ServiceError(
        'DATABASE_INVALID_OPERRATOR',
        'a transaction allows single-document operations (doc(id)) only',
      );
    }
    return docId(query._id);
  }

  // ----- actions

  handle(action: string, raw: unknown): Doc {
    const params: Doc = isRecord(raw) ? raw : {};
    switch (action) {
      case 'database.getDocument':
        return this.getDocument(params);
      case 'database.calculateDocument':
        return this.calculateDocument(params);
      case 'database.insertDocument':
        return this.insertDocument(params);
      case 'database.modifyDocument':
        return this.modifyDocument(params);
      case 'database.removeDocument':
        return this.removeDocument(params);
      case 'database.aggregateDocuments':
        return this.aggregateDocuments(params);
      case 'database.startTransaction':
        return this.startTransaction();
      case 'database.commitTransaction':
        return this.commitTransaction(params);
      case 'database.abortTransaction':
        return this.abortTransaction(params);
      case 'database.addCollection': {
        const name = str(params.collectionName, 'collectionName');
        if (this.data.has(name)) throw new ServiceError('DATABASE_REQUEST_FAILED', `collection ${name} exists`);
        this.data.set(name, new Map());
        return {};
      }
      default:
        throw new Error(
          `fakeCloudbase: the SDK sent "${action}", which the fake does not answer; ` +
            `no real request is made. Params: ${JSON.stringify(raw)}`,
        );
    }
  }

  private getDocument(params: Doc): Doc {
    const collection = str(params.collectionName, 'collectionName');
    const query = params.query === undefined ? {} : ejsonDoc(params.query, 'query');
    const tx = this.tx(params);
    if (tx) {
      const id = this.txSingleId(params, query);
      const doc = this.txRead(tx, collection, id);
      return { data: { list: doc ? [toEjson(doc)] : [] } };
    }
    const projection = params.projection === undefined ? undefined : ejsonDoc(params.projection, 'projection');
    let cursor = mingoFind(this.current(collection), query, projection);
    if (params.order !== undefined) {
      const order = ejsonDoc(params.order, 'order');
      const sort: Record<string, 1 | -1> = {};
      for (const [field, dir] of Object.entries(order)) sort[field] = dir === -1 ? -1 : 1;
      cursor = cursor.sort(sort);
    }
    const offset = typeof params.offset === 'number' ? params.offset : 0;
    if (offset) cursor = cursor.skip(offset);
    const limit = typeof params.limit === 'number' && params.limit > 0 ? Math.min(params.limit, 1000) : 100;
    const list = cursor.limit(limit).all() as Doc[];
    return { data: { list: list.map(toEjson) } };
  }

  private calculateDocument(params: Doc): Doc {
    const collection = str(params.collectionName, 'collectionName');
    const query = params.query === undefined ? {} : ejsonDoc(params.query, 'query');
    return { data: { total: mingoFind(this.current(collection), query).all().length } };
  }

  /** CloudBase's rule for field names, on what a write stores. */
  private checkFieldNames(doc: Doc): void {
    this.rejectFieldNames(badFieldNames(doc));
  }

  private rejectFieldNames(bad: string[]): void {
    if (this.options.fieldNameRule === false || bad.length === 0) return;
    throw badRequest(`field names must be letters, digits and _, at most 32 characters, not starting with _: ${bad.join(', ')}`);
  }

  private insertDocument(params: Doc): Doc {
    const collection = str(params.collectionName, 'collectionName');
    if (!Array.isArray(params.data) || params.data.length === 0) throw badRequest('data must be a non-empty list');
    const docs = params.data.map((d) => {
      const doc = ejsonDoc(d, 'data');
      this.checkFieldNames(doc);
      doc._id = doc._id === undefined ? randomHex(32) : docId(doc._id);
      return doc;
    });
    const ids = docs.map((d) => docId(d._id));
    const tx = this.tx(params);
    if (tx) {
      for (const doc of docs) {
        const id = docId(doc._id);
        if (this.txRead(tx, collection, id)) {
          this.abort(tx, false); // a write error aborts a MongoDB transaction
          throw duplicate(collection, id);
        }
        this.txWrite(tx, collection, id, doc);
      }
      return { data: { insertedIds: ids } };
    }
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id) || this.latest(collection, id)?.doc) throw duplicate(collection, id);
      seen.add(id);
    }
    this.commitWrites(docs.map((doc) => ({ collection, id: docId(doc._id), doc })));
    return { data: { insertedIds: ids } };
  }

  /** The new document for a modify: `merge` applies update operators, otherwise `data` replaces. */
  private modified(current: Doc | null, id: string, data: Doc, merge: boolean): Doc {
    const operators = Object.keys(data).filter((k) => k.startsWith('$'));
    if (merge) {
      if (operators.length !== Object.keys(data).length) throw badRequest('update data must hold update operators only');
      // What an operator writes (every operator but $unset, whose fields are going away).
      for (const op of operators) {
        if (op === '$unset' || !isRecord(data[op])) continue;
        for (const [path, v] of Object.entries(data[op] as Doc)) {
          const parts = path.split('.');
          const badPath = path.length > 32 || parts.some((p, i) => !(i === 0 && SYSTEM_FIELDS.has(p)) && !/^\d+$/.test(p) && !FIELD_NAME.test(p));
          this.rejectFieldNames([...(badPath ? [path] : []), ...badFieldNames(v, path, false)]);
        }
      }
      const doc = structuredClone(current ?? { _id: id });
      mingoUpdate(doc, data);
      return doc;
    }
    if (operators.length) throw badRequest('set data must not hold update operators');
    if ('_id' in data) throw badRequest('_id cannot be changed');
    this.checkFieldNames(data);
    return { _id: id, ...structuredClone(data) };
  }

  private modifyDocument(params: Doc): Doc {
    const collection = str(params.collectionName, 'collectionName');
    const query = params.query === undefined ? {} : ejsonDoc(params.query, 'query');
    const data = ejsonDoc(params.data, 'data');
    const merge = params.merge === true;
    const upsert = params.upsert === true;
    const tx = this.tx(params);
    if (tx) {
      const id = this.txSingleId(params, query);
      const current = this.txRead(tx, collection, id);
      if (!current && !upsert) return { data: { updated: 0 } };
      const next = this.modified(current, id, data, merge);
      this.txWrite(tx, collection, id, next);
      if (!current) return { data: { updated: 0, upsert_id: id } };
      return { data: { updated: toEjson(current) === toEjson(next) ? 0 : 1 } };
    }
    let matched = mingoFind(this.current(collection), query).all() as Doc[];
    if (params.multi === false) matched = matched.slice(0, 1);
    if (matched.length === 0) {
      if (!upsert) return { data: { updated: 0 } };
      const id = query._id === undefined ? randomHex(32) : docId(query._id);
      this.commitWrites([{ collection, id, doc: this.modified(null, id, data, merge) }]);
      return { data: { updated: 0, upsert_id: id } };
    }
    const writes: Write[] = [];
    for (const current of matched) {
      const id = docId(current._id);
      const next = this.modified(current, id, data, merge);
      if (toEjson(current) !== toEjson(next)) writes.push({ collection, id, doc: next });
    }
    if (writes.length) this.commitWrites(writes);
    return { data: { updated: writes.length } };
  }

  private removeDocument(params: Doc): Doc {
    const collection = str(params.collectionName, 'collectionName');
    const query = params.query === undefined ? {} : ejsonDoc(params.query, 'query');
    const tx = this.tx(params);
    if (tx) {
      const id = this.txSingleId(params, query);
      if (!this.txRead(tx, collection, id)) return { data: { deleted: 0 } };
      this.txWrite(tx, collection, id, null);
      return { data: { deleted: 1 } };
    }
    let matched = mingoFind(this.current(collection), query).all() as Doc[];
    if (params.multi === false) matched = matched.slice(0, 1);
    if (matched.length) this.commitWrites(matched.map((d) => ({ collection, id: docId(d._id), doc: null })));
    return { data: { deleted: matched.length } };
  }

  private aggregateDocuments(params: Doc): Doc {
    const collection = str(params.collectionName, 'collectionName');
    if (!Array.isArray(params.stages)) throw badRequest('stages must be a list');
    const pipeline = params.stages.map((stage: unknown) => {
      if (!isRecord(stage)) throw badRequest('bad stage');
      return { [str(stage.stageKey, 'stageKey')]: ejsonParse(stage.stageValue, 'stageValue') };
    });
    const list = mingoAggregate(this.current(collection), pipeline) as Doc[];
    return { data: { list: list.map(toEjson) } };
  }

  private startTransaction(): Doc {
    const id = `fake-tx-${++this.txCounter}-${randomHex(8)}`;
    this.transactions.set(id, {
      id,
      startSeq: undefined,
      state: 'active',
      abortedByConflict: false,
      writes: new Map(),
      reads: new Set(),
    });
    return { transactionId: id };
  }

  private commitTransaction(params: Doc): Doc {
    const tx = this.tx(params);
    if (!tx) throw badRequest('transactionId is required');
    const checked = this.options.conflictOnRead ? new Set([...tx.writes.keys(), ...tx.reads]) : tx.writes.keys();
    for (const key of checked) {
      const [collection, id] = key.split('\u0000');
      if ((this.latest(collection, id)?.seq ?? 0) > this.snapshot(tx)) {
        this.abort(tx, true);
        throw conflict(collection, id);
      }
    }
    if (tx.writes.size) this.commitWrites(tx.writes.values());
    for (const key of tx.writes.keys()) this.locks.delete(key);
    tx.state = 'committed';
    return {};
  }

  private abortTransaction(params: Doc): Doc {
    const id = str(params.transactionId, 'transactionId');
    const tx = this.transactions.get(id);
    if (!tx) throw new ServiceError('DATABASE_REQUEST_FAILED', `transaction ${id} not found`);
    if (tx.state === 'committed') throw new ServiceError('DATABASE_REQUEST_FAILED', `transaction ${id} is committed`);
    this.abort(tx, tx.abortedByConflict);
    return {};
  }
}

// ---------------------------------------------------------------------------------------------

let installed: FakeCloudbase | undefined;

/**
 * Makes `cloud.database()` of the real wx-server-sdk work against in-memory collections.
 * Call `restore()` when done (afterAll); one installation at a time.
 */
export function installFakeCloudbase(options: FakeCloudbaseOptions = {}): FakeCloudbase {
  if (installed) throw new Error('fakeCloudbase is already installed: restore() it first');
  const service = new FakeService(options);
  const requests: FakeRequest[] = [];
  const unhandledRejections: unknown[] = [];
  const copies = nodeSdkCopies();
  const undo: Array<() => void> = [];
  let requestCounter = 0;
  let latencyMs = options.latencyMs ?? 0;
  // A round opens with the first request sent after an answer, and closes at the next answer.
  let rounds = 0;
  let roundOpen = false;
  let inFlight = 0;

  for (const copy of copies) {
    const originalLookup = copy.metadata.lookupAppId;
    copy.metadata.lookupAppId = async () => '';
    undo.push(() => {
      copy.metadata.lookupAppId = originalLookup;
    });
    const proto = copy.requester.prototype;
    const originalSend = proto.send;
    const processReturn = copy.processReturn;
    proto.send = async function fakeSend(action: string, params?: unknown): Promise<unknown> {
      requests.push({ action, params });
      if (!roundOpen) {
        rounds++;
        roundOpen = true;
      }
      inFlight++;
      const requestId = `fake-${++requestCounter}`;
      try {
        // Let other callers run first, as a round trip would.
        if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
        else {
          await Promise.resolve();
          await Promise.resolve();
        }
        let answer: Doc;
        try {
          answer = service.handle(action, params);
        } catch (error) {
          if (error instanceof ServiceError) {
            // node-sdk throws its TcbError here (or returns the body in compatibility mode).
            return processReturn({ code: error.code, message: error.message, requestId });
          }
          throw error;
        }
        return { ...answer, requestId };
      } finally {
        inFlight--;
        roundOpen = false;
      }
    };
    undo.push(() => {
      proto.send = originalSend;
    });

    const originalRequest = copy.apiModule.request;
    copy.apiModule.request = async (args: unknown): Promise<never> => {
      const action = isRecord(args) && isRecord(args.params) ? String(args.params.action) : '?';
      throw new Error(`fakeCloudbase: a real CloudBase request ("${action}") was attempted and blocked`);
    };
    undo.push(() => {
      copy.apiModule.request = originalRequest;
    });
  }

  const onUnhandled = (reason: unknown): void => {
    unhandledRejections.push(reason);
    console.error('fakeCloudbase: unhandled rejection (recorded, not fatal):', reason);
  };
  process.on('unhandledRejection', onUnhandled);
  undo.push(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  cloud.init({ env: 'test' });
  const db: CloudDatabase = cloud.database();

  const fake: FakeCloudbase = {
    db,
    requests,
    unhandledRejections,
    get rounds() {
      return rounds;
    },
    get inFlight() {
      return inFlight;
    },
    get latencyMs() {
      return latencyMs;
    },
    set latencyMs(ms: number) {
      latencyMs = ms;
    },
    resetCounters: () => {
      requests.length = 0;
      rounds = 0;
    },
    collections: {
      names: () => service.names(),
      docs: (collection) => service.docs(collection),
      put: (collection, docs) => service.put(collection, docs),
      openTransactions: () => service.openTransactions(),
    },
    reset: () => {
      service.reset();
      requests.length = 0;
      rounds = 0;
    },
    restore: () => {
      for (const u of undo.reverse()) u();
      undo.length = 0;
      installed = undefined;
    },
  };
  installed = fake;
  return fake;
}

import Database from 'better-sqlite3';
import {
  COLLECTIONS,
  DEFAULT_LIMIT,
  DuplicateId,
  MAX_LIMIT,
  VersionConflict,
  type Condition,
  type Filter,
  type FindOptions,
  type NewDoc,
  type Scalar,
  type Store,
  type StoredDoc,
  type TransactionOps,
} from '../../ports/store';

/**
 * The Store on SQLite (better-sqlite3): one table per collection holding the JSON document,
 * with an expression index on `json_extract(doc, '$.field')` for every index in COLLECTIONS.
 *
 * better-sqlite3 is synchronous, but the port is async: a transaction's work awaits between
 * its operations. All operations therefore pass through one queue, so nothing from another
 * caller runs inside an open transaction.
 */
export type SqliteStore = Store & { close(): void; readonly db: Database.Database };

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Every field an index names is a VIRTUAL generated column (`f_<field>`) of its table, and
 * the indexes are on those columns: queries that name the columns can then be answered from
 * an index alone (covering), which an index on a json_extract expression does not allow.
 */
const INDEXED: Record<string, Set<string>> = Object.fromEntries(
  Object.entries(COLLECTIONS).map(([c, ix]) => [c, new Set((ix as ReadonlyArray<ReadonlyArray<string>>).flat())]),
);

const generatedName = (field: string) => `"f_${field.replace(/\./g, '__')}"`;

function column(field: string, collection: string): string {
  if (field === '_id') return 'id';
  if (field === '_v') return 'v';
  if (!FIELD.test(field)) throw new Error(`bad field name ${field}`);
  if (INDEXED[collection]?.has(field)) return generatedName(field);
  return `json_extract(doc, '$.${field}')`;
}

function table(collection: string): string {
  if (!Object.prototype.hasOwnProperty.call(COLLECTIONS, collection)) {
    throw new Error(`unknown collection ${collection}`);
  }
  return `"c_${collection}"`;
}

/** SQLite stores JSON booleans as 1/0: compare them that way. */
function sqlValue(value: Scalar | number | string): string | number | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function whereClause(collection: string, where: Filter | undefined): { sql: string; params: Array<string | number | null> } {
  const parts: string[] = [];
  const params: Array<string | number | null> = [];
  for (const [field, cond] of Object.entries(where ?? {})) {
    const col = column(field, collection);
    if (cond === null) {
      parts.push(`${col} IS NULL`);
      continue;
    }
    if (typeof cond !== 'object') {
      parts.push(`${col} = ?`);
      params.push(sqlValue(cond));
      continue;
    }
    const c: Exclude<Condition, Scalar> = cond;
    if (c.eq !== undefined) {
      if (c.eq === null) parts.push(`${col} IS NULL`);
      else {
        parts.push(`${col} = ?`);
        params.push(sqlValue(c.eq));
      }
    }
    if (c.ne !== undefined) {
      if (c.ne === null) parts.push(`${col} IS NOT NULL`);
      else {
        parts.push(`(${col} IS NULL OR ${col} <> ?)`);
        params.push(sqlValue(c.ne));
      }
    }
    if (c.in !== undefined) {
      if (c.in.length === 0) parts.push('0');
      else {
        const nonNull = c.in.filter((v) => v !== null);
        const alts: string[] = [];
        if (nonNull.length) {
          alts.push(`${col} IN (${nonNull.map(() => '?').join(', ')})`);
          params.push(...nonNull.map(sqlValue));
        }
        if (nonNull.length < c.in.length) alts.push(`${col} IS NULL`);
        parts.push(alts.length === 1 ? alts[0] : `(${alts.join(' OR ')})`);
      }
    }
    for (const [op, sqlOp] of [
      ['lt', '<'],
      ['lte', '<='],
      ['gt', '>'],
      ['gte', '>='],
    ] as const) {
      const v = c[op];
      if (v !== undefined) {
        parts.push(`${col} ${sqlOp} ?`);
        params.push(v);
      }
    }
    if (c.exists !== undefined) parts.push(`${col} IS ${c.exists ? 'NOT ' : ''}NULL`);
    if (c.contains !== undefined) {
      parts.push(`instr(lower(${col}), lower(?)) > 0`);
      params.push(c.contains);
    }
    if (c.has !== undefined) {
      // Array membership is not indexable here; `has` filters collections that are small per query.
      if (!FIELD.test(field)) throw new Error(`bad field name ${field}`);
      parts.push(`EXISTS (SELECT 1 FROM json_each(doc, '$.${field}') WHERE value = ?)`);
      params.push(sqlValue(c.has));
    }
  }
  return { sql: parts.length ? ` WHERE ${parts.join(' AND ')}` : '', params };
}

interface Row {
  id: string;
  v: number;
  doc: string;
}

function fromRow<T extends StoredDoc>(row: Row): T {
  return { ...(JSON.parse(row.doc) as object), _id: row.id, _v: row.v } as T;
}

function toJson(doc: object): string {
  const { _id: _ignoredId, _v: _ignoredV, ...rest } = doc as Record<string, unknown>;
  return JSON.stringify(rest);
}

/** Opens (and creates if needed) a SQLite store at `filename` (':memory:' for tests). */
export function createSqliteStore(filename: string): SqliteStore {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Indexes on json_extract expressions from before the generated columns: replaced by gx_ ones.
  for (const { name } of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix\\_%' ESCAPE '\\'`).all() as Array<{ name: string }>) {
    db.exec(`DROP INDEX "${name}"`);
  }
  for (const [collection, indexes] of Object.entries(COLLECTIONS)) {
    const t = table(collection);
    db.exec(`CREATE TABLE IF NOT EXISTS ${t} (id TEXT PRIMARY KEY, v INTEGER NOT NULL, doc TEXT NOT NULL)`);
    const existing = new Set((db.prepare(`PRAGMA table_xinfo(${t})`).all() as Array<{ name: string }>).map((c) => `"${c.name}"`));
    for (const field of INDEXED[collection]) {
      const col = generatedName(field);
      if (!existing.has(col)) db.exec(`ALTER TABLE ${t} ADD COLUMN ${col} GENERATED ALWAYS AS (json_extract(doc, '$.${field}')) VIRTUAL`);
    }
    for (const fields of indexes as ReadonlyArray<ReadonlyArray<string>>) {
      const name = `"gx_${collection}_${fields.join('_').replace(/\./g, '_')}"`;
      db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${t} (${fields.map((f) => column(f, collection)).join(', ')})`);
    }
  }

  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };

  const ops: TransactionOps = {
    async get<T extends StoredDoc>(collection: string, id: string) {
      const row = prepare(`SELECT id, v, doc FROM ${table(collection)} WHERE id = ?`).get(id) as Row | undefined;
      return row ? fromRow<T>(row) : null;
    },
    async create<T extends StoredDoc>(collection: string, doc: NewDoc<T>) {
      const r = prepare(`INSERT OR IGNORE INTO ${table(collection)} (id, v, doc) VALUES (?, 1, ?)`).run(doc._id, toJson(doc));
      if (r.changes === 0) throw new DuplicateId(collection, doc._id);
      return { ...doc, _v: 1 } as T;
    },
    async update<T extends StoredDoc>(collection: string, id: string, expectedVersion: number, doc: NewDoc<T>) {
      const r = prepare(`UPDATE ${table(collection)} SET v = v + 1, doc = ? WHERE id = ? AND v = ?`).run(
        toJson(doc),
        id,
        expectedVersion,
      );
      if (r.changes === 0) throw new VersionConflict(collection, id);
      return { ...doc, _id: id, _v: expectedVersion + 1 } as T;
    },
    async remove(collection: string, id: string) {
      prepare(`DELETE FROM ${table(collection)} WHERE id = ?`).run(id);
    },
  };

  // One queue for every operation: see the comment at the top.
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <R>(work: () => Promise<R>): Promise<R> => {
    const run = tail.then(work, work);
    tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };

  return {
    db,
    close: () => db.close(),
    get: (c, id) => exclusive(() => ops.get(c, id)),
    create: (c, doc) => exclusive(() => ops.create(c, doc)),
    update: (c, id, v, doc) => exclusive(() => ops.update(c, id, v, doc)),
    remove: (c, id) => exclusive(() => ops.remove(c, id)),
    find: <T extends StoredDoc>(collection: string, options: FindOptions = {}) =>
      exclusive(async () => {
        const { sql, params } = whereClause(collection, options.where);
        const order = (options.orderBy ?? []).map(([f, d]) => `${column(f, collection)} ${d === 'desc' ? 'DESC' : 'ASC'}`);
        const limit = Math.min(options.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
        const rows = prepare(
          `SELECT id, v, doc FROM ${table(collection)}${sql}${order.length ? ` ORDER BY ${order.join(', ')}` : ''} LIMIT ? OFFSET ?`,
        ).all(...params, limit, options.skip ?? 0) as Row[];
        return rows.map((r) => fromRow<T>(r));
      }),
    updateWhere: (collection, where, set) =>
      exclusive(async () => {
        const entries = Object.entries(set);
        if (entries.length === 0) return 0;
        for (const [field] of entries) if (!FIELD.test(field) || field.includes('.')) throw new Error(`updateWhere: ${field} is not a top-level field`);
        const { sql, params } = whereClause(collection, where);
        const assignments = entries.map(([field]) => `'$.${field}', json(?)`).join(', ');
        const r = prepare(`UPDATE ${table(collection)} SET v = v + 1, doc = json_set(doc, ${assignments})${sql}`).run(
          ...entries.map(([, value]) => JSON.stringify(value ?? null)),
          ...params,
        );
        return r.changes;
      }),
    count: (collection, where) =>
      exclusive(async () => {
        const { sql, params } = whereClause(collection, where);
        const row = prepare(`SELECT count(*) AS n FROM ${table(collection)}${sql}`).get(...params) as { n: number };
        return row.n;
      }),
    countBy: (collection, fields, where) =>
      exclusive(async () => {
        const { sql, params } = whereClause(collection, where);
        const cols = fields.map((f, i) => `${column(f, collection)} AS g${i}`);
        const groups = fields.map((_, i) => `g${i}`).join(', ');
        const rows = prepare(
          `SELECT ${cols.join(', ')}, count(*) AS n FROM ${table(collection)}${sql} GROUP BY ${groups}`,
        ).all(...params) as Array<Record<string, string | number | null>>;
        return rows.map((row) => ({
          key: Object.fromEntries(fields.map((f, i) => [f, row[`g${i}`] ?? null])),
          count: Number(row.n),
        }));
      }),
    transaction: <R>(work: (tx: TransactionOps) => Promise<R>) =>
      exclusive(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(ops);
          db.exec('COMMIT');
          return result;
        } catch (e) {
          db.exec('ROLLBACK');
          throw e;
        }
      }),
  };
}

/**
 * The Store contract: one suite, run against every adapter.
 * - SQLite: the real adapter on an in-memory database.
 * - CloudBase: the real adapter over the real wx-server-sdk query builder, its request layer
 *   answered in-process by test/support/fakeCloudbase (mingo over in-memory collections).
 */
import { createCloudBaseStore, migrateVersionField } from '../../core/adapters/cloudbase/store';
import { createSqliteStore } from '../../core/adapters/sqlite/store';
import {
  COLLECTIONS,
  DuplicateId,
  VersionConflict,
  type Filter,
  type GroupCount,
  type Store,
  type StoredDoc,
} from '../../core/ports/store';
import { installFakeCloudbase, type FakeCloudbase } from '../support/fakeCloudbase';

interface Harness {
  store: Store;
  /** Checks after each test (nothing left open), then releases. */
  close(): void;
}

let fake: FakeCloudbase | undefined;

const adapters: Array<[string, () => Harness]> = [
  [
    'SQLite',
    () => {
      const store = createSqliteStore(':memory:');
      return { store, close: () => store.close() };
    },
  ],
  [
    'CloudBase',
    () => {
      fake ??= installFakeCloudbase({ collections: Object.keys(COLLECTIONS) });
      fake.reset();
      const f = fake;
      return {
        store: createCloudBaseStore(f.db),
        close: () => {
          expect(f.collections.openTransactions()).toBe(0);
          expect(f.unhandledRejections).toEqual([]);
        },
      };
    },
  ],
];

afterAll(() => {
  fake?.restore();
});

// ---------------------------------------------------------------------------------------------

interface Item extends StoredDoc {
  status?: string | null;
  n?: number;
  name?: string;
  referral?: { departmentId: string };
  studioId?: string;
  flag?: boolean;
  closedAt?: number | null;
  [field: string]: unknown;
}

interface Counter extends StoredDoc {
  value: number;
}

interface Reception extends StoredDoc {
  studioId: string;
  startAt: number;
  capacity: number;
  booked: number;
}

interface Booking extends StoredDoc {
  receptionId: string;
  openid: string;
  status: 'booked' | 'waiting';
  createdAt: number;
}

const ITEMS: Array<Omit<Item, '_v'>> = [
  { _id: 'i1', status: 'open', n: 1, name: 'apple', referral: { departmentId: 'd1' }, studioId: 's1', flag: true, tags: ['a', 'b'] },
  { _id: 'i2', status: 'closed', n: 2, name: 'banana', referral: { departmentId: 'd2' }, studioId: 's1', flag: false, tags: ['b'] },
  { _id: 'i3', status: 'open', n: 3, name: 'cherry', studioId: 's2', closedAt: null, tags: [] },
  { _id: 'i4', status: 'review', n: 4, name: 'date', referral: { departmentId: 'd1' }, studioId: 's2', closedAt: 1700000000000 },
  { _id: 'i5', n: 5, name: 'elder', studioId: 's3', tags: ['c', 'a'] },
];

const ids = (docs: StoredDoc[]): string[] => docs.map((d) => d._id);
const sortedIds = (docs: StoredDoc[]): string[] => ids(docs).sort();

/** Groups in a stable order, for comparing. */
const sortGroups = (groups: GroupCount[]): GroupCount[] =>
  [...groups].sort((a, b) => JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)));

/** Retries `work` while it fails with VersionConflict (what callers of transactions do). */
async function retryOnConflict<R>(work: () => Promise<R>, attempts = 500): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof VersionConflict) || attempt >= attempts) throw error;
    }
  }
}

describe.each(adapters)('Store contract on %s', (_name, open) => {
  let harness: Harness;
  let store: Store;

  beforeEach(() => {
    harness = open();
    store = harness.store;
  });

  afterEach(() => {
    harness.close();
  });

  async function seedItems(): Promise<void> {
    for (const item of ITEMS) await store.create<Item>('items', item);
  }

  async function findIds(where: Filter): Promise<string[]> {
    return sortedIds(await store.find<Item>('items', { where }));
  }

  // ----- single documents

  describe('documents', () => {
    it('create then get round-trips the document with _v 1', async () => {
      const doc = {
        _id: 'a',
        title: '路灯不亮',
        n: 1,
        nested: { k: 'v', deeper: { x: [1, 2] } },
        tags: ['t1', 't2'],
        flag: true,
        nothing: null,
      };
      const created = await store.create<Item>('items', doc);
      expect(created).toEqual({ ...doc, _v: 1 });
      expect(await store.get<Item>('items', 'a')).toEqual({ ...doc, _v: 1 });
    });

    it('keeps numbers exactly: epoch milliseconds, negatives, fractions, zero', async () => {
      const doc = { _id: 'n', createdAt: 1700000000123, neg: -42, frac: 2.5, zero: 0, big: 4102444800000 };
      await store.create<Item>('items', doc);
      expect(await store.get<Item>('items', 'n')).toEqual({ ...doc, _v: 1 });
    });

    it('get of a missing id returns null', async () => {
      expect(await store.get('items', 'nope')).toBeNull();
    });

    it('create with a taken id throws DuplicateId and changes nothing', async () => {
      await store.create<Item>('items', { _id: 'a', name: 'first' });
      const attempt = store.create<Item>('items', { _id: 'a', name: 'second' });
      await expect(attempt).rejects.toBeInstanceOf(DuplicateId);
      await expect(attempt).rejects.toMatchObject({ collection: 'items', id: 'a' });
      expect(await store.get<Item>('items', 'a')).toEqual({ _id: 'a', name: 'first', _v: 1 });
      expect(await store.count('items')).toBe(1);
    });

    it('the same id may exist in two collections', async () => {
      await store.create<Item>('items', { _id: 'same' });
      await store.create<Item>('members', { _id: 'same' });
      expect(await store.get('items', 'same')).not.toBeNull();
      expect(await store.get('members', 'same')).not.toBeNull();
    });

    it('update with the expected version bumps _v and replaces the document', async () => {
      await store.create<Item>('items', { _id: 'a', n: 1, nested: { c: 1, d: 2 }, gone: 'x', list: [1, 2, 3] });
      const updated = await store.update<Item>('items', 'a', 1, { _id: 'a', n: 2, nested: { c: 3 }, list: [4] });
      const expected = { _id: 'a', n: 2, nested: { c: 3 }, list: [4], _v: 2 };
      expect(updated).toEqual(expected);
      const stored = await store.get<Item>('items', 'a');
      expect(stored).toEqual(expected);
      expect(stored).not.toHaveProperty('gone');
      expect(stored?.nested).not.toHaveProperty('d');

      const again = await store.update<Item>('items', 'a', 2, { _id: 'a', n: 3, nested: {} });
      expect(again._v).toBe(3);
      expect(await store.get<Item>('items', 'a')).toEqual({ _id: 'a', n: 3, nested: {}, _v: 3 });
    });

    it('update with a stale version throws VersionConflict and leaves the document unchanged', async () => {
      await store.create<Item>('items', { _id: 'a', n: 1 });
      await store.update<Item>('items', 'a', 1, { _id: 'a', n: 2 });
      const attempt = store.update<Item>('items', 'a', 1, { _id: 'a', n: 99 });
      await expect(attempt).rejects.toBeInstanceOf(VersionConflict);
      await expect(attempt).rejects.toMatchObject({ collection: 'items', id: 'a' });
      expect(await store.get<Item>('items', 'a')).toEqual({ _id: 'a', n: 2, _v: 2 });
    });

    it('update of a missing document throws VersionConflict and creates nothing', async () => {
      await expect(store.update<Item>('items', 'ghost', 1, { _id: 'ghost', n: 1 })).rejects.toBeInstanceOf(
        VersionConflict,
      );
      expect(await store.get('items', 'ghost')).toBeNull();
    });

    it('concurrent updates from the same version: exactly one wins, the others get VersionConflict', async () => {
      await store.create<Counter>('counters', { _id: 'c', value: 0 });
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => store.update<Counter>('counters', 'c', 1, { _id: 'c', value: i + 1 })),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(9);
      for (const r of lost) expect(r.reason).toBeInstanceOf(VersionConflict);
      const stored = await store.get<Counter>('counters', 'c');
      expect(stored?._v).toBe(2);
    });

    it('remove deletes the document; removing a missing id does nothing', async () => {
      await store.create<Item>('items', { _id: 'a' });
      await store.create<Item>('items', { _id: 'b' });
      await store.remove('items', 'a');
      expect(await store.get('items', 'a')).toBeNull();
      expect(await store.get('items', 'b')).not.toBeNull();
      await expect(store.remove('items', 'a')).resolves.toBeUndefined();
      expect(await store.count('items')).toBe(1);
    });

    it('an id can be created again after it was removed', async () => {
      await store.create<Item>('items', { _id: 'a', n: 1 });
      await store.remove('items', 'a');
      expect(await store.create<Item>('items', { _id: 'a', n: 2 })).toEqual({ _id: 'a', n: 2, _v: 1 });
    });
  });

  // ----- find

  describe('find conditions', () => {
    beforeEach(seedItems);

    it('a plain value means equality', async () => {
      expect(await findIds({ status: 'open' })).toEqual(['i1', 'i3']);
      expect(await findIds({ n: 4 })).toEqual(['i4']);
    });

    it('eq', async () => {
      expect(await findIds({ status: { eq: 'closed' } })).toEqual(['i2']);
    });

    it('booleans compare as booleans', async () => {
      expect(await findIds({ flag: true })).toEqual(['i1']);
      expect(await findIds({ flag: { eq: false } })).toEqual(['i2']);
    });

    it('equality with null matches a stored null and a missing field', async () => {
      expect(await findIds({ closedAt: null })).toEqual(['i1', 'i2', 'i3', 'i5']);
      expect(await findIds({ status: { eq: null } })).toEqual(['i5']);
    });

    it('ne matches every other value, and a missing field', async () => {
      expect(await findIds({ status: { ne: 'open' } })).toEqual(['i2', 'i4', 'i5']);
      expect(await findIds({ closedAt: { ne: null } })).toEqual(['i4']);
    });

    it('in', async () => {
      expect(await findIds({ status: { in: ['closed', 'review'] } })).toEqual(['i2', 'i4']);
      expect(await findIds({ n: { in: [1, 5, 9] } })).toEqual(['i1', 'i5']);
      expect(await findIds({ status: { in: [] } })).toEqual([]);
    });

    it('in with null also matches a missing field', async () => {
      expect(await findIds({ status: { in: ['closed', null] } })).toEqual(['i2', 'i5']);
    });

    it('lt, lte, gt, gte on numbers', async () => {
      expect(await findIds({ n: { lt: 3 } })).toEqual(['i1', 'i2']);
      expect(await findIds({ n: { lte: 3 } })).toEqual(['i1', 'i2', 'i3']);
      expect(await findIds({ n: { gt: 3 } })).toEqual(['i4', 'i5']);
      expect(await findIds({ n: { gte: 3 } })).toEqual(['i3', 'i4', 'i5']);
    });

    it('a range on one field (several conditions ANDed)', async () => {
      expect(await findIds({ n: { gt: 1, lt: 5 } })).toEqual(['i2', 'i3', 'i4']);
      expect(await findIds({ n: { gte: 2, lte: 2 } })).toEqual(['i2']);
      expect(await findIds({ n: { gte: 2, ne: 3, in: [1, 2, 3, 4] } })).toEqual(['i2', 'i4']);
    });

    it('lt, lte, gt, gte on strings', async () => {
      expect(await findIds({ name: { lt: 'cherry' } })).toEqual(['i1', 'i2']);
      expect(await findIds({ name: { lte: 'cherry' } })).toEqual(['i1', 'i2', 'i3']);
      expect(await findIds({ name: { gt: 'cherry' } })).toEqual(['i4', 'i5']);
      expect(await findIds({ name: { gte: 'cherry' } })).toEqual(['i3', 'i4', 'i5']);
    });

    it('comparisons never match a missing or null field', async () => {
      expect(await findIds({ closedAt: { gt: 0 } })).toEqual(['i4']);
      expect(await findIds({ closedAt: { lt: 1800000000000 } })).toEqual(['i4']);
    });

    it('exists: true means present and not null; false means absent or null', async () => {
      expect(await findIds({ closedAt: { exists: true } })).toEqual(['i4']);
      expect(await findIds({ closedAt: { exists: false } })).toEqual(['i1', 'i2', 'i3', 'i5']);
      expect(await findIds({ status: { exists: false } })).toEqual(['i5']);
    });

    it('has: an array field holding the value; an empty or missing array never matches', async () => {
      expect(await findIds({ tags: { has: 'a' } })).toEqual(['i1', 'i5']);
      expect(await findIds({ tags: { has: 'b' }, status: 'open' })).toEqual(['i1']);
      expect(await findIds({ tags: { has: 'z' } })).toEqual([]);
      expect(await store.count('items', { tags: { has: 'b' } })).toBe(2);
    });

    it('contains: a substring of a text field, ignoring case; regular-expression characters are plain text', async () => {
      expect(await findIds({ name: { contains: 'an' } })).toEqual(['i2']);
      expect(await findIds({ name: { contains: 'ERR' } })).toEqual(['i3']);
      expect(await findIds({ name: { contains: 'e', ne: 'apple' } })).toEqual(['i3', 'i4', 'i5']);
      expect(await findIds({ name: { contains: '.' } })).toEqual([]);
      expect(await findIds({ status: { contains: 'pe' } })).toEqual(['i1', 'i3']);
    });

    it('dotted fields reach into nested objects', async () => {
      expect(await findIds({ 'referral.departmentId': 'd1' })).toEqual(['i1', 'i4']);
      expect(await findIds({ 'referral.departmentId': { in: ['d2'] } })).toEqual(['i2']);
      expect(await findIds({ 'referral.departmentId': { exists: false } })).toEqual(['i3', 'i5']);
    });

    it('conditions on several fields are ANDed', async () => {
      expect(await findIds({ status: 'open', studioId: 's2' })).toEqual(['i3']);
      expect(await findIds({ studioId: 's1', n: { gt: 1 } })).toEqual(['i2']);
      expect(await findIds({ 'referral.departmentId': 'd1', status: { ne: 'open' }, n: { lte: 4 } })).toEqual(['i4']);
      expect(await findIds({ status: 'open', studioId: 's3' })).toEqual([]);
    });

    it('_id can be filtered on like any field', async () => {
      expect(await findIds({ _id: { in: ['i2', 'i4', 'nope'] } })).toEqual(['i2', 'i4']);
    });

    it('an empty filter matches everything', async () => {
      expect(await findIds({})).toEqual(['i1', 'i2', 'i3', 'i4', 'i5']);
    });
  });

  describe('find order and pages', () => {
    it('orders by one field, ascending and descending', async () => {
      await seedItems();
      expect(ids(await store.find('items', { orderBy: [['n', 'asc']] }))).toEqual(['i1', 'i2', 'i3', 'i4', 'i5']);
      expect(ids(await store.find('items', { orderBy: [['n', 'desc']] }))).toEqual(['i5', 'i4', 'i3', 'i2', 'i1']);
      expect(ids(await store.find('items', { orderBy: [['name', 'desc']] }))).toEqual(['i5', 'i4', 'i3', 'i2', 'i1']);
    });

    it('orders by two fields', async () => {
      await seedItems();
      expect(
        ids(
          await store.find('items', {
            orderBy: [
              ['studioId', 'asc'],
              ['n', 'desc'],
            ],
          }),
        ),
      ).toEqual(['i2', 'i1', 'i4', 'i3', 'i5']);
      expect(
        ids(
          await store.find('items', {
            orderBy: [
              ['studioId', 'desc'],
              ['name', 'asc'],
            ],
          }),
        ),
      ).toEqual(['i5', 'i3', 'i4', 'i1', 'i2']);
    });

    it('orders by a dotted field, with a filter', async () => {
      await seedItems();
      const found = await store.find('items', {
        where: { 'referral.departmentId': { exists: true } },
        orderBy: [
          ['referral.departmentId', 'desc'],
          ['n', 'asc'],
        ],
      });
      expect(ids(found)).toEqual(['i2', 'i1', 'i4']);
    });

    it('missing and null values sort before any value ascending, after them descending', async () => {
      await seedItems();
      const asc = ids(await store.find('items', { orderBy: [['closedAt', 'asc']] }));
      expect(asc[4]).toBe('i4');
      expect(asc.slice(0, 4).sort()).toEqual(['i1', 'i2', 'i3', 'i5']);
      const desc = ids(await store.find('items', { orderBy: [['closedAt', 'desc']] }));
      expect(desc[0]).toBe('i4');
    });

    it('limit and skip page through the results', async () => {
      for (let i = 0; i < 25; i++) {
        await store.create<Item>('items', { _id: `p${String(i).padStart(2, '0')}`, seq: i, odd: i % 2 === 1 });
      }
      const pages: string[][] = [];
      for (let skip = 0; skip < 30; skip += 10) {
        pages.push(ids(await store.find('items', { orderBy: [['seq', 'asc']], limit: 10, skip })));
      }
      expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
      expect(pages.flat()).toEqual(Array.from({ length: 25 }, (_, i) => `p${String(i).padStart(2, '0')}`));
      expect(ids(await store.find('items', { orderBy: [['seq', 'desc']], limit: 3, skip: 1 }))).toEqual([
        'p23',
        'p22',
        'p21',
      ]);
      expect(
        ids(await store.find('items', { where: { odd: true }, orderBy: [['seq', 'asc']], limit: 2, skip: 2 })),
      ).toEqual(['p05', 'p07']);
      expect(await store.find('items', { orderBy: [['seq', 'asc']], limit: 10, skip: 40 })).toEqual([]);
    });

    it('find without a limit returns at most 100 documents', async () => {
      for (let i = 0; i < 150; i++) await store.create<Item>('items', { _id: `d${String(i).padStart(3, '0')}`, seq: i });
      expect(await store.find('items')).toHaveLength(100);
      expect(await store.find('items', { orderBy: [['seq', 'asc']] })).toHaveLength(100);
      expect(await store.find('items', { limit: 150 })).toHaveLength(150);
      expect(await store.count('items')).toBe(150);
    });
  });

  // ----- counting

  describe('count and countBy', () => {
    beforeEach(seedItems);

    it('count with and without a filter', async () => {
      expect(await store.count('items')).toBe(5);
      expect(await store.count('items', { status: 'open' })).toBe(2);
      expect(await store.count('items', { n: { gte: 2, lt: 5 }, studioId: 's2' })).toBe(2);
      expect(await store.count('items', { status: 'nope' })).toBe(0);
      expect(await store.count('counters')).toBe(0);
    });

    it('countBy one field, a missing field and a stored null grouping together as null', async () => {
      await store.create<Item>('items', { _id: 'i6', status: null, n: 6 });
      expect(sortGroups(await store.countBy('items', ['status']))).toEqual(
        sortGroups([
          { key: { status: 'open' }, count: 2 },
          { key: { status: 'closed' }, count: 1 },
          { key: { status: 'review' }, count: 1 },
          { key: { status: null }, count: 2 },
        ]),
      );
    });

    it('countBy two fields', async () => {
      expect(sortGroups(await store.countBy('items', ['studioId', 'status']))).toEqual(
        sortGroups([
          { key: { studioId: 's1', status: 'open' }, count: 1 },
          { key: { studioId: 's1', status: 'closed' }, count: 1 },
          { key: { studioId: 's2', status: 'open' }, count: 1 },
          { key: { studioId: 's2', status: 'review' }, count: 1 },
          { key: { studioId: 's3', status: null }, count: 1 },
        ]),
      );
    });

    it('countBy with a filter, and on a dotted field', async () => {
      expect(sortGroups(await store.countBy('items', ['status'], { studioId: { in: ['s1', 's3'] } }))).toEqual(
        sortGroups([
          { key: { status: 'open' }, count: 1 },
          { key: { status: 'closed' }, count: 1 },
          { key: { status: null }, count: 1 },
        ]),
      );
      expect(sortGroups(await store.countBy('items', ['referral.departmentId']))).toEqual(
        sortGroups([
          { key: { 'referral.departmentId': 'd1' }, count: 2 },
          { key: { 'referral.departmentId': 'd2' }, count: 1 },
          { key: { 'referral.departmentId': null }, count: 2 },
        ]),
      );
      expect(await store.countBy('items', ['status'], { status: 'nope' })).toEqual([]);
    });

    it('countBy keeps numbers as numbers (the port groups on string and number fields only)', async () => {
      expect(sortGroups(await store.countBy('items', ['n'], { n: { lte: 2 } }))).toEqual(
        sortGroups([
          { key: { n: 1 }, count: 1 },
          { key: { n: 2 }, count: 1 },
        ]),
      );
    });
  });

  // ----- updates of many documents

  describe('updateWhere', () => {
    beforeEach(seedItems);

    it('sets the fields on every match only, keeps the rest of each document, and bumps each version', async () => {
      const before = await store.find<Item>('items', { orderBy: [['_id', 'asc']] });
      expect(await store.updateWhere('items', { status: 'open' }, { closedAt: 42, name: 'set' })).toBe(2);
      const after = await store.find<Item>('items', { orderBy: [['_id', 'asc']] });
      for (const [i, doc] of after.entries()) {
        const was = before[i];
        if (was.status === 'open') {
          expect(doc).toEqual({ ...was, closedAt: 42, name: 'set', _v: was._v + 1 });
        } else {
          expect(doc).toEqual(was);
        }
      }
      // The new values are queryable (indexed fields included).
      expect(await findIds({ closedAt: 42 })).toEqual(['i1', 'i3']);
    });

    it('a compare-and-swap on a version read before the update fails; on the new version it succeeds', async () => {
      const read = (await store.get<Item>('items', 'i1')) as Item;
      await store.updateWhere('items', { _id: { in: ['i1', 'nope'] } }, { flag: false });
      const { _v, ...rest } = read;
      await expect(store.update<Item>('items', 'i1', _v, { ...rest, n: 10 })).rejects.toBeInstanceOf(VersionConflict);
      const fresh = (await store.get<Item>('items', 'i1')) as Item;
      expect(fresh.flag).toBe(false);
      const { _v: v2, ...rest2 } = fresh;
      await expect(store.update<Item>('items', 'i1', v2, { ...rest2, n: 10 })).resolves.toMatchObject({ n: 10, flag: false, _v: v2 + 1 });
    });

    it('matching nothing changes nothing; null is a value it can set and find', async () => {
      expect(await store.updateWhere('items', { status: 'nope' }, { n: 0 })).toBe(0);
      expect(await store.updateWhere('items', { studioId: 's2' }, { closedAt: null })).toBe(2);
      expect(await findIds({ closedAt: null })).toEqual(['i1', 'i2', 'i3', 'i4', 'i5']);
    });
  });

  // ----- transactions

  describe('transactions', () => {
    async function seedForTransaction(): Promise<void> {
      await store.create<Counter>('counters', { _id: 'c1', value: 1 });
      await store.create<Item>('items', { _id: 'r1', name: 'to remove' });
    }

    it('commits all its operations and returns what the work returns', async () => {
      await seedForTransaction();
      const result = await store.transaction(async (tx) => {
        const c = await tx.get<Counter>('counters', 'c1');
        if (!c) throw new Error('counter missing');
        const created = await tx.create<Item>('items', { _id: 't1', name: 'new' });
        const updated = await tx.update<Counter>('counters', 'c1', c._v, { _id: 'c1', value: c.value + 1 });
        await tx.remove('items', 'r1');
        return { created, updated };
      });
      expect(result.created).toEqual({ _id: 't1', name: 'new', _v: 1 });
      expect(result.updated).toEqual({ _id: 'c1', value: 2, _v: 2 });
      expect(await store.get<Item>('items', 't1')).toEqual({ _id: 't1', name: 'new', _v: 1 });
      expect(await store.get<Counter>('counters', 'c1')).toEqual({ _id: 'c1', value: 2, _v: 2 });
      expect(await store.get('items', 'r1')).toBeNull();
    });

    it('sees its own writes', async () => {
      await seedForTransaction();
      await store.transaction(async (tx) => {
        await tx.create<Item>('items', { _id: 't1', name: 'new' });
        expect(await tx.get<Item>('items', 't1')).toEqual({ _id: 't1', name: 'new', _v: 1 });
        await tx.update<Counter>('counters', 'c1', 1, { _id: 'c1', value: 5 });
        expect(await tx.get<Counter>('counters', 'c1')).toEqual({ _id: 'c1', value: 5, _v: 2 });
        await tx.update<Counter>('counters', 'c1', 2, { _id: 'c1', value: 6 });
        await tx.remove('items', 'r1');
        expect(await tx.get('items', 'r1')).toBeNull();
      });
      expect(await store.get<Counter>('counters', 'c1')).toEqual({ _id: 'c1', value: 6, _v: 3 });
    });

    it('update inside a transaction replaces the document', async () => {
      await store.create<Item>('items', { _id: 'a', n: 1, nested: { c: 1, d: 2 }, gone: 'x' });
      await store.transaction(async (tx) => {
        await tx.update<Item>('items', 'a', 1, { _id: 'a', n: 2, nested: { c: 3 } });
      });
      expect(await store.get<Item>('items', 'a')).toEqual({ _id: 'a', n: 2, nested: { c: 3 }, _v: 2 });
    });

    it('a transaction that throws rolls back all its operations', async () => {
      await seedForTransaction();
      const boom = new Error('boom');
      await expect(
        store.transaction(async (tx) => {
          await tx.create<Item>('items', { _id: 't1', name: 'new' });
          await tx.update<Counter>('counters', 'c1', 1, { _id: 'c1', value: 100 });
          await tx.remove('items', 'r1');
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await store.get('items', 't1')).toBeNull();
      expect(await store.get<Counter>('counters', 'c1')).toEqual({ _id: 'c1', value: 1, _v: 1 });
      expect(await store.get<Item>('items', 'r1')).toEqual({ _id: 'r1', name: 'to remove', _v: 1 });
    });

    it('get of a missing document inside a transaction returns null', async () => {
      const seen = await store.transaction(async (tx) => tx.get('items', 'nope'));
      expect(seen).toBeNull();
    });

    it('update with a stale version inside a transaction throws VersionConflict and rolls back', async () => {
      await seedForTransaction();
      await store.update<Counter>('counters', 'c1', 1, { _id: 'c1', value: 2 });
      await expect(
        store.transaction(async (tx) => {
          await tx.create<Item>('items', { _id: 't1' });
          await tx.update<Counter>('counters', 'c1', 1, { _id: 'c1', value: 100 });
        }),
      ).rejects.toBeInstanceOf(VersionConflict);
      expect(await store.get('items', 't1')).toBeNull();
      expect(await store.get<Counter>('counters', 'c1')).toEqual({ _id: 'c1', value: 2, _v: 2 });
    });

    it('update of a missing document inside a transaction throws VersionConflict', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.update<Item>('items', 'ghost', 1, { _id: 'ghost' });
        }),
      ).rejects.toBeInstanceOf(VersionConflict);
      expect(await store.get('items', 'ghost')).toBeNull();
    });

    it('create with a taken id inside a transaction throws DuplicateId and rolls back', async () => {
      await seedForTransaction();
      await expect(
        store.transaction(async (tx) => {
          await tx.update<Counter>('counters', 'c1', 1, { _id: 'c1', value: 100 });
          await tx.create<Item>('items', { _id: 'r1', name: 'again' });
        }),
      ).rejects.toBeInstanceOf(DuplicateId);
      expect(await store.get<Counter>('counters', 'c1')).toEqual({ _id: 'c1', value: 1, _v: 1 });
      expect(await store.get<Item>('items', 'r1')).toEqual({ _id: 'r1', name: 'to remove', _v: 1 });
    });

    it('50 concurrent read-and-increment transactions, retried on conflict, lose no update', async () => {
      await store.create<Counter>('counters', { _id: 'hits', value: 0 });
      await Promise.all(
        Array.from({ length: 50 }, () =>
          retryOnConflict(() =>
            store.transaction(async (tx) => {
              const c = await tx.get<Counter>('counters', 'hits');
              if (!c) throw new Error('counter missing');
              await tx.update<Counter>('counters', 'hits', c._v, { _id: 'hits', value: c.value + 1 });
            }),
          ),
        ),
      );
      expect(await store.get<Counter>('counters', 'hits')).toEqual({ _id: 'hits', value: 50, _v: 51 });
    });

    it('50 concurrent bookings against 10 places: exactly 10 booked, 40 waiting', async () => {
      await store.create<Reception>('receptions', {
        _id: 'r1',
        studioId: 's1',
        startAt: 1700000000000,
        capacity: 10,
        booked: 0,
      });
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          retryOnConflict(() =>
            store.transaction(async (tx) => {
              const r = await tx.get<Reception>('receptions', 'r1');
              if (!r) throw new Error('reception missing');
              const booking = { _id: `b${i}`, receptionId: 'r1', openid: `u${i}`, createdAt: 1700000000000 + i };
              if (r.booked < r.capacity) {
                await tx.update<Reception>('receptions', 'r1', r._v, {
                  _id: 'r1',
                  studioId: r.studioId,
                  startAt: r.startAt,
                  capacity: r.capacity,
                  booked: r.booked + 1,
                });
                await tx.create<Booking>('bookings', { ...booking, status: 'booked' });
              } else {
                await tx.create<Booking>('bookings', { ...booking, status: 'waiting' });
              }
            }),
          ),
        ),
      );
      expect(await store.get<Reception>('receptions', 'r1')).toMatchObject({ booked: 10, capacity: 10 });
      expect(await store.count('bookings', { receptionId: 'r1', status: 'booked' })).toBe(10);
      expect(await store.count('bookings', { receptionId: 'r1', status: 'waiting' })).toBe(40);
      expect(await store.count('bookings')).toBe(50);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// What only the CloudBase adapter can show: how it meets the service's own behaviour.

describe('CloudBase adapter over the real wx-server-sdk', () => {
  let f: FakeCloudbase;
  let store: Store;

  beforeEach(() => {
    fake ??= installFakeCloudbase({ collections: Object.keys(COLLECTIONS) });
    f = fake;
    f.reset();
    store = createCloudBaseStore(f.db);
  });

  afterEach(() => {
    expect(f.collections.openTransactions()).toBe(0);
    expect(f.unhandledRejections).toEqual([]);
  });

  it('a write landing between a transaction\'s write and its commit fails the commit with VersionConflict', async () => {
    await store.create<Counter>('counters', { _id: 'c', value: 0 });
    await expect(
      store.transaction(async (tx) => {
        await tx.update<Counter>('counters', 'c', 1, { _id: 'c', value: 1 });
        await store.update<Counter>('counters', 'c', 1, { _id: 'c', value: 10 });
      }),
    ).rejects.toMatchObject({ name: 'VersionConflict', collection: 'counters', id: 'c' });
    expect(await store.get<Counter>('counters', 'c')).toEqual({ _id: 'c', value: 10, _v: 2 });
  });

  it('stores the version as `rev`: no field but `_id` starts with an underscore (CloudBase\'s naming rule)', async () => {
    await store.create<Item>('items', { _id: 'a', n: 1, nested: { k: 'v' } });
    await store.update<Item>('items', 'a', 1, { _id: 'a', n: 2, nested: { k: 'w' } });
    await store.transaction(async (tx) => {
      await tx.create<Counter>('counters', { _id: 'c', value: 1 });
    });
    for (const [collection, id, rev] of [['items', 'a', 2], ['counters', 'c', 1]] as const) {
      const [raw] = f.collections.docs(collection).filter((d) => d._id === id);
      expect(raw.rev).toBe(rev);
      expect(Object.keys(raw).filter((k) => k.startsWith('_'))).toEqual(['_id']);
    }
    expect(await store.get<Item>('items', 'a')).toEqual({ _id: 'a', n: 2, nested: { k: 'w' }, _v: 2 });
    expect(await store.find<Item>('items', { where: { _v: 2 } })).toHaveLength(1);
  });

  it('a field name CloudBase\'s rule forbids (a leading underscore, over 32 characters) is refused by the service', async () => {
    await expect(store.create<Item>('items', { _id: 'a', _private: 1 })).rejects.toThrow(/field names/);
    await expect(store.create<Item>('items', { _id: 'b', nested: { ['x'.repeat(40)]: 1 } })).rejects.toThrow(/field names/);
    await store.create<Item>('items', { _id: 'c', n: 1 });
    await expect(store.update<Item>('items', 'c', 1, { _id: 'c', _n: 2 })).rejects.toThrow(/field names/);
    expect(f.collections.docs('items')).toEqual([{ _id: 'c', n: 1, rev: 1 }]);
  });

  it('a caller\'s field named `rev` is refused, since the store keeps its version there', async () => {
    await expect(store.create<Item>('items', { _id: 'a', rev: 7 })).rejects.toThrow(/rev/);
    expect(f.collections.docs('items')).toEqual([]);
  });

  it('update after a read sends one request, the compare-and-swap, and still removes the dropped fields', async () => {
    await store.create<Item>('items', { _id: 'a', n: 1, gone: 'x', nested: { c: 1 } });
    const read = await store.get<Item>('items', 'a');
    f.requests.length = 0;
    await store.update<Item>('items', 'a', read!._v, { _id: 'a', n: 2 });
    expect(f.requests.map((r) => r.action)).toEqual(['database.modifyDocument']);
    expect(await store.get<Item>('items', 'a')).toEqual({ _id: 'a', n: 2, _v: 2 });
  });

  it('documents found by a query are known too: updating one of them sends no read', async () => {
    await store.create<Item>('items', { _id: 'a', status: 'open', gone: 'x' });
    const fresh = createCloudBaseStore(f.db);
    const [found] = await fresh.find<Item>('items', { where: { status: 'open' } });
    f.requests.length = 0;
    await fresh.update<Item>('items', 'a', found._v, { _id: 'a', status: 'closed' });
    expect(f.requests.map((r) => r.action)).toEqual(['database.modifyDocument']);
    expect(await fresh.get<Item>('items', 'a')).toEqual({ _id: 'a', status: 'closed', _v: 2 });
  });

  it('a store that never read the document reads it first, and removes the fields the new document lacks', async () => {
    await store.create<Item>('items', { _id: 'a', n: 1, gone: 'x' });
    const other = createCloudBaseStore(f.db); // another function instance
    f.requests.length = 0;
    await other.update<Item>('items', 'a', 1, { _id: 'a', n: 2 });
    expect(f.requests.map((r) => r.action)).toEqual(['database.getDocument', 'database.modifyDocument']);
    expect(await store.get<Item>('items', 'a')).toEqual({ _id: 'a', n: 2, _v: 2 });
  });

  it('a version this store saw but another instance has changed since conflicts, and loses nothing', async () => {
    await store.create<Item>('items', { _id: 'a', n: 1, keep: 'mine' });
    const other = createCloudBaseStore(f.db);
    await other.update<Item>('items', 'a', 1, { _id: 'a', n: 10, keep: 'theirs', added: true });
    await expect(store.update<Item>('items', 'a', 1, { _id: 'a', n: 2 })).rejects.toBeInstanceOf(VersionConflict);
    expect(await store.get<Item>('items', 'a')).toEqual({ _id: 'a', n: 10, keep: 'theirs', added: true, _v: 2 });
    // Read again, the update goes through with the fields the other instance added removed.
    await store.update<Item>('items', 'a', 2, { _id: 'a', n: 3 });
    expect(await other.get<Item>('items', 'a')).toEqual({ _id: 'a', n: 3, _v: 3 });
  });

  it('a transaction reads each document once: update and create after a read send no second read', async () => {
    await store.create<Counter>('counters', { _id: 'c', value: 1 });
    f.requests.length = 0;
    await store.transaction(async (tx) => {
      const c = await tx.get<Counter>('counters', 'c');
      expect(await tx.get<Counter>('counters', 'c')).toEqual(c);
      await tx.update<Counter>('counters', 'c', c!._v, { _id: 'c', value: c!.value + 1 });
      expect(await tx.get('items', 'new')).toBeNull();
      await tx.create<Item>('items', { _id: 'new', n: 1 });
      expect(await tx.get<Item>('items', 'new')).toEqual({ _id: 'new', n: 1, _v: 1 });
    });
    expect(f.requests.map((r) => r.action)).toEqual([
      'database.startTransaction',
      'database.getDocument',
      'database.modifyDocument',
      'database.getDocument',
      'database.insertDocument',
      'database.commitTransaction',
    ]);
    expect(await store.get<Counter>('counters', 'c')).toEqual({ _id: 'c', value: 2, _v: 2 });
  });

  it('inside a transaction, create of an id it read as present is DuplicateId without a request', async () => {
    await store.create<Item>('items', { _id: 'a', n: 1 });
    await expect(
      store.transaction(async (tx) => {
        await tx.get('items', 'a');
        f.requests.length = 0;
        await tx.create<Item>('items', { _id: 'a', n: 2 });
      }),
    ).rejects.toBeInstanceOf(DuplicateId);
    expect(f.requests.map((r) => r.action)).toEqual(['database.abortTransaction']);
    expect(await store.get<Item>('items', 'a')).toEqual({ _id: 'a', n: 1, _v: 1 });
  });

  it('a transaction\'s writes are known after its commit: updating what it wrote sends no read', async () => {
    await store.transaction(async (tx) => {
      await tx.create<Item>('items', { _id: 'a', n: 1, gone: 'x' });
    });
    f.requests.length = 0;
    await store.update<Item>('items', 'a', 1, { _id: 'a', n: 2 });
    expect(f.requests.map((r) => r.action)).toEqual(['database.modifyDocument']);
    expect(await store.get<Item>('items', 'a')).toEqual({ _id: 'a', n: 2, _v: 2 });
  });

  it('a document written before the rename (version in `_v`) reads with its version and moves to `rev` at its next update', async () => {
    f.collections.put('items', [{ _id: 'old', _v: 3, n: 1, gone: 'x' }]);
    f.collections.put('counters', [{ _id: 'oldc', _v: 5, value: 9 }]);
    const fresh = createCloudBaseStore(f.db);
    expect(await fresh.get<Item>('items', 'old')).toEqual({ _id: 'old', n: 1, gone: 'x', _v: 3 });
    await expect(fresh.update<Item>('items', 'old', 2, { _id: 'old', n: 9 })).rejects.toBeInstanceOf(VersionConflict);
    const read = await fresh.get<Item>('items', 'old');
    await fresh.update<Item>('items', 'old', read!._v, { _id: 'old', n: 2 });
    expect(f.collections.docs('items')).toEqual([{ _id: 'old', n: 2, rev: 4 }]);
    // Never read by this instance: read first, then the same compare-and-swap on `_v`.
    await createCloudBaseStore(f.db).transaction(async (tx) => {
      const c = await tx.get<Counter>('counters', 'oldc');
      expect(c).toEqual({ _id: 'oldc', value: 9, _v: 5 });
      await tx.update<Counter>('counters', 'oldc', 5, { _id: 'oldc', value: 10 });
    });
    expect(f.collections.docs('counters')).toEqual([{ _id: 'oldc', value: 10, rev: 6 }]);
  });

  it('updateWhere moves a document still versioned in `_v` to `rev` with its version one up, beside the documents it updates at once', async () => {
    f.collections.put('items', [{ _id: 'old', _v: 3, n: 1, status: 'open' }]);
    const fresh = createCloudBaseStore(f.db);
    await fresh.create<Item>('items', { _id: 'new', n: 2, status: 'open' });
    await fresh.create<Item>('items', { _id: 'other', n: 3, status: 'closed' });
    expect(await fresh.updateWhere('items', { status: 'open' }, { flag: true })).toBe(2);
    expect(f.collections.docs('items')).toEqual(
      expect.arrayContaining([
        { _id: 'old', n: 1, status: 'open', flag: true, rev: 4 },
        { _id: 'new', n: 2, status: 'open', flag: true, rev: 2 },
        { _id: 'other', n: 3, status: 'closed', rev: 1 },
      ]),
    );
    // A compare-and-swap on the version read before fails, as after any update.
    await expect(fresh.update<Item>('items', 'old', 3, { _id: 'old', n: 9 })).rejects.toBeInstanceOf(VersionConflict);
  });

  it('migrateVersionField moves every `_v` to `rev`, page by page, and leaves migrated documents alone', async () => {
    f.collections.put('items', Array.from({ length: 7 }, (_, i) => ({ _id: `o${i}`, _v: i + 1, n: i })));
    await store.create<Item>('items', { _id: 'new', n: 99 });
    const report = await migrateVersionField(f.db, ['items', 'counters'], { pageSize: 3 });
    expect(report).toEqual({ items: 7, counters: 0 });
    const docs = f.collections.docs('items');
    expect(docs).toHaveLength(8);
    for (const d of docs) {
      expect(d).not.toHaveProperty('_v');
      expect(typeof d.rev).toBe('number');
    }
    expect(await store.get<Item>('items', 'o4')).toEqual({ _id: 'o4', n: 4, _v: 5 });
    expect(await migrateVersionField(f.db, ['items'])).toEqual({ items: 0 });
  });

  it('inside a transaction only single-document requests are sent', async () => {
    await store.create<Counter>('counters', { _id: 'c', value: 0 });
    f.requests.length = 0;
    await store.transaction(async (tx) => {
      const c = await tx.get<Counter>('counters', 'c');
      await tx.update<Counter>('counters', 'c', c?._v ?? 0, { _id: 'c', value: 1 });
      await tx.create<Item>('items', { _id: 'x' });
      await tx.remove('items', 'x');
    });
    const inTx = f.requests.filter((r) => (r.params as { transactionId?: string } | undefined)?.transactionId);
    expect(inTx.length).toBeGreaterThan(0);
    for (const r of inTx) {
      const params = r.params as { queryType?: string; transactionId: string };
      if (r.action === 'database.insertDocument' || r.action === 'database.commitTransaction') continue;
      expect(params.queryType).toBe('DOC');
    }
    expect(f.requests.map((r) => r.action)).toEqual(
      expect.arrayContaining(['database.startTransaction', 'database.commitTransaction']),
    );
  });
});

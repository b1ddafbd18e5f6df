/**
 * Effects of a change — messages, points (量化积分) and activity records (活动记录) — recorded on
 * the document in the same write as the change (`effects`), carried out right after the save,
 * and cleared from the document once done. A crash between the save and the effects leaves
 * them on the document, where the timer finds them (`effectsDueAt`) and carries them out; each
 * effect's key makes a second attempt harmless (an outbox row, a ledger entry, an activity per
 * key). So nothing is lost and nothing is doubled.
 */
import type { ActivityEffect } from '../activities/types';
import { recordActivityEffects } from '../activities/record';
import type { Deps } from '../deps';
import type { Member } from '../members/types';
import { grantPoints, pointGroups, pointsReads, readPointsContext, writePointsIn, type PointsContext } from '../points/ledger';
import { enqueue, enqueueIn, outboxIdFor, type MessageKind, type NewMessage } from '../outbox/outbox';
import { VersionConflict, type Filter, type Store, type StoredDoc, type TransactionOps } from '../ports/store';
import { retryOnConflict } from '../shared/retry';

/** Who a message goes to, resolved to openids only when it is sent. */
export type Audience =
  | { openid: string }
  | { representative: string }
  | { studioLiaisons: string }
  | { admins: true }
  | { contact: string }
  /**
   * Everyone a query finds: the `field` (an openid) of each document of collection `docs`
   * matching `where` (a Filter as JSON: stored field paths stay short, as CloudBase asks), paged.
   */
  | { docs: string; where: string; field: string };

export interface MessageEffect {
  type: 'message';
  /** Unique per event and message; with the recipient's openid it is the outbox dedupe key. */
  key: string;
  to: Audience;
  kind: MessageKind;
  title: string;
  body: string;
  page: string | null;
  at: number;
}

/**
 * Points earned by a representative for one event (core/points): written once per key as a
 * ledger entry that points back to the event (`src`), within the rule's yearly cap.
 */
export interface PointsEffect {
  type: 'points';
  /** Unique per source event and representative: the ledger entry's id is derived from it. */
  key: string;
  /** The representative who earned them. */
  rep: string;
  /** The rule's code (core/points/rules.ts). */
  code: string;
  /** The event that earned them: kind of document, its id, and the timeline index or the date. */
  src: { kind: string; id: string; ref: string };
  /** What happened, in a few words, for the ledger line. */
  note: string;
  at: number;
}

export type Effect = MessageEffect | PointsEffect | ActivityEffect;

export const isMessage = (e: Effect): e is MessageEffect => e.type === 'message';

/** The fields a document carries to hold its effects until they are done. */
export interface HoldsEffects extends StoredDoc {
  effects?: Effect[];
  /** Set while effects are pending: the timer drains documents whose effects are overdue. */
  effectsDueAt?: number | null;
}

const MEMBER_PAGE = 1000;
const QUERY_PAGE = 500;
const ENQUEUE_CHUNK = 100;

/** Resolves audiences to openids, one query per kind of audience, cached for one run. */
export class Recipients {
  private liaisons: Promise<Member[]> | null = null;
  private admins: Promise<string[]> | null = null;
  private byRep = new Map<string, Promise<string | null>>();
  private byContact = new Map<string, Promise<string | null>>();
  private byQuery = new Map<string, Promise<string[]>>();
  /** What these effects' points read (readPointsContext), when read early (`readEarly`). */
  points: Promise<PointsContext> | null = null;

  constructor(private readonly store: Store) {}

  /** Openids for each audience, in order. Representatives and contacts are looked up together. */
  async resolve(audiences: readonly Audience[]): Promise<string[][]> {
    this.prefetch(audiences);
    return Promise.all(audiences.map((a) => this.one(a)));
  }

  /** The WeChat account bound to a representative, or null. */
  representative(representativeId: string): Promise<string | null> {
    this.prefetch([{ representative: representativeId }]);
    return this.byRep.get(representativeId) ?? Promise.resolve(null);
  }

  private prefetch(audiences: readonly Audience[]) {
    const reps = [...new Set(audiences.flatMap((a) => ('representative' in a ? [a.representative] : [])))].filter((id) => !this.byRep.has(id));
    if (reps.length) this.lookup(reps, 'representativeId', this.byRep);
    const contacts = [...new Set(audiences.flatMap((a) => ('contact' in a ? [a.contact] : [])))].filter((id) => !this.byContact.has(id));
    if (contacts.length) this.lookup(contacts, 'contactId', this.byContact);
  }

  private lookup(ids: string[], field: 'representativeId' | 'contactId', cache: Map<string, Promise<string | null>>) {
    const found = this.store.find<Member>('members', { where: { [field]: { in: ids } }, limit: MEMBER_PAGE });
    for (const id of ids) cache.set(id, found.then((ms) => ms.find((m) => m[field] === id)?._id ?? null));
  }

  private async one(a: Audience): Promise<string[]> {
    if ('openid' in a) return [a.openid];
    if ('representative' in a) return nonNull(await this.representative(a.representative));
    if ('contact' in a) return nonNull((await this.byContact.get(a.contact)) ?? null);
    if ('studioLiaisons' in a) {
      // Liaison staff are few (a handful per township): one query for all, filtered here.
      this.liaisons ??= this.store.find<Member>('members', { where: { role: 'liaison' }, limit: MEMBER_PAGE });
      return (await this.liaisons).filter((m) => m.studioIds.includes(a.studioLiaisons)).map((m) => m._id);
    }
    if ('admins' in a) {
      this.admins ??= this.store.find<Member>('members', { where: { role: 'admin' }, limit: MEMBER_PAGE }).then((ms) => ms.map((m) => m._id));
      return this.admins;
    }
    const k = `${a.docs}\u0000${a.where}\u0000${a.field}`;
    let found = this.byQuery.get(k);
    if (!found) {
      found = this.everyoneIn(a.docs, JSON.parse(a.where) as Filter, a.field);
      this.byQuery.set(k, found);
    }
    return found;
  }

  /** Pages through a query by `_id` (keyset: no row is missed or repeated when rows change). */
  private async everyoneIn(collection: string, filter: Filter, field: string): Promise<string[]> {
    const out: string[] = [];
    let after: string | null = null;
    for (;;) {
      const where: Filter = after === null ? filter : { ...filter, _id: { gt: after } };
      const page: StoredDoc[] = await this.store.find<StoredDoc>(collection, { where, orderBy: [['_id', 'asc']], limit: QUERY_PAGE });
      for (const doc of page) {
        const v = (doc as unknown as Record<string, unknown>)[field];
        if (typeof v === 'string' && v) out.push(v);
      }
      if (page.length < QUERY_PAGE) return [...new Set(out)];
      after = page[page.length - 1]._id;
    }
  }
}

const nonNull = (v: string | null): string[] => (v ? [v] : []);

/**
 * Carries out these effects, each once per key: outbox rows for messages, ledger entries for
 * points, activity records. Returns how many were new.
 */
export async function deliverEffects(deps: Deps, effects: readonly Effect[], recipients = new Recipients(deps.store)): Promise<number> {
  if (effects.length === 0) return 0;
  const points = effects.filter((e): e is PointsEffect => e.type === 'points');
  const activities = effects.filter((e): e is ActivityEffect => e.type === 'activity');
  const [messages, granted, recorded] = await Promise.all([
    deliverMessages(deps, effects.filter(isMessage), recipients),
    points.length ? grantPoints(deps, points, recipients.points ?? undefined) : 0,
    activities.length ? recordActivityEffects(deps, activities) : 0,
  ]);
  return messages + granted + recorded;
}

/** Writes the outbox rows of these messages (each once per dedupe key); returns how many were new. */
async function deliverMessages(deps: Deps, effects: readonly MessageEffect[], recipients: Recipients): Promise<number> {
  if (effects.length === 0) return 0;
  const openids = await recipients.resolve(effects.map((e) => e.to));
  const rows = effects.flatMap((e, i) =>
    openids[i].map((to) => ({
      dedupeKey: `${e.key}:${to}`,
      recipientOpenid: to,
      kind: e.kind,
      title: e.title,
      body: e.body,
      page: e.page,
      createdAt: e.at,
    })),
  );
  let fresh = 0;
  for (let i = 0; i < rows.length; i += ENQUEUE_CHUNK) {
    const done = await Promise.all(rows.slice(i, i + ENQUEUE_CHUNK).map((row) => enqueue(deps.store, row)));
    fresh += done.filter(Boolean).length;
  }
  return fresh;
}

/**
 * Starts what carrying out these effects reads (their recipients, what their points need)
 * while the change is being saved: the same round as the save instead of one after it. A
 * failed early read fails the effects, which stay on the document for the timer (as any
 * failure of them does); nothing read early is used if the save fails.
 */
export function readEarly(deps: Deps, effects: readonly Effect[]): Recipients {
  const recipients = new Recipients(deps.store);
  const messages = effects.filter(isMessage);
  if (messages.length) recipients.resolve(messages.map((e) => e.to)).catch(() => undefined);
  const points = effects.filter((e): e is PointsEffect => e.type === 'points');
  if (points.length) {
    const read = readPointsContext(deps, points);
    read.catch(() => undefined);
    recipients.points = read;
  }
  return recipients;
}

/**
 * Carries out a saved document's pending effects and clears them from it. Effects recorded
 * by a later change meanwhile stay for their own flush. Returns the document as stored.
 */
export async function flushEffects<D extends HoldsEffects>(deps: Deps, collection: string, doc: D, recipients?: Recipients): Promise<D> {
  const pending = doc.effects ?? [];
  if (pending.length === 0) return doc;
  await deliverEffects(deps, pending, recipients);
  const done = new Set(pending.map((e) => e.key));
  let current: D | null = doc;
  for (let attempt = 0; attempt < 3 && current; attempt++) {
    const rest = (current.effects ?? []).filter((e) => !done.has(e.key));
    const { _v, ...fields } = current;
    try {
      return await deps.store.update<D>(collection, current._id, _v, {
        ...(fields as Omit<D, '_v'>),
        effects: rest,
        effectsDueAt: rest.length ? (current.effectsDueAt ?? null) : null,
      });
    } catch (e) {
      if (!(e instanceof VersionConflict)) throw e;
      current = await deps.store.get<D>(collection, doc._id);
    }
  }
  // Still changing under us: the effects are delivered; the timer clears what is left.
  return current ?? doc;
}

/** The fields to write with a change that records `effects`. */
export function withEffects<D extends HoldsEffects>(doc: D, effects: readonly Effect[], now: number): Pick<HoldsEffects, 'effects' | 'effectsDueAt'> {
  const pending = [...(doc.effects ?? []), ...effects];
  return { effects: pending, effectsDueAt: pending.length ? (doc.effectsDueAt ?? now) : null };
}

/** Messages carried out with points in one transaction at most this many rows (beyond: the usual way). */
const TOGETHER_ROWS = 20;

/**
 * Whether a change's effects can be carried out in one transaction with the clearing of them
 * (`flushTogether`): points with a few messages to known people (no query audience), no
 * activity records.
 */
export const flushesTogether = (effects: readonly Effect[]): boolean =>
  effects.some((e) => e.type === 'points') &&
  !effects.some((e) => e.type === 'activity') &&
  effects.filter(isMessage).length <= TOGETHER_ROWS &&
  effects.every((e) => !isMessage(e) || !('docs' in e.to));

/** The save failed: the transaction started with it gives up (and is not retried). */
class SaveFailed extends Error {
  constructor(readonly cause: unknown) {
    super('the change was not saved');
  }
}

/**
 * Carries out a change's effects — its points and messages — and clears them from the
 * document, all in one transaction started while the change itself is being saved (`saving`):
 * the transaction's start costs no round of its own, and its reads (the totals, the ledger
 * entries, the outbox rows, the document) and writes take one round each. The cap of points
 * is checked against the total read in it, as in grantPoints; the outbox rows and entries
 * keep their dedupe keys. If the save fails the transaction gives up and the save's error is
 * thrown; if the transaction fails, the saved document is answered with its effects still on
 * it, for the timer (drainEffects), as after any failure of them.
 */
export async function flushTogether<D extends HoldsEffects>(deps: Deps, collection: string, saving: Promise<D>, early: Recipients): Promise<D> {
  saving.catch(() => undefined);
  try {
    return await retryOnConflict(() =>
      deps.store.transaction(async (tx: TransactionOps) => {
        let saved: D;
        try {
          saved = await saving;
        } catch (e) {
          throw new SaveFailed(e);
        }
        const pending = saved.effects ?? [];
        const points = pending.filter((e): e is PointsEffect => e.type === 'points');
        const messages = pending.filter(isMessage);
        const groups = pointGroups(points);
        const [openids, ctx] = await Promise.all([early.resolve(messages.map((e) => e.to)), early.points ?? readPointsContext(deps, points)]);
        const rows: NewMessage[] = messages.flatMap((e, i) =>
          openids[i].map((to) => ({ dedupeKey: `${e.key}:${to}`, recipientOpenid: to, kind: e.kind, title: e.title, body: e.body, page: e.page, createdAt: e.at })),
        );
        // One round of reads: the document as the transaction sees it, and all the writes below need.
        const [doc] = await Promise.all([
          tx.get<D>(collection, saved._id),
          ...groups.flatMap((g) => pointsReads(g)).map(([c, id]) => tx.get(c, id)),
          ...rows.map((r) => tx.get('outbox', outboxIdFor(r.dedupeKey))),
        ]);
        if (!doc) return saved;
        const done = new Set(pending.map((e) => e.key));
        const rest = (doc.effects ?? []).filter((e) => !done.has(e.key));
        const { _v, ...fields } = doc;
        // One round of writes: the entries and totals, the messages, the document cleared.
        const [, , cleared] = await Promise.all([
          Promise.all(groups.map((g) => writePointsIn(tx, deps, g, ctx))),
          Promise.all(rows.map((r) => enqueueIn(tx, r))),
          tx.update<D>(collection, doc._id, _v, { ...(fields as Omit<D, '_v'>), effects: rest, effectsDueAt: rest.length ? (doc.effectsDueAt ?? null) : null }),
        ]);
        return cleared;
      }),
    );
  } catch (e) {
    if (e instanceof SaveFailed) throw e.cause;
    console.error(`effects of ${collection} left for the timer:`, e instanceof Error ? e.message : e);
    return saving;
  }
}

/**
 * The reminders registry: each kind declares when its documents next need looking at
 * (`nextRemindAt`, indexed) and which messages are due then; the timer plans every kind in
 * one loop, page by page, so its work grows with what is due, not with the collections.
 * Daily or monthly jobs (a digest, a compliance check) declare themselves as jobs.
 */
import type { Config } from '../config';
import type { Deps } from '../deps';
import { DuplicateId, VersionConflict, type CollectionName, type StoredDoc } from '../ports/store';
import { shanghai, shanghaiDate } from '../time';
import { deliverEffects, flushEffects, Recipients, type Effect, type HoldsEffects } from './effects';

export interface RunLimits {
  /** Documents planned per query page. */
  batch: number;
  /** Stop starting new work after this instant (wall-clock ms): the function's time limit. */
  deadline: number;
}

/** A kind's reminders. */
export interface ReminderSource<D extends StoredDoc & { nextRemindAt: number | null }> {
  name: string;
  collection: CollectionName;
  /** The messages due for `doc` at `now`; dedupe keys make a repeated run harmless. */
  due(deps: Deps, doc: D, now: number, config: Config): Effect[] | Promise<Effect[]>;
  /** When the document next needs looking at, after `now`; null when never. */
  next(doc: D, now: number, config: Config): number | null;
}

/** A job the timer runs at every run; it decides itself whether anything is due (dedupe keys). */
export interface TimerJob {
  name: string;
  run(deps: Deps, now: number, limits: RunLimits): Promise<number>;
}

/** Sets `nextRemindAt` unless someone changed the document meanwhile (their write set it then). */
async function moveOn<D extends StoredDoc & { nextRemindAt: number | null }>(deps: Deps, collection: string, doc: D, next: number | null) {
  if (doc.nextRemindAt === next) return;
  const { _v, ...rest } = doc;
  try {
    await deps.store.update<D>(collection, doc._id, _v, { ...rest, nextRemindAt: next } as unknown as Omit<D, '_v'>);
  } catch (e) {
    if (!(e instanceof VersionConflict)) throw e;
  }
}

/**
 * Plans what is due in every source, a page at a time: the page's messages are written, then
 * each document moves on to its next reminder time. A run that dies between the two is
 * repeated by the next run, and the dedupe keys hold. Returns documents looked at per source.
 */
export async function planReminders(
  deps: Deps,
  sources: ReadonlyArray<ReminderSource<StoredDoc & { nextRemindAt: number | null }>>,
  limits: RunLimits,
): Promise<Record<string, number>> {
  const now = deps.clock.now();
  const recipients = new Recipients(deps.store);
  const looked: Record<string, number> = {};
  for (const source of sources) {
    looked[source.name] = 0;
    while (Date.now() < limits.deadline) {
      const due = await deps.store.find<StoredDoc & { nextRemindAt: number | null }>(source.collection, {
        where: { nextRemindAt: { lte: now } },
        orderBy: [['nextRemindAt', 'asc']],
        limit: limits.batch,
      });
      if (due.length === 0) break;
      const effects = (await Promise.all(due.map((doc) => source.due(deps, doc, now, deps.config)))).flat();
      await deliverEffects(deps, effects, recipients);
      await Promise.all(due.map((doc) => moveOn(deps, source.collection, doc, source.next(doc, now, deps.config))));
      looked[source.name] += due.length;
      if (due.length < limits.batch) break;
    }
  }
  return looked;
}

/** A change whose effects are still on its document after this long was cut off: carry them out. */
const EFFECTS_GRACE_MS = 30 * 1000;

/** Carries out effects left on documents by a change that was cut off. Returns documents settled. */
export async function drainEffects(deps: Deps, collections: readonly CollectionName[], limits: RunLimits): Promise<number> {
  const before = deps.clock.now() - EFFECTS_GRACE_MS;
  const recipients = new Recipients(deps.store);
  let settled = 0;
  const seen = new Set<string>();
  for (const collection of collections) {
    while (Date.now() < limits.deadline) {
      const docs = await deps.store.find<HoldsEffects>(collection, {
        where: { effectsDueAt: { lte: before } },
        orderBy: [['effectsDueAt', 'asc']],
        limit: limits.batch,
      });
      const fresh = docs.filter((d) => !seen.has(`${collection}/${d._id}`));
      if (fresh.length === 0) break;
      for (const d of fresh) seen.add(`${collection}/${d._id}`);
      await Promise.all(fresh.map((d) => flushEffects(deps, collection, d, recipients)));
      settled += fresh.length;
      if (docs.length < limits.batch) break;
    }
  }
  return settled;
}

interface JobMark extends StoredDoc {
  at: number;
  count: number;
}

/**
 * A job done once a Shanghai day, at the first timer run from `hour` on (a digest, a
 * compliance check). A mark in `counters` says the day is done: one read per run after that.
 */
export function dailyJob(name: string, hour: (config: Config) => number, work: (deps: Deps, now: number, day: string) => Promise<number>): TimerJob {
  return {
    name,
    async run(deps, now) {
      if (shanghai(now).hour() < hour(deps.config)) return 0;
      const day = shanghaiDate(now);
      const markId = `job-${name}-${day}`;
      if (await deps.store.get<JobMark>('counters', markId)) return 0;
      const count = await work(deps, now, day);
      try {
        await deps.store.create<JobMark>('counters', { _id: markId, at: now, count });
      } catch (e) {
        if (!(e instanceof DuplicateId)) throw e; // another run did the day meanwhile: dedupe keys held
      }
      return count;
    },
  };
}

/**
 * Recording an activity (活动记录): typed in by the studio (`recordActivity`), or made by the
 * change that held it — closing a reception, closing a forum — through an `activity` effect
 * (`activityEffect`), so nobody enters it twice. A training (学习培训) earns each representative
 * present the `training` points, as an effect of the record itself.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../deps';
import type { Department, Representative, Studio } from '../directory/types';
import { AppError, forbidden, validationError } from '../errors';
import type { Caller } from '../members/types';
import { flushEffects, type PointsEffect } from '../matters/effects';
import { requestDocId } from '../matters/numbering';
import { DuplicateId } from '../ports/store';
import { checkText } from '../register/usecases';
import { shanghai, shanghaiDate, startOfShanghaiDay } from '../time';
import { REFUSALS, may } from './permissions';
import { ACTIVITY_KIND_LABELS, type Activity, type ActivityEffect, type ActivityKind, type ActivitySource } from './types';

/** What a record is made from, whoever makes it. */
export interface ActivityDraft {
  id: string;
  studioId: string;
  date: string;
  kind: ActivityKind;
  topic: string;
  repIds: string[];
  deptIds: string[];
  summary: string;
  photos: string[];
  src: ActivitySource;
  by: string;
  byName: string;
}

const activityIdFor = (key: string) => 'ac' + createHash('sha256').update(key).digest('hex').slice(0, 30);

/**
 * The `activity` effect a change records to create its activity (a reception's or a forum's
 * close). `key` names the event: `reception:<id>:close`.
 */
export function activityEffect(a: Omit<ActivityEffect, 'type'>): ActivityEffect {
  return { type: 'activity', ...a };
}

/** The points a record earns: `training` for each representative present at a 学习培训. */
function pointsOf(a: Pick<Activity, '_id' | 'kind' | 'date' | 'repIds' | 'reps' | 'topic'>, now: number): PointsEffect[] {
  if (a.kind !== 'training') return [];
  return a.repIds.map((rep) => ({
    type: 'points',
    key: `activity:${a._id}:training:${rep}`,
    rep,
    code: 'training',
    src: { kind: 'activity', id: a._id, ref: a.date },
    note: `参加学习培训：${a.topic}`,
    at: now,
  }));
}

/**
 * Stores the record (once per id) and carries out its points; answers the stored record.
 * Typed in, every representative must be the studio's (`strict`); made by an effect, the record
 * keeps whoever is still in the directory, so a changed directory never blocks the effect.
 */
export async function createActivity(deps: Deps, d: ActivityDraft, strict = true): Promise<{ activity: Activity; created: boolean }> {
  const [existing, studio, reps, depts] = await Promise.all([
    deps.store.get<Activity>('activities', d.id),
    deps.store.get<Studio>('studios', d.studioId),
    d.repIds.length ? deps.store.find<Representative>('representatives', { where: { _id: { in: d.repIds } }, limit: 200 }) : Promise.resolve([]),
    d.deptIds.length ? deps.store.find<Department>('departments', { where: { _id: { in: d.deptIds } }, limit: 200 }) : Promise.resolve([]),
  ]);
  if (existing) return { activity: existing, created: false };
  if (!studio) throw validationError('所选的党代表工作室不存在');
  if (strict && (reps.length !== new Set(d.repIds).size || reps.some((r) => r.studioId !== studio._id))) throw validationError('参加的党代表须为本工作室的党代表');
  if (strict && depts.length !== new Set(d.deptIds).size) throw validationError('所选的有关单位不存在');
  const now = deps.clock.now();
  const order = new Map(d.repIds.map((id, i) => [id, i]));
  const fields = {
    _id: d.id,
    studioId: studio._id,
    studioName: studio.name,
    townshipId: studio.townshipId,
    date: d.date,
    month: d.date.slice(0, 7),
    year: Number(d.date.slice(0, 4)),
    kind: d.kind,
    topic: d.topic,
    repIds: reps.map((r) => r._id).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
    reps: [...reps].sort((a, b) => (order.get(a._id) ?? 0) - (order.get(b._id) ?? 0)).map((r) => ({ id: r._id, name: r.name })),
    deptIds: [...new Set(d.deptIds)],
    depts: depts.map((x) => ({ id: x._id, name: x.name })),
    summary: d.summary,
    photos: d.photos,
    src: d.src,
    createdBy: d.by,
    createdName: d.byName,
    createdAt: now,
  };
  const effects = pointsOf(fields, now);
  let activity: Activity;
  try {
    activity = await deps.store.create<Activity>('activities', { ...fields, effects, effectsDueAt: effects.length ? now : null });
  } catch (e) {
    if (!(e instanceof DuplicateId)) throw e;
    return { activity: (await deps.store.get<Activity>('activities', d.id)) as Activity, created: false };
  }
  if (effects.length) {
    try {
      activity = await flushEffects(deps, 'activities', activity);
    } catch (e) {
      console.error(`effects of activities/${activity._id} left for the timer:`, e instanceof Error ? e.message : e);
    }
  }
  return { activity, created: true };
}

/** Carries out `activity` effects: one record per key. Returns how many were new. */
export async function recordActivityEffects(deps: Deps, effects: readonly ActivityEffect[]): Promise<number> {
  const done = await Promise.all(
    effects.map((e) =>
      createActivity(deps, {
        id: activityIdFor(e.key),
        studioId: e.studioId,
        date: e.date,
        kind: e.kind,
        topic: e.topic,
        repIds: e.repIds,
        deptIds: [],
        summary: e.summary,
        photos: [],
        src: e.src,
        by: e.by,
        byName: e.byName,
      }, false).catch((err: unknown) => {
        // A studio that no longer exists: nothing to record it under. Said, and not retried forever;
        // a store failure propagates, and the effect stays for the timer.
        if (!(err instanceof AppError)) throw err;
        console.error(`activity effect ${e.key} not recorded:`, err instanceof Error ? err.message : err);
        return { created: false };
      }),
    ),
  );
  return done.filter((d) => d.created).length;
}

export interface RecordCommand {
  requestId: string;
  studioId: string;
  date: string;
  kind: ActivityKind;
  topic: string;
  representativeIds: string[];
  departmentIds?: string[];
  summary: string;
  photos?: string[];
}

/** The earliest date a record may be typed in for: the first day of last month (Shanghai). */
export const earliestActivityDate = (now: number) => shanghai(now).startOf('month').subtract(1, 'month').format('YYYY-MM-DD');

/**
 * 登记活动: the studio's liaison records an activity of the six kinds — held today or since the
 * first of last month. Receptions and forums record themselves when they are closed; typing
 * one in here as well is refused (`reception`, `forum`): they come only from a close.
 * A retry with the same requestId answers the same record.
 */
export async function recordActivity(deps: Deps, caller: Caller, cmd: RecordCommand) {
  if (!may(caller, 'manage', { studioId: cmd.studioId })) throw forbidden(REFUSALS.manage);
  if (cmd.kind === 'reception') throw validationError('接待活动在接待“结束登记”时自动记录，无需另行登记');
  if (cmd.kind === 'forum') throw validationError('党代表论坛在论坛“登记论坛成果”时自动记录，无需另行登记');
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  if (cmd.date > today) throw validationError('活动日期不能晚于今天');
  const earliest = earliestActivityDate(now);
  if (cmd.date < earliest) throw validationError(`只能登记 ${earliest} 以后的活动`);
  if (startOfShanghaiDay(cmd.date) > now) throw validationError('活动日期不能晚于今天');
  await checkText(deps, caller, [cmd.topic, cmd.summary]);
  const { activity } = await createActivity(deps, {
    id: requestDocId('am', caller.openid, cmd.requestId),
    studioId: cmd.studioId,
    date: cmd.date,
    kind: cmd.kind,
    topic: cmd.topic,
    repIds: cmd.representativeIds,
    deptIds: cmd.departmentIds ?? [],
    summary: cmd.summary,
    photos: cmd.photos ?? [],
    src: { kind: 'manual', id: requestDocId('am', caller.openid, cmd.requestId) },
    by: caller.openid,
    byName: caller.name,
  });
  return viewActivity(activity);
}

/** A record as the pages show it. */
export function viewActivity(a: Activity) {
  return {
    id: a._id,
    studioId: a.studioId,
    studioName: a.studioName,
    date: a.date,
    kind: a.kind,
    kindLabel: ACTIVITY_KIND_LABELS[a.kind],
    topic: a.topic,
    representatives: a.reps,
    departments: a.depts,
    summary: a.summary,
    photos: a.photos,
    source: a.src,
    createdName: a.createdName,
    createdAt: a.createdAt,
  };
}

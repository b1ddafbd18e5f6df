/**
 * Scheduling a forum (安排论坛), publishing its notice and cancelling it. A forum may take up
 * register items (those its topic suggestions found): their submitters are told when it is
 * held and what came of it.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Deps } from '../deps';
import type { Department, Representative, Studio } from '../directory/types';
import { forbidden, notFound, validationError } from '../errors';
import type { Caller } from '../members/types';
import { requestDocId } from '../matters/numbering';
import { runTransition } from '../matters/runner';
import { timelineEvent } from '../matters/timeline';
import { DuplicateId } from '../ports/store';
import type { Item } from '../register/item';
import { may as mayOnItem } from '../register/permissions';
import { checkText } from '../register/usecases';
import { shanghaiDate } from '../time';
import { forumKind } from './kind';
import type { ForumAction, ForumStatus } from './lifecycle';
import { REFUSALS, may } from './permissions';
import type { Forum, ForumForm, ForumLevel } from './types';
import { viewForum } from './view';

const HOUR = 60 * 60 * 1000;

export interface ScheduleCommand {
  requestId?: string;
  level: ForumLevel;
  studioId?: string;
  townshipId?: string;
  topic: string;
  description: string;
  startAt: number;
  endAt: number;
  form: ForumForm;
  place?: string;
  representativeIds: string[];
  invitedDepartmentIds?: string[];
  /** Register items the forum takes up (from `suggestTopics`). */
  itemIds?: string[];
}

/** A forum the caller may see (drafts only for their organisers), or NOT_FOUND. */
export async function loadForum(deps: Deps, caller: Caller, id: string): Promise<Forum> {
  const f = await deps.store.get<Forum>('forums', id);
  if (!f || !may(caller, 'read', f)) throw notFound('该论坛');
  return f;
}

/** The forum as the caller sees it, with the views counted (`views` when already counted). */
export async function answerForum(deps: Deps, caller: Caller, f: Forum, views?: number) {
  return viewForum(f, caller, deps.clock.now(), views ?? (await deps.store.count('forumViews', { forumId: f._id })));
}

/** A forum the caller may see and its views counted, in one round. */
export async function loadCounted(deps: Deps, caller: Caller, id: string): Promise<{ forum: Forum; views: number }> {
  const [forum, views] = await Promise.all([loadForum(deps, caller, id), deps.store.count('forumViews', { forumId: id })]);
  return { forum, views };
}

/**
 * 安排论坛: a draft. County forums by an administrator; township and delegation forums by the
 * liaison of the organising studio. Everything it names is read in one round.
 */
export async function scheduleForum(deps: Deps, caller: Caller, cmd: ScheduleCommand) {
  const county = cmd.level === 'county';
  if (!county && !cmd.studioId) throw validationError('乡镇（街道）和代表团论坛请选择组织的党代表工作室');
  const studioId = county ? null : (cmd.studioId as string);
  if (!may(caller, 'schedule', { level: cmd.level, studioId })) throw forbidden(REFUSALS.schedule);
  const now = deps.clock.now();
  if (cmd.endAt <= cmd.startAt) throw validationError('结束时间应晚于开始时间');
  if (cmd.endAt - cmd.startAt > 12 * HOUR) throw validationError('一次论坛不能超过 12 小时');
  if (cmd.startAt <= now) throw validationError('开始时间应晚于现在');
  if (shanghaiDate(cmd.startAt) !== shanghaiDate(cmd.endAt)) throw validationError('论坛应在同一天内开始和结束');
  if (cmd.form === 'mobile' && !cmd.place) throw validationError('流动论坛请填写举行地点');
  const id = cmd.requestId ? requestDocId('fm', caller.openid, cmd.requestId) : 'fm' + createHash('sha256').update(`${caller.openid}|${now}|${randomInt(1e9)}`).digest('hex').slice(0, 22);

  const repIds = [...new Set(cmd.representativeIds)];
  const deptIds = [...new Set(cmd.invitedDepartmentIds ?? [])];
  const itemIds = [...new Set(cmd.itemIds ?? [])];
  const [retried, studio, reps, depts, items] = await Promise.all([
    cmd.requestId ? deps.store.get<Forum>('forums', id) : Promise.resolve(null),
    studioId ? deps.store.get<Studio>('studios', studioId) : Promise.resolve(null),
    Promise.all(repIds.map((rid) => deps.store.get<Representative>('representatives', rid))),
    Promise.all(deptIds.map((did) => deps.store.get<Department>('departments', did))),
    Promise.all(itemIds.map((iid) => deps.store.get<Item>('items', iid))),
  ]);
  if (retried) return answerForum(deps, caller, retried);
  if (studioId && !studio) throw validationError('所选的党代表工作室不存在');
  if (reps.some((r) => r === null)) throw validationError('所选的党代表不存在');
  if (depts.some((d) => d === null)) throw validationError('所选的有关单位不存在');
  // Only items the organiser may read: a liaison links their studios' items, an administrator any.
  if (items.some((i) => i === null || !mayOnItem(caller, 'read', i))) throw validationError('所选的意见建议不存在或不属于本工作室');
  if (!cmd.place && !studio && cmd.form !== 'online') throw validationError('县级论坛请填写举行地点');
  await checkText(deps, caller, [cmd.topic, cmd.description, cmd.place ?? '']);

  const linked = items as Item[];
  const forum: Omit<Forum, '_v'> = {
    _id: id,
    requestId: cmd.requestId ?? null,
    level: cmd.level,
    studioId,
    studioName: studio?.name ?? null,
    townshipId: studio?.townshipId ?? cmd.townshipId ?? null,
    topic: cmd.topic,
    description: cmd.description,
    startAt: cmd.startAt,
    endAt: cmd.endAt,
    form: cmd.form,
    place: cmd.place ?? (cmd.form === 'online' ? '线上（小程序内查看参加方式）' : (studio as Studio).address),
    representatives: (reps as Representative[]).map((r) => ({ id: r._id, name: r.name, unit: r.unit })),
    representativeIds: repIds,
    invitedDepartments: (depts as Department[]).map((d) => ({ id: d._id, name: d.name })),
    linkedItems: linked.map((i) => ({ id: i._id, no: i.no, category: i.category })),
    notify: [...new Set(linked.map((i) => i.submitterOpenid).filter((o) => !o.startsWith('walkin:')))],
    organiserOpenid: caller.openid,
    organiserName: caller.name,
    status: 'draft',
    createdAt: now,
    updatedAt: now,
    publishedAt: null,
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    attendance: [],
    attendanceIds: [],
    summary: null,
    outcomes: [],
    nextRemindAt: null,
    timeline: [timelineEvent<ForumStatus, 'schedule'>(now, 'schedule', caller, null, 'draft', linked.length ? `关联意见建议 ${linked.map((i) => i.no).join('、')}` : undefined)],
    effects: [],
    effectsDueAt: null,
  };
  try {
    return answerForum(deps, caller, await deps.store.create<Forum>('forums', forum), 0);
  } catch (e) {
    // The same request at the same moment from a second tap: the first one's forum.
    if (e instanceof DuplicateId && cmd.requestId) return answerForum(deps, caller, (await deps.store.get<Forum>('forums', id)) as Forum);
    throw e;
  }
}

/** Publish or cancel through the kernel's runner: checked, on the timeline, effects recorded with the save. */
async function act(deps: Deps, caller: Caller, id: string, action: ForumAction, change: (now: number) => Partial<Forum>, note?: string) {
  // Publishing or cancelling adds no view: the count read with the forum holds.
  const { forum, views } = await loadCounted(deps, caller, id);
  const saved = await runTransition(deps, forumKind, caller, forum, { action, change, note });
  return answerForum(deps, caller, saved, views);
}

/** 发布: the notice goes out (online, and printable at `GET /forums/<id>/notice`); the representatives, invited departments and the linked items' submitters are told. */
export const publishForum = (deps: Deps, caller: Caller, id: string) => act(deps, caller, id, 'publish', (now) => ({ publishedAt: now }));

/** 取消: until it starts, with the reason; everyone it was announced to is told. */
export async function cancelForum(deps: Deps, caller: Caller, id: string, reason: string) {
  await checkText(deps, caller, [reason]);
  return act(deps, caller, id, 'cancel', (now) => ({ cancelledAt: now, cancelReason: reason }), reason);
}

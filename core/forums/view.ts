/**
 * How a forum (党代表论坛) reads. Everyone gets the public view — level, topic, time, place,
 * the representatives taking part (name and unit, as on the notice), status, outcomes and the
 * proposals they became — with nothing personal of any resident in it: no linked item, no
 * view's sender. The organiser and the representatives taking part also get the linked items,
 * the organiser's name, the invited departments, the timeline and their actions.
 */
import type { Caller } from '../members/types';
import { forumLifecycle, FORUM_STATUS_LABELS, type ForumAction } from './lifecycle';
import { factsOf, may, relationsOf, viewsOpen } from './permissions';
import { FORUM_FORM_LABELS, FORUM_LEVEL_LABELS, hostsOf, type Forum } from './types';

/** Where it stands for a reader: 即将举行 / 进行中 / 待登记成果 / 已举行 / 已取消 (草稿 for its organiser). */
function phaseOf(f: Forum, now: number): { phase: string; phaseLabel: string } {
  if (f.status === 'draft') return { phase: 'draft', phaseLabel: '草稿' };
  if (f.status === 'cancelled') return { phase: 'cancelled', phaseLabel: '已取消' };
  if (f.status === 'closed') return { phase: 'held', phaseLabel: '已举行' };
  if (now < f.startAt) return { phase: 'upcoming', phaseLabel: '即将举行' };
  if (now < f.endAt) return { phase: 'ongoing', phaseLabel: '正在举行' };
  return { phase: 'ended', phaseLabel: '已结束，成果待登记' };
}

/** A forum as anyone may read it. */
export function publicForum(f: Forum, now: number) {
  return {
    id: f._id,
    level: f.level,
    levelLabel: FORUM_LEVEL_LABELS[f.level],
    studioId: f.studioId,
    studioName: f.studioName,
    townshipId: f.townshipId,
    topic: f.topic,
    description: f.description,
    startAt: f.startAt,
    endAt: f.endAt,
    form: f.form,
    formLabel: FORUM_FORM_LABELS[f.form],
    place: f.place,
    status: f.status,
    statusLabel: FORUM_STATUS_LABELS[f.status],
    ...phaseOf(f, now),
    representatives: f.representatives.map((r) => ({ id: r.id, name: r.name, unit: r.unit })),
    invitedDepartments: f.invitedDepartments.map((d) => d.name),
    publishedAt: f.publishedAt,
    cancelReason: f.cancelReason,
    closedAt: f.closedAt,
    /** `host`: presided (主持). */
    attendance: f.attendance.map((r) => ({ id: r.id, name: r.name, host: hostsOf(f).includes(r.id) })),
    summary: f.summary,
    outcomes: f.outcomes.map((o) => ({ title: o.title, content: o.content, asProposal: o.asProposal, proposalId: o.proposalId, proposalNo: o.proposalNo })),
    /** How many representatives and residents it took up: counted, never named. */
    linkedItemCount: f.linkedItems.length,
  };
}

export type PublicForum = ReturnType<typeof publicForum>;

/** What the caller may do now: the lifecycle's actions, and `submitView` while views are taken. */
export function forumActions(f: Forum, caller: Caller, now: number): Array<ForumAction | 'submitView'> {
  const out: Array<ForumAction | 'submitView'> = forumLifecycle.allowedActions(factsOf(f, now), relationsOf(caller, f));
  if (viewsOpen(f, now) && may(caller, 'submitView', f)) out.push('submitView');
  return out;
}

/** The forum for this caller: public fields, with the organiser's and participants' part when theirs. */
export function viewForum(f: Forum, caller: Caller, now: number, viewCount: number) {
  const base = { ...publicForum(f, now), viewCount, viewsOpen: viewsOpen(f, now), actions: forumActions(f, caller, now) };
  if (!may(caller, 'readViews', f)) return { ...base, staff: false as const };
  return {
    ...base,
    staff: true as const,
    organiserName: f.organiserName,
    invitedDepartmentRefs: f.invitedDepartments,
    linkedItems: f.linkedItems,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    timeline: f.timeline,
  };
}

export type ForumView = ReturnType<typeof viewForum>;

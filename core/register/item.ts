import { defaultConfig, type Config } from '../config';
import { calendarDaysBetween } from '../matters/deadline';
import type { Caller } from '../members/types';
import type { MatterDoc } from '../matters/runner';
import type { TimelineEvent } from '../matters/timeline';
import { factsOf } from './kind';
import { STATUS_LABELS, allowedActions, isOpen, type PublicAction, type Status, type TransitionAction } from './lifecycle';
import { may, relationsOf } from './permissions';

/** Where an opinion came in: online, at a reception, on a visit (组团联系走访), at a forum (论坛). */
export const CHANNELS = ['online', 'reception', 'visit', 'forum'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Categories of the paper register, kept short for a picker. */
export const CATEGORIES = [
  '民生服务',
  '城乡建设',
  '交通出行',
  '生态环境',
  '教育医疗',
  '社会保障',
  '就业创业',
  '农业农村',
  '党的建设',
  '矛盾纠纷',
  '其他',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** One line of the timeline (痕迹化管理): who did what, when, from which status to which. */
export type ItemEvent = TimelineEvent<Status, TransitionAction | 'submit'>;

/** A row of 《党员群众意见建议记录表》. */
export interface Item extends MatterDoc<Status, TransitionAction | 'submit'> {
  no: string;
  year: number;
  seq: number;
  requestId: string;
  submitterOpenid: string;
  channel: Channel;
  studioId: string;
  studioName: string;
  townshipId: string;
  category: Category;
  content: string;
  contactName: string | null;
  contactPhone: string | null;
  anonymous: boolean;
  /**
   * The submitter was staff of the item's studio (its representative or liaison, or an
   * administrator) when submitting: nobody rates it, so it never counts in the satisfaction
   * rate (separation of duties). Absent on items stored before it existed: false.
   */
  staffSubmitted?: boolean;
  /** When the retention job (or the submitter's `forgetMe`) erased the contact details; null while kept. */
  erasedAt?: number | null;
  /** Photo file IDs (`cloud://…` in the cloud, `local://uploads/…` on the local host), at most 3. */
  photos: string[];
  status: Status;
  /** Starts at 1; unsatisfied feedback opens the next round. */
  round: number;
  ownerRepId: string | null;
  ownerOpenid: string | null;
  ownerName: string | null;
  promise: { deadline: string; note: string; at: number } | null;
  referral: {
    departmentId: string;
    departmentName: string;
    deadline: string;
    note: string | null;
    at: number;
    result: string | null;
    resultAt: number | null;
  } | null;
  reply: { text: string; at: number; byName: string } | null;
  /** How the last round ended: answered (解答) or resolved (落实); null while open. */
  outcome: 'answered' | 'resolved' | null;
  /** Whether the last reply came by the deadline. */
  timeliness: 'on_time' | 'late' | null;
  /** The latest feedback. */
  satisfaction: 'satisfied' | 'unsatisfied' | null;
  feedback: Feedback[];
  rejectReason: string | null;
  /** The current deadline: the default reply period, or the promised or referral date. */
  dueAt: number;
  /** When an answered or resolved item without feedback closes itself. */
  closeDueAt: number | null;
  /** When it first left `submitted` by accept or assign, and how many Shanghai calendar days after submission (set by the kind; absent on older items). */
  acceptedAt?: number | null;
  acceptDays?: number | null;
  /** Shanghai calendar days from submission to the first answer or resolution (set by the kind). */
  replyDays?: number | null;
  /** When the reminder planner next looks at the item (core/notifications/policy.ts); null when closed. */
  nextRemindAt: number | null;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  /** The studio's phone when the item was registered: residents call it about an overdue item. */
  studioPhone?: string;
  /** When the submitter last chased it (催办); absent on items never chased. */
  urgedAt?: number | null;
  /** Residents whose duplicates were merged into this item (core/register/merge.ts); absent when none. */
  askers?: Asker[];
  /** On a `merged` item: the item it was merged into. */
  mergedInto?: { id: string; no: string } | null;
  /** Set when the item was raised at a reception (channel `reception`). */
  receptionId: string | null;
  bookingId: string | null;
  timeline: ItemEvent[];
}

/** One feedback (评价): per round, satisfied or not, an optional comment. */
export interface Feedback {
  round: number;
  satisfied: boolean;
  comment: string | null;
  at: number;
}

/**
 * A resident whose duplicate was merged into the item (one item, many askers): who (never shown
 * to other residents), their own item (now `merged`, its content kept here for the staff), and
 * their own feedback on this item's replies.
 */
export interface Asker {
  openid: string;
  itemId: string;
  no: string;
  content: string;
  at: number;
  fb: Feedback[];
}

/** How an item one's duplicate was merged into is doing, for the asker's own list. */
export interface MergedProgress {
  status: Status;
  statusLabel: string;
  overdue: boolean;
  daysLeft: number | null;
  /** The asker may rate its reply now. */
  asksFeedback: boolean;
  raisedBy: number;
}

/** `13812345678` → `138****5678`; other numbers keep their first 3 and last 2 characters. */
export function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  if (phone.length <= 5) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 5)}${phone.slice(-2)}`;
}

/** `张三丰` → `张**`. */
export const maskName = (name: string): string => name.slice(0, 1) + '*'.repeat(Math.max(1, name.length - 1));

export interface ItemView {
  id: string;
  no: string;
  status: Status;
  statusLabel: string;
  round: number;
  channel: Channel;
  studioId: string;
  studioName: string;
  category: Category;
  content: string;
  /**
   * The submitter's contact: in full only for the submitter; masked for everyone else.
   * `revealable`: the caller may see it in full through `register.showContact`, which is logged.
   */
  contact: { name: string | null; phone: string | null; masked: boolean; revealable: boolean };
  anonymous: boolean;
  photos: string[];
  owner: { name: string } | null;
  promise: Item['promise'];
  referral: Item['referral'];
  reply: Item['reply'];
  satisfaction: Item['satisfaction'];
  feedback: Item['feedback'];
  rejectReason: string | null;
  createdAt: number;
  updatedAt: number;
  dueAt: number;
  overdue: boolean;
  /** Calendar days (Shanghai) to the deadline while open: 0 on the day, negative once overdue; null when no longer open. */
  daysLeft: number | null;
  studioPhone: string | null;
  urgedAt: number | null;
  /** Past its deadline and chased (催办) lately: in how many days (24-hour periods, rounded up) it may be chased again; null otherwise. */
  urgeAgainInDays: number | null;
  closeDueAt: number | null;
  closedAt: number | null;
  receptionId: string | null;
  /** How many residents raised it: its submitter and the askers merged in ("N 位群众反映了此事"). */
  raisedBy: number;
  /** The caller follows it as an asker (their duplicate was merged into it). */
  asker: boolean;
  /** The duplicates merged into it, for the studio's staff only (null for everyone else). */
  linked: Array<{ id: string; no: string; content: string; at: number; satisfaction: 'satisfied' | 'unsatisfied' | null }> | null;
  /** On a merged item: the item it was merged into, with its progress when the list or page asked for it. */
  mergedInto: { id: string; no: string; progress: MergedProgress | null } | null;
  timeline: ItemEvent[];
  actions: PublicAction[];
}

const DAY = 24 * 60 * 60 * 1000;

/** In how many days an overdue item chased in the last N days may be chased again (the rule of `urge`, core/register/kind.ts). */
function urgeAgainInDays(item: Item, now: number, config: Pick<Config, 'urgeEveryDays'>): number | null {
  const urged = item.urgedAt ?? null;
  if (!isOpen(item.status) || item.dueAt >= now || urged === null) return null;
  const next = urged + config.urgeEveryDays * DAY;
  return next > now ? Math.ceil((next - now) / DAY) : null;
}

/** Staff of the item's studio (and admins): they see the duplicates merged into it. */
const STAFF_RELATIONS = ['owner', 'studioLiaison', 'studioRepresentative', 'admin'] as const;

const linkedOf = (a: Asker) => ({
  id: a.itemId,
  no: a.no,
  content: a.content,
  at: a.at,
  satisfaction: a.fb.length ? (a.fb[a.fb.length - 1].satisfied ? ('satisfied' as const) : ('unsatisfied' as const)) : null,
});

/** Timeline actions only the submitter takes: on an anonymous item they never say who. */
const SUBMITTERS_LINES: ReadonlySet<ItemEvent['action']> = new Set(['submit', 'feedbackSatisfied', 'feedbackUnsatisfied', 'urge']);

/**
 * The timeline as this caller may see it: on an anonymous item, the submitter's own lines
 * (submitting, rating) show 反映人 to everyone but the submitter — neither the role nor the
 * name of a representative or liaison who submitted anonymously.
 */
function timelineFor(item: Item, seesSubmitter: boolean, askerOnly: boolean): ItemEvent[] {
  const hideSubmitter = (item.anonymous || askerOnly) && !seesSubmitter;
  return item.timeline.map((e) =>
    hideSubmitter && SUBMITTERS_LINES.has(e.action)
      ? { ...e, actorRole: 'resident', actorName: '反映人' }
      : // Askers are never named on the timeline: 群众.
        e.action === 'askerFeedback'
        ? { ...e, actorRole: 'resident', actorName: '群众' }
        : e,
  );
}

/**
 * The item as this caller may see it: contact details in full only for the submitter
 * (everyone else sees them masked; the studio's liaison may reveal them through the logged
 * `showContact`), an anonymous item's submitter never named, and the actions the caller may
 * take now.
 */
export function viewItem(item: Item, caller: Caller, now: number, config: Pick<Config, 'urgeEveryDays'> = defaultConfig): ItemView {
  const relations = relationsOf(caller, item);
  const own = may(caller, 'seeContact', item);
  const revealable = !own && may(caller, 'showContact', item);
  const staff = STAFF_RELATIONS.some((r) => relations.has(r));
  // An asker sees the item, never who else raised it.
  const askerOnly = relations.has('asker') && !own && !staff && !relations.has('department');
  const mine = askerOnly ? item.askers?.find((a) => a.openid === caller.openid) : undefined;
  const contact = own
    ? { name: item.contactName, phone: item.contactPhone, masked: false, revealable: false }
    : item.anonymous || askerOnly
      ? { name: null, phone: null, masked: true, revealable: false }
      : {
          name: item.contactName === null ? null : maskName(item.contactName),
          phone: item.contactPhone === null ? null : maskPhone(item.contactPhone),
          masked: true,
          revealable,
        };
  return {
    id: item._id,
    no: item.no,
    status: item.status,
    statusLabel: STATUS_LABELS[item.status],
    round: item.round,
    channel: item.channel,
    studioId: item.studioId,
    studioName: item.studioName,
    category: item.category,
    content: item.content,
    contact,
    anonymous: item.anonymous,
    photos: item.photos ?? [],
    owner: item.ownerName ? { name: item.ownerName } : null,
    promise: item.promise,
    referral: item.referral,
    reply: item.reply,
    satisfaction: mine ? (mine.fb.length ? (mine.fb[mine.fb.length - 1].satisfied ? 'satisfied' : 'unsatisfied') : null) : item.satisfaction,
    feedback: mine ? mine.fb : askerOnly ? [] : item.feedback,
    rejectReason: item.rejectReason,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    dueAt: item.dueAt,
    overdue: isOpen(item.status) && item.dueAt < now,
    daysLeft: isOpen(item.status) ? calendarDaysBetween(now, item.dueAt) : null,
    studioPhone: item.studioPhone ?? null,
    urgedAt: item.urgedAt ?? null,
    urgeAgainInDays: urgeAgainInDays(item, now, config),
    closeDueAt: item.closeDueAt,
    closedAt: item.closedAt,
    receptionId: item.receptionId,
    raisedBy: 1 + (item.askers?.length ?? 0),
    asker: relations.has('asker'),
    linked: staff ? (item.askers ?? []).map(linkedOf) : null,
    mergedInto: item.mergedInto ? { ...item.mergedInto, progress: null } : null,
    timeline: timelineFor(item, own, askerOnly),
    actions: allowedActions(factsOf(item, now, config), relations),
  };
}

/** Reading inquiries: lists by scope, one inquiry, the supervision list, statistics, the contacts directory. */
import { createHash, randomInt } from 'node:crypto';
import type { Deps } from '../deps';
import { forbidden } from '../errors';
import type { Caller } from '../members/types';
import type { Filter } from '../ports/store';
import type { Page } from '../register/usecases';
import { checkText } from '../register/usecases';
import type { InquiryStatus } from './lifecycle';
import { INQUIRY_STATUSES } from './lifecycle';
import { REFUSALS, may, scopeOf } from './permissions';
import { SUBJECT_BODY_LABELS, type Contact, type Inquiry, type SubjectBody } from './types';
import { loadInquiry } from './usecases';
import { summarizeInquiry, viewInquiry } from './view';

/** One inquiry, for those who may know of it. */
export async function getInquiry(deps: Deps, caller: Caller, id: string) {
  return viewInquiry(await loadInquiry(deps, caller, id), caller, deps.clock.now(), deps.config);
}

/** A representative's own (raised or co-signed), a contact's queue, or every inquiry for an admin; newest first. */
export async function listInquiries(
  deps: Deps,
  caller: Caller,
  q: { status?: InquiryStatus; order?: 'newest' | 'due'; page: number; pageSize: number },
): Promise<Page<ReturnType<typeof summarizeInquiry>>> {
  if (!may(caller, 'list', null)) throw forbidden(REFUSALS.list);
  const where: Filter = { ...scopeOf(caller), ...(q.status ? { status: q.status } : {}) };
  // `due`: those awaiting the written reply with the clock running, the most urgent first.
  if (q.order === 'due') {
    if (q.status && q.status !== 'accepted') return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    where.status = 'accepted';
    where.dueAt = { exists: true };
  }
  const orderBy: Array<[string, 'asc' | 'desc']> = q.order === 'due' ? [['dueAt', 'asc']] : [['createdAt', 'desc']];
  const [rows, total] = await Promise.all([
    deps.store.find<Inquiry>('inquiries', { where, orderBy, limit: q.pageSize, skip: (q.page - 1) * q.pageSize }),
    deps.store.count('inquiries', where),
  ]);
  const now = deps.clock.now();
  return { items: rows.map((r) => summarizeInquiry(r, now)), total, page: q.page, pageSize: q.pageSize };
}

/** 督办: every inquiry whose written reply is overdue, the longest overdue first. */
export async function supervisionList(deps: Deps, caller: Caller, q: { page: number; pageSize: number }) {
  if (!may(caller, 'supervise', null)) throw forbidden(REFUSALS.supervise);
  const where: Filter = { status: 'accepted', dueAt: { lt: deps.clock.now() } };
  const [rows, total] = await Promise.all([
    deps.store.find<Inquiry>('inquiries', { where, orderBy: [['dueAt', 'asc']], limit: q.pageSize, skip: (q.page - 1) * q.pageSize }),
    deps.store.count('inquiries', where),
  ]);
  const now = deps.clock.now();
  return { items: rows.map((r) => ({ ...summarizeInquiry(r, now), accountability: r.accountability.length })), total, page: q.page, pageSize: q.pageSize };
}

const pct = (n: number, d: number) => ({ numerator: n, denominator: d, percent: d === 0 ? null : Math.round((n / d) * 1000) / 10 });

/** Figures of a year's inquiries (by number year): one grouped count and two counts. */
export async function inquiryStats(deps: Deps, caller: Caller, q: { year?: number }) {
  if (!may(caller, 'supervise', null)) throw forbidden(REFUSALS.supervise);
  const where: Filter = q.year ? { year: q.year } : {};
  const [groups, overdue, met] = await Promise.all([
    deps.store.countBy('inquiries', ['status', 'timeliness', 'satisfaction', 'round'], where),
    deps.store.count('inquiries', { ...where, status: 'accepted', dueAt: { lt: deps.clock.now() } }),
    deps.store.count('inquiries', { ...where, metAt: { exists: true } }),
  ]);
  const by: Record<string, number> = Object.fromEntries(INQUIRY_STATUSES.map((s) => [s, 0]));
  let raised = 0;
  let replied = 0;
  let onTime = 0;
  let satisfied = 0;
  let evaluated = 0;
  let furtherRounds = 0;
  for (const { key, count } of groups) {
    raised += count;
    if (typeof key.status === 'string') by[key.status] = (by[key.status] ?? 0) + count;
    if (key.timeliness !== null) replied += count;
    if (key.timeliness === 'on_time') onTime += count;
    if (key.satisfaction !== null) evaluated += count;
    if (key.satisfaction === 'satisfied') satisfied += count;
    if (typeof key.round === 'number' && key.round > 1) furtherRounds += count;
  }
  const accepted = raised - by.cosigning - by.submitted - by.returned;
  return {
    year: q.year ?? null,
    raised,
    byStatus: by,
    accepted,
    replied,
    repliedOnTime: onTime,
    met,
    evaluated,
    satisfied,
    furtherRounds,
    toCommittee: by.committee,
    overdue,
    rates: {
      onTime: { ...pct(onTime, replied), formula: '按期答复率 = 本轮在期限内书面答复 ÷ 已书面答复' },
      satisfied: { ...pct(satisfied, evaluated), formula: '满意率 = 评价满意办结 ÷ 已评价' },
    },
  };
}

/** 质询对象联系人: the directory the administrator picks a contact from when accepting. */
export async function listContacts(deps: Deps, caller: Caller) {
  if (!may(caller, 'supervise', null)) throw forbidden(REFUSALS.supervise);
  const rows = await deps.store.find<Contact>('contacts', { orderBy: [['createdAt', 'asc']], limit: 500 });
  return { items: rows.map((c) => ({ id: c._id, name: c.name, unit: c.unit, body: c.body, bodyLabel: SUBJECT_BODY_LABELS[c.body] })), total: rows.length };
}

/** Adds a contact; `members.invite {kind: "contact", contactId}` then gives them a code to bind their WeChat account. */
export async function addContact(deps: Deps, caller: Caller, cmd: { name: string; unit: string; body: SubjectBody }) {
  if (!may(caller, 'supervise', null)) throw forbidden(REFUSALS.supervise);
  await checkText(deps, caller, [cmd.name, cmd.unit]);
  const now = deps.clock.now();
  const contact = await deps.store.create<Contact>('contacts', {
    _id: 'ct' + createHash('sha256').update(`${cmd.name}|${now}|${randomInt(1e9)}`).digest('hex').slice(0, 22),
    name: cmd.name,
    unit: cmd.unit,
    body: cmd.body,
    createdAt: now,
    createdBy: caller.openid,
  });
  return { id: contact._id, name: contact.name, unit: contact.unit, body: contact.body, bodyLabel: SUBJECT_BODY_LABELS[contact.body] };
}

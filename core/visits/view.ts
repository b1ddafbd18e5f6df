/** How groups, households and visits look to a caller who may see them. */
import type { Caller } from '../members/types';
import { maskPhone } from '../register/item';
import { shanghaiDate, shanghaiYear } from '../time';
import { may } from './permissions';
import { MUST_VISIT_LABELS, VISIT_MODE_LABELS, type Household, type MustVisit, type Visit, type VisitGroup } from './types';

/** `2026-11-20` → `2026年11月20日`: dates in texts a person reads. */
export const dayText = (date: string): string => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** 下叶村 3组 12号 as one line: `下叶村3组12号`. */
export function addressOf(h: Pick<Household, 'village' | 'team' | 'doorNo'>): string {
  const team = h.team ? (/组$/.test(h.team) ? h.team : `${h.team}组`) : '';
  const door = /[号室]$/.test(h.doorNo) ? h.doorNo : `${h.doorNo}号`;
  return `${h.village}${team}${door}`;
}

const plain = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** The address normalised (width, spaces, a trailing 组 or 号): one household per address in a township. */
export function addrKeyOf(h: Pick<Household, 'village' | 'team' | 'doorNo'>): string {
  return [plain(h.village), plain(h.team ?? '').replace(/组$/, ''), plain(h.doorNo).replace(/号$/, '')].join('|');
}

/** The register's order: village, then team and door number with their numbers compared as numbers. */
export function sortKeyOf(h: Pick<Household, 'village' | 'team' | 'doorNo'>): string {
  const pad = (s: string) => s.replace(/\d+/g, (d) => d.padStart(6, '0'));
  const [v, t, d] = addrKeyOf(h).split('|');
  return `${v}|${pad(t)}|${pad(d)}`;
}

export const categoriesOf = (codes: readonly MustVisit[]) => codes.map((code) => ({ code, label: MUST_VISIT_LABELS[code] }));

/** The actions a caller may take on a group, as the pages render them. */
export type GroupAction = 'record' | 'sendCase' | 'manage' | 'export';

export function groupActions(caller: Caller, g: VisitGroup): GroupAction[] {
  const out: GroupAction[] = [];
  if (may(caller, 'record', g)) out.push('record');
  if (may(caller, 'sendCase', g)) out.push('sendCase');
  if (may(caller, 'manage', g)) out.push('manage');
  if (may(caller, 'report', { scope: 'group', group: g })) out.push('export');
  return out;
}

export function viewGroup(g: VisitGroup, caller: Caller) {
  return {
    id: g._id,
    townshipId: g.townshipId,
    townshipName: g.townshipName,
    studioId: g.studioId,
    name: g.name,
    leader: { ...g.leader, representativeId: g.leaderRepId },
    members: g.members.map((m) => ({ ...m, leader: m.representativeId === g.leaderRepId })),
    villages: g.villages,
    sector: g.sector,
    target: g.target,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
    actions: groupActions(caller, g),
  };
}

export type GroupView = ReturnType<typeof viewGroup>;

/** A household as a caller who may see it sees it: the phone in full only for liaison staff and administrators. */
export function viewHousehold(h: Household, fullPhone: boolean, now: number) {
  return {
    id: h._id,
    groupId: h.groupId,
    village: h.village,
    team: h.team,
    doorNo: h.doorNo,
    address: addressOf(h),
    head: h.head,
    phone: h.phone === null ? null : fullPhone ? h.phone : maskPhone(h.phone),
    phoneMasked: h.phone !== null && !fullPhone,
    categories: categoriesOf(h.categories),
    mustVisit: h.must > 0,
    rep: h.repId ? { representativeId: h.repId, name: h.repName } : null,
    note: h.note,
    lastVisitAt: h.lastVisitAt,
    lastVisitDate: h.lastVisitAt === null ? null : shanghaiDate(h.lastVisitAt),
    visitedThisYear: h.lastVisitYear === shanghaiYear(now),
  };
}

export type HouseholdView = ReturnType<typeof viewHousehold>;

/** A visit record as its group's members, the liaison and administrators see it. */
export function viewVisit(v: Visit) {
  return {
    id: v._id,
    groupId: v.groupId,
    groupName: v.groupName,
    date: v.date,
    mode: v.mode,
    modeLabel: VISIT_MODE_LABELS[v.mode],
    by: { representativeId: v.byRepId, name: v.byName },
    with: v.withRepIds.map((representativeId, i) => ({ representativeId, name: v.withNames[i] ?? '' })),
    others: v.others,
    households: v.households.map((h) => ({ ...h, categories: categoriesOf(h.categories) })),
    learned: v.learned,
    photos: v.photos,
    issues: v.issues,
    createdAt: v.createdAt,
  };
}

export type VisitView = ReturnType<typeof viewVisit>;

import { CATEGORIES } from '../register/item';
import { calendarDate, docId, fileId, instant, paging, phone, requestIdSchema, text, z } from '../shared/validation';
import { caseToProposal, completeMeasure, decideCase, getCase, listCases, scheduleCase, sendCase, withdrawCase } from '../visits/cases';
import { createGroup, getGroup, listGroups, townshipRepresentatives, updateGroup } from '../visits/groups';
import { addHousehold, getHousehold, HOUSEHOLD_LIMITS as L, listHouseholds, removeHousehold, updateHousehold } from '../visits/households';
import { CASE_STATUSES } from '../visits/lifecycle';
import { visitProgress } from '../visits/progress';
import { getVisit, listIssues, listVisits, MAX_VISIT_HOUSEHOLDS, recordVisit } from '../visits/record';
import { ISSUE_OUTCOMES, MUST_VISIT, VISIT_MODES } from '../visits/types';
import { action, type FunctionDef } from './define';

const byId = z.object({ id: docId }).strict();
const year = z.number().int().min(2000).max(2100);

const leader = z.union([
  z.object({ representativeId: docId }).strict(),
  z.object({ name: text('组长姓名', 2, 20), post: text('组长职务', 2, 40) }).strict(),
]);
const groupFields = {
  name: text('代表组名称', 2, 30),
  leader,
  memberIds: z.array(docId).max(30, { message: '一个代表组最多 30 位组员' }),
  villages: z.array(text('村（社区）名称', 2, 30)).max(50, { message: '最多联系 50 个村（社区）' }).optional(),
  sector: text('联系界别', 2, 30).optional(),
  target: z.number().int().min(1).max(5000).optional(),
};

/** The household fields of the form, the same rules as the import (core/visits/households.ts). */
const householdFields = {
  village: text('村（社区）', 2, L.village),
  team: z.string().trim().max(L.team, { message: `组不能超过 ${L.team} 个字` }).optional(),
  doorNo: text('门牌号', 1, L.doorNo),
  head: text('户主姓名', L.headMin, L.headMax),
  // '' clears it when changing a household
  phone: z.union([phone, z.literal('')]).optional(),
  categories: z.array(z.enum(MUST_VISIT)).max(MUST_VISIT.length).optional(),
  repId: z.union([docId, z.literal('')]).optional(),
  note: z.string().trim().max(L.note, { message: `备注不能超过 ${L.note} 个字` }).optional(),
};
const { repId: _repId, ...newHouseholdFields } = householdFields;

const issue = z
  .object({
    text: text('问题内容', 5, 1000),
    category: z.enum(CATEGORIES),
    outcome: z.enum(ISSUE_OUTCOMES),
    action: text('处理情况', 2, 500).optional(),
    householdId: docId.optional(),
  })
  .strict();

const measure = z
  .object({ text: text('措施内容', 4, 500), owner: text('责任人', 2, 40), ownerRepId: docId.optional(), deadline: calendarDate })
  .strict();

/** `visits`: 组团联系服务 — groups, the household register, visit records, 民情会诊 cases, progress. Staff only. */
export const visits: FunctionDef = {
  groups: action(z.object({ townshipId: docId.optional() }).strict(), (deps, caller, q) => listGroups(deps, caller, q)),
  group: action(byId, (deps, caller, q) => getGroup(deps, caller, q.id)),
  createGroup: action(z.object({ townshipId: docId, ...groupFields }).strict(), (deps, caller, cmd) => createGroup(deps, caller, cmd)),
  updateGroup: action(z.object(groupFields).partial().extend({ id: docId }).strict(), (deps, caller, cmd) => updateGroup(deps, caller, cmd)),
  candidates: action(z.object({ townshipId: docId }).strict(), (deps, caller, q) => townshipRepresentatives(deps, caller, q.townshipId)),

  households: action(
    z.object({ groupId: docId, must: z.boolean().optional(), unvisited: z.boolean().optional(), category: z.enum(MUST_VISIT).optional(), ...paging }).strict(),
    (deps, caller, q) => listHouseholds(deps, caller, q),
  ),
  household: action(byId, (deps, caller, q) => getHousehold(deps, caller, q.id), (q) => [['households', q.id]]),
  addHousehold: action(z.object({ groupId: docId, ...householdFields }).strict(), (deps, caller, cmd) => addHousehold(deps, caller, cmd)),
  updateHousehold: action(z.object(householdFields).partial().extend({ id: docId, groupId: docId.optional() }).strict(), (deps, caller, cmd) =>
    updateHousehold(deps, caller, cmd),
  ),
  removeHousehold: action(byId, (deps, caller, q) => removeHousehold(deps, caller, q.id)),

  recordVisit: action(
    z
      .object({
        requestId: requestIdSchema,
        groupId: docId,
        date: calendarDate,
        mode: z.enum(VISIT_MODES),
        householdIds: z.array(docId).max(MAX_VISIT_HOUSEHOLDS, { message: `一次走访最多登记 ${MAX_VISIT_HOUSEHOLDS} 户` }).optional(),
        newHouseholds: z.array(z.object(newHouseholdFields).strict()).max(MAX_VISIT_HOUSEHOLDS).optional(),
        withRepIds: z.array(docId).max(30).optional(),
        others: text('其他同行人员', 1, 100).optional(),
        learned: text('了解情况', 5, 2000),
        photos: z.array(fileId).max(3, { message: '最多上传 3 张照片' }).optional(),
        issues: z.array(issue).max(10, { message: '一次走访最多登记 10 个问题' }).optional(),
      })
      .strict(),
    (deps, caller, cmd) => recordVisit(deps, caller, cmd),
  ),
  visits: action(z.object({ groupId: docId.optional(), from: calendarDate.optional(), to: calendarDate.optional(), ...paging }).strict(), (deps, caller, q) =>
    listVisits(deps, caller, q),
  ),
  visit: action(byId, (deps, caller, q) => getVisit(deps, caller, q.id)),
  issues: action(z.object({ groupId: docId, open: z.boolean().optional() }).strict(), (deps, caller, q) => listIssues(deps, caller, q)),

  progress: action(z.object({ scope: z.enum(['group', 'township', 'county']), id: docId.optional(), year: year.optional() }).strict(), (deps, caller, q) =>
    visitProgress(deps, caller, q),
  ),

  sendCase: action(
    z
      .object({
        requestId: requestIdSchema,
        groupId: docId,
        issueIds: z.array(docId).min(1, { message: '请至少选择一个问题' }).max(10, { message: '一次最多提交 10 个问题' }),
        title: text('会诊事项', 4, 60),
        summary: text('情况说明', 10, 2000),
      })
      .strict(),
    (deps, caller, cmd) => sendCase(deps, caller, cmd),
  ),
  cases: action(z.object({ groupId: docId.optional(), status: z.enum(CASE_STATUSES).optional(), ...paging }).strict(), (deps, caller, q) => listCases(deps, caller, q)),
  case: action(byId, (deps, caller, q) => getCase(deps, caller, q.id)),
  scheduleCase: action(z.object({ id: docId, at: instant, place: text('会诊地点', 2, 100), attendees: text('参加人员', 2, 300).optional() }).strict(), (deps, caller, cmd) =>
    scheduleCase(deps, caller, cmd),
  ),
  decideCase: action(
    z
      .object({
        id: docId,
        decision: text('会诊决定', 4, 2000),
        measures: z.array(measure).min(1, { message: '请至少登记一项措施' }).max(20, { message: '最多登记 20 项措施' }),
      })
      .strict(),
    (deps, caller, cmd) => decideCase(deps, caller, cmd),
  ),
  completeMeasure: action(z.object({ id: docId, measureId: docId, result: text('落实情况', 4, 1000) }).strict(), (deps, caller, cmd) => completeMeasure(deps, caller, cmd)),
  toProposal: action(
    z
      .object({
        id: docId,
        note: text('转为代表提议的说明', 4, 1000),
        proposerRepIds: z.array(docId).min(1, { message: '请至少选择一位提议人' }).max(30, { message: '提议人最多 30 位' }).optional(),
      })
      .strict(),
    (deps, caller, cmd) => caseToProposal(deps, caller, cmd),
  ),
  withdrawCase: action(z.object({ id: docId, reason: text('撤回理由', 2, 500) }).strict(), (deps, caller, cmd) => withdrawCase(deps, caller, cmd)),
};

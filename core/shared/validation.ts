import { zhCN } from 'zod/locales';
import { validationError } from '../errors';
// The slice of zod the schemas use: a bundle then holds no locale but zhCN (see ./zod.ts).
import * as z from './zod';

z.config(zhCN());

/** Chinese names of the fields users type or clients send, for error messages. */
const LABELS: Record<string, string> = {
  action: '操作',
  id: '编号',
  requestId: '请求标识',
  studioId: '工作室',
  townshipId: '乡镇（街道）',
  category: '类别',
  content: '反映内容',
  contactName: '联系人姓名',
  contactPhone: '联系电话',
  anonymous: '匿名',
  page: '页码',
  pageSize: '每页条数',
  status: '状态',
  overdue: '逾期',
  representativeId: '党代表',
  reply: '答复内容',
  deadline: '期限',
  note: '说明',
  departmentId: '有关单位',
  result: '办理结果',
  reason: '理由',
  satisfied: '是否满意',
  comment: '评价意见',
  scope: '统计范围',
  from: '开始日期',
  to: '结束日期',
  code: '邀请码',
  kind: '类型',
  studioIds: '工作室',
  subject: '质询对象',
  area: '质询方面',
  title: '标题',
  coSigners: '联名党代表',
  attachments: '附件',
  context: '质询时机',
  contactId: '质询对象联系人',
  question: '问题',
  answer: '补充说明',
  text: '答复内容',
  at: '时间',
  place: '地点',
  attendees: '参加人员',
  summary: '情况',
  days: '天数',
  measure: '问责方式',
  decision: '研究决定',
  name: '姓名',
  unit: '单位职务',
  body: '质询对象',
  year: '年份',
  order: '排序',
  q: '搜索',
  // 组团联系服务 (core/visits)
  groupId: '代表组',
  leader: '组长',
  memberIds: '组员',
  villages: '联系村（社区）',
  sector: '联系界别',
  target: '年度走访目标',
  village: '村（社区）',
  team: '组',
  doorNo: '门牌号',
  head: '户主姓名',
  phone: '联系电话',
  categories: '必访类别',
  repId: '联系代表',
  must: '必访户',
  unvisited: '今年未走访',
  date: '日期',
  mode: '走访方式',
  householdIds: '走访住户',
  newHouseholds: '新住户',
  withRepIds: '同行代表',
  others: '其他同行人员',
  learned: '了解情况',
  photos: '照片',
  issues: '反映的问题',
  issueIds: '问题',
  measures: '措施',
  measureId: '措施',
  fileId: '文件',
  month: '月份',
  level: '层级',
  topic: '主题',
  description: '论坛说明',
  startAt: '开始时间',
  endAt: '结束时间',
  form: '形式',
  representativeIds: '党代表',
  invitedDepartmentIds: '列席单位',
  itemIds: '关联的意见建议',
  months: '月数',
  when: '时间范围',
  outcomes: '论坛成果',
  asProposal: '是否转为代表提议',
  leadDepartmentId: '主办单位',
  assistingDepartmentIds: '协办单位',
  leaderName: '领衔督办的县领导',
  key: '重点提议',
  percent: '办理进度',
  milestone: '节点名称',
  until: '延期至',
  rating: '评价',
  public: '公开',
  attendance: '出席情况',
  pending: '待办',
  successorId: '接替人',
  approve: '是否通过',
  log: '记录类型',
  by: '查阅人',
  itemId: '意见建议',
  contactPublic: '公开联系方式',
  confirm: '确认',
  // studio operations (activities, roster, points, dashboard)
  departmentIds: '有关单位',
  items: '服务承诺',
  weekdays: '星期',
  halves: '时段',
  perShift: '每班人数',
  skipDates: '不排班的日期',
  replace: '覆盖',
  dates: '日期',
  shiftId: '班次',
  fromRepId: '换班党代表',
  toRepId: '接班党代表',
  toShiftId: '对换班次',
  outcome: '审批结果',
  capacity: '名额',
  rules: '积分规则',
  points: '分值',
  evidence: '佐证材料',
};

/** Parses `input` with `schema` or throws VALIDATION with a Chinese message naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => {
    const field = i.path.length ? String(i.path[0]) : '';
    const label = LABELS[field] ?? field;
    // The messages of `text()` already name their field in the words of the form it is on.
    const named = TEXT_MESSAGE.test(i.message);
    return { path: i.path.join('.'), message: label && !named ? `${label}：${i.message}` : i.message };
  });
  throw validationError(`输入有误：${issues[0].message}`, { issues });
}

/** The shapes of `text()`'s own messages. */
const TEXT_MESSAGE = /^请填写(?!正确).|.至少 \d+ 个字$|.不能超过 \d+ 个字$/;

/** Text a user typed: trimmed, with a Chinese message for the length rule. */
export const text = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, { message: min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字` })
    .max(max, { message: `${label}不能超过 ${max} 个字` });

/** An id of a document: short, plain characters only. */
export const docId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: '格式不正确' });

/** A Shanghai calendar date `YYYY-MM-DD` that exists. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { message: '日期不存在' });

/** A client-made idempotency key: a retry with the same key is the same request. */
export const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: '应为 8–64 位字母、数字、- 或 _' });

/** A mobile (11 digits) or a landline with area code. */
/** A mobile (11 digits from 1) or a landline with its area code (0576-87654321): the mini-program checks the same (miniprogram/generated/constants.ts). */
export const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

export const phone = z.string().trim().regex(PHONE_PATTERN, { message: '请填写正确的手机号或固定电话' });

/** A stored file: a CloudBase file ID, or a file the local host keeps (`local://uploads/…`). */
export const fileId = z
  .string()
  .max(300)
  .regex(/^(cloud:\/\/[A-Za-z0-9._\-]+\/[A-Za-z0-9._\-/]+|local:\/\/uploads\/[a-f0-9]{32}\.(jpg|png|gif|webp))$/, { message: '照片文件标识不正确' });

/** An instant: epoch milliseconds, or an ISO 8601 time with its offset (`2026-12-08T09:00:00+08:00`). */
export const instant = z.union([
  z.number().int().min(0),
  z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601 并带时区，例如 2026-12-08T09:00:00+08:00' }).transform((s) => Date.parse(s)),
]);

/** A calendar month `YYYY-MM`. */
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' });

/** A calendar year. */
export const year = z.number().int().min(2000, { message: '年份不正确' }).max(2100, { message: '年份不正确' });

/** Page numbers: 1-based, at most 50 a page. */
export const paging = {
  page: z.number().int().min(1).max(10000).default(1),
  pageSize: z.number().int().min(1).max(50).default(20),
};

export { z };

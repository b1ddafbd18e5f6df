/**
 * The Excel side of 组团联系服务 (function `sheets`, so exceljs stays out of `visits`):
 * - the households template (住户名册导入模板) the liaison fills in;
 * - its import into a group: every row checked, errors answered by row number, nothing
 *   imported unless every row is right; a repeated import of the same file completes one that
 *   was cut off and never doubles a household;
 * - the visit ledger (走访台账): one row per visit of the period, and a monthly and cumulative
 *   summary per group.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../deps';
import type { Township } from '../directory/types';
import { forbidden, notFound, validationError } from '../errors';
import type { Caller } from '../members/types';
import { DuplicateId, type Filter, type NewDoc } from '../ports/store';
import { checkText } from '../register/usecases';
import { readSheet, writeWorkbook, XLSX_TYPE, type Column } from '../sheets/xlsx';
import { shanghaiDate, shanghaiYear } from '../time';
import { householdId, householdsAt, HOUSEHOLD_LIMITS as L, newHousehold } from './households';
import { REFUSALS, may, type Scope } from './permissions';
import { MUST_VISIT, MUST_VISIT_LABELS, VISIT_MODE_LABELS, type Household, type MustVisit, type Visit, type VisitGroup, type VisitIssue } from './types';
import { addrKeyOf, addressOf } from './view';

/** The template's columns; the import finds them by these headers. */
export const HOUSEHOLD_COLUMNS = [
  { key: 'village', header: '村（社区）', width: 14, required: true },
  { key: 'team', header: '组', width: 6, required: false },
  { key: 'doorNo', header: '门牌号', width: 10, required: true },
  { key: 'head', header: '户主姓名', width: 10, required: true },
  { key: 'phone', header: '联系电话', width: 14, required: false },
  { key: 'categories', header: '必访类别', width: 30, required: false },
  { key: 'rep', header: '联系代表', width: 10, required: false },
  { key: 'note', header: '备注', width: 24, required: false },
] as const satisfies ReadonlyArray<Column & { required: boolean }>;
type HouseholdKey = (typeof HOUSEHOLD_COLUMNS)[number]['key'];

/** Rows one import may hold (a township's register is a few thousand households). */
export const MAX_IMPORT_ROWS = 2000;
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
const SEPARATORS = /[、,，;；/\s]+/;

const CATEGORY_NAMES = MUST_VISIT.map((c) => MUST_VISIT_LABELS[c]).join('、');

/** A category as people write it: its label, with or without the quotes of “四老”, or its code. */
function categoryOf(word: string): MustVisit | null {
  const bare = (s: string) => s.replace(/[“”"'‘’]/g, '');
  return MUST_VISIT.find((c) => c === word || bare(MUST_VISIT_LABELS[c]) === bare(word)) ?? null;
}

const GUIDE = [
  '住户名册导入模板（组团联系服务）',
  `必填：村（社区）、门牌号、户主姓名。必访类别可填多个，用顿号分隔：${CATEGORY_NAMES}。联系代表填本代表组组员的姓名。`,
];

/** 住户导入模板: the headers and what goes in them. */
export async function householdTemplate(deps: Deps, caller: Caller) {
  if (!may(caller, 'template', null)) throw forbidden(REFUSALS.template);
  const bytes = await writeWorkbook([{ name: '住户名册', title: GUIDE, columns: HOUSEHOLD_COLUMNS, rows: [] }]);
  const { fileId } = await deps.files.save('templates/households-v1.xlsx', bytes, XLSX_TYPE);
  return { fileId, fileName: '住户名册导入模板.xlsx', columns: HOUSEHOLD_COLUMNS.map((c) => c.header) };
}

export interface RowError {
  /** The row as Excel numbers it. */
  row: number;
  column: string | null;
  message: string;
}

/** Checks text in pieces the content check takes (msgSecCheck reads at most 2,500 characters). */
async function checkTexts(deps: Deps, caller: Caller, texts: string[]) {
  const pieces: string[][] = [[]];
  let size = 0;
  for (const t of texts.filter(Boolean)) {
    if (size + t.length > 2000) {
      pieces.push([]);
      size = 0;
    }
    pieces[pieces.length - 1].push(t);
    size += t.length + 1;
  }
  for (let i = 0; i < pieces.length; i += 5) await Promise.all(pieces.slice(i, i + 5).map((p) => checkText(deps, caller, p)));
}

/**
 * 导入住户: a sheet of the template into a group. Every row is checked (required fields,
 * lengths, phone, categories, the 联系代表 a member, one household per address in the sheet
 * and in the township); with any error nothing is imported and the answer is VALIDATION with
 * `details.errors` by row number.
 */
export async function importHouseholds(deps: Deps, caller: Caller, cmd: { groupId: string; fileId: string }) {
  const [g, bytes] = await Promise.all([deps.store.get<VisitGroup>('visitGroups', cmd.groupId), deps.files.read(cmd.fileId)]);
  if (!g || !may(caller, 'read', g)) throw notFound('该代表组');
  if (!may(caller, 'manage', g)) throw forbidden(REFUSALS.manage);
  if (!bytes) throw validationError('未找到上传的表格，请重新上传');
  let sheet: Awaited<ReturnType<typeof readSheet<HouseholdKey>>>;
  try {
    sheet = await readSheet<HouseholdKey>(bytes, HOUSEHOLD_COLUMNS);
  } catch {
    throw validationError('文件不是有效的 Excel 表格（.xlsx），请使用下载的模板');
  }
  if (sheet.missing.length) throw validationError(`表格缺少列：${sheet.missing.join('、')}，请使用下载的模板`);
  if (sheet.rows.length === 0) throw validationError('表格中没有住户');
  if (sheet.rows.length > MAX_IMPORT_ROWS) throw validationError(`一次最多导入 ${MAX_IMPORT_ROWS} 户，请分表导入`);

  const importId = 'im' + createHash('sha256').update(`${g._id}|${cmd.fileId}`).digest('hex').slice(0, 24);
  const errors: RowError[] = [];
  const fail = (row: number, column: string | null, message: string) => errors.push({ row, column, message });
  const seen = new Map<string, number>();
  const parsed: Array<{ row: number; key: string; input: Parameters<typeof newHousehold>[2] }> = [];
  for (const { row, values: v } of sheet.rows) {
    const before = errors.length;
    const length = (key: HouseholdKey, header: string, min: number, max: number) => {
      if (v[key].length < min) fail(row, header, min <= 1 ? `请填写${header}` : `${header}至少 ${min} 个字`);
      else if (v[key].length > max) fail(row, header, `${header}不能超过 ${max} 个字`);
    };
    length('village', '村（社区）', 2, L.village);
    length('team', '组', 0, L.team);
    length('doorNo', '门牌号', 1, L.doorNo);
    length('head', '户主姓名', L.headMin, L.headMax);
    length('note', '备注', 0, L.note);
    const phone = v.phone.replace(/\s+/g, '');
    if (phone && !PHONE.test(phone)) fail(row, '联系电话', `联系电话「${v.phone}」不是手机号或固定电话`);
    const categories: MustVisit[] = [];
    for (const word of v.categories.split(SEPARATORS).filter(Boolean)) {
      const c = categoryOf(word);
      if (c) categories.push(c);
      else fail(row, '必访类别', `必访类别「${word}」不认识，可填：${CATEGORY_NAMES}`);
    }
    const rep = v.rep ? g.members.find((m) => m.name === v.rep) : undefined;
    if (v.rep && !rep) fail(row, '联系代表', `联系代表「${v.rep}」不是本代表组的组员`);
    const key = addrKeyOf({ village: v.village, team: v.team || null, doorNo: v.doorNo });
    if (errors.length === before) {
      const first = seen.get(key);
      if (first !== undefined) fail(row, '门牌号', `与第 ${first} 行是同一地址`);
      else seen.set(key, row);
    }
    if (errors.length === before) {
      parsed.push({
        row,
        key,
        input: { village: v.village, team: v.team || undefined, doorNo: v.doorNo, head: v.head, phone: phone || undefined, categories, repId: rep?.representativeId, note: v.note || undefined },
      });
    }
  }
  // One household per address in the township: those of an earlier, cut-off run of this same import are not others.
  const existing = await householdsAt(deps, g.townshipId, parsed.map((p) => p.key));
  const byKey = new Map(existing.map((h) => [h.addrKey, h]));
  for (const p of parsed) {
    const h = byKey.get(p.key);
    if (h && h.importId !== importId) fail(p.row, '门牌号', `${addressOf(h)} 已在住户名册中`);
  }
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row);
    throw validationError(`表格有 ${new Set(errors.map((e) => e.row)).size} 行有误（共 ${sheet.rows.length} 行），未导入任何住户，请改正后重新上传`, { errors });
  }
  await checkTexts(deps, caller, parsed.flatMap((p) => [p.input.village, p.input.team ?? '', p.input.doorNo, p.input.head, p.input.note ?? '']));

  const fresh = parsed.filter((p) => !byKey.has(p.key));
  const docs: Array<NewDoc<Household>> = fresh.map((p) => newHousehold(deps, g, p.input, { id: householdId(`${importId}|${p.key}`), by: caller.openid, importId }));
  for (let i = 0; i < docs.length; i += 50) {
    await Promise.all(
      docs.slice(i, i + 50).map(async (d) => {
        try {
          await deps.store.create<Household>('households', d);
        } catch (e) {
          if (!(e instanceof DuplicateId)) throw e;
        }
      }),
    );
  }
  return { groupId: g._id, rows: sheet.rows.length, imported: docs.length, alreadyImported: parsed.length - fresh.length };
}

// ---------------------------------------------------------------------------------------------
// 走访台账

const LEDGER = [
  { key: 'date', header: '走访日期', width: 12 },
  { key: 'group', header: '代表组', width: 14 },
  { key: 'by', header: '走访代表', width: 10 },
  { key: 'with', header: '同行人员', width: 16 },
  { key: 'mode', header: '走访方式', width: 10 },
  { key: 'households', header: '走访对象', width: 30 },
  { key: 'categories', header: '必访类别', width: 18 },
  { key: 'learned', header: '了解情况', width: 40 },
  { key: 'found', header: '反映问题', width: 8 },
  { key: 'solved', header: '当场解决', width: 8 },
  { key: 'registered', header: '登记办理（编号）', width: 20 },
  { key: 'escalated', header: '提交民情会诊', width: 10 },
] as const satisfies ReadonlyArray<Column>;
type LedgerKey = (typeof LEDGER)[number]['key'];

const SUMMARY = [
  { key: 'group', header: '代表组', width: 14 },
  { key: 'month', header: '月份', width: 10 },
  { key: 'visits', header: '当月走访次数', width: 12 },
  { key: 'households', header: '当月走访户数', width: 12 },
  { key: 'totalVisits', header: '累计走访次数', width: 12 },
  { key: 'totalHouseholds', header: '累计走访户数', width: 12 },
  { key: 'target', header: '年度目标（户）', width: 12 },
  { key: 'percent', header: '累计完成率', width: 10 },
] as const satisfies ReadonlyArray<Column>;
type SummaryKey = (typeof SUMMARY)[number]['key'];

export const MAX_LEDGER_ROWS = 20000;
const PAGE = 1000;

export interface LedgerQuery {
  scope: 'group' | 'township' | 'county';
  id?: string;
  year: number;
  /** 1–12: that month's visits; the summary runs from January to it. */
  month?: number;
}

/** 走访台账 of a group, a township or the county for a year (or one month of it), as an .xlsx file. */
export async function visitLedger(deps: Deps, caller: Caller, q: LedgerQuery) {
  if (q.scope !== 'county' && !q.id) throw validationError(q.scope === 'group' ? '请指定代表组' : '请指定乡镇（街道）');
  let scope: Scope = { scope: 'county' };
  let scopeName = '仙居县';
  let base: Filter = {};
  let groups: VisitGroup[];
  if (q.scope === 'group') {
    const g = await deps.store.get<VisitGroup>('visitGroups', q.id as string);
    if (!g || !may(caller, 'read', g)) throw notFound('该代表组');
    scope = { scope: 'group', group: g };
    scopeName = `${g.townshipName}${g.name}`;
    base = { groupId: g._id };
    groups = [g];
  } else if (q.scope === 'township') {
    const [t, studios, gs] = await Promise.all([
      deps.store.get<Township>('townships', q.id as string),
      deps.store.find<{ _id: string; _v: number }>('studios', { where: { townshipId: q.id as string, kind: 'township' }, limit: 1 }),
      deps.store.find<VisitGroup>('visitGroups', { where: { townshipId: q.id as string }, orderBy: [['createdAt', 'asc']], limit: 500 }),
    ]);
    if (!t || !studios[0]) throw notFound('该乡镇（街道）');
    scope = { scope: 'township', studioId: studios[0]._id };
    scopeName = t.name;
    base = { townshipId: t._id };
    groups = gs;
  } else {
    groups = await deps.store.find<VisitGroup>('visitGroups', { orderBy: [['townshipId', 'asc'], ['createdAt', 'asc']], limit: 1000 });
  }
  if (!may(caller, 'report', scope)) throw forbidden(REFUSALS.report);

  const year = { ...base, year: q.year };
  const [total, escalated] = await Promise.all([
    deps.store.count('visits', year),
    deps.store.find<VisitIssue>('visitIssues', { where: { ...year, escalated: 1 }, limit: 1000 }),
  ]);
  if (total > MAX_LEDGER_ROWS) throw validationError(`该范围共有 ${total} 条走访记录，超过单个文件 ${MAX_LEDGER_ROWS} 条的上限，请按月或按乡镇导出`);
  // The year's visits up to the month: the rows are the month's, the summary needs the months before.
  const all: Visit[] = [];
  for (let skip = 0; skip < total; skip += PAGE) {
    all.push(...(await deps.store.find<Visit>('visits', { where: year, orderBy: [['date', 'asc'], ['createdAt', 'asc']], limit: PAGE, skip })));
  }
  const upTo = q.month ?? (q.year === shanghaiYear(deps.clock.now()) ? Number(shanghaiDate(deps.clock.now()).slice(5, 7)) : 12);
  const monthOf = (v: Visit) => Number(v.month.slice(5, 7));
  const shown = all.filter((v) => (q.month ? monthOf(v) === q.month : true));
  const escalatedBy = new Map<string, number>();
  for (const i of escalated) escalatedBy.set(i.visitId, (escalatedBy.get(i.visitId) ?? 0) + 1);

  const rows = shown.map((v): Record<LedgerKey, string | number> => ({
    date: v.date,
    group: v.groupName,
    by: v.byName,
    with: [...v.withNames, ...(v.others ? [v.others] : [])].join('、'),
    mode: VISIT_MODE_LABELS[v.mode],
    households: v.households.map((h) => `${h.label}（${h.head}）`).join('；'),
    categories: [...new Set(v.households.flatMap((h) => h.categories))].map((c) => MUST_VISIT_LABELS[c]).join('、'),
    learned: v.learned,
    found: v.issues.length,
    solved: v.issues.filter((i) => i.outcome === 'solved').length,
    registered: v.issues.filter((i) => i.outcome === 'registered').map((i) => i.itemNo ?? '').join('、'),
    escalated: escalatedBy.get(v._id) ?? 0,
  }));

  const summary: Array<Record<SummaryKey, string | number>> = [];
  for (const g of groups) {
    const own = all.filter((v) => v.groupId === g._id);
    const reached = new Set<string>();
    let visits = 0;
    for (let m = 1; m <= upTo; m++) {
      const month = own.filter((v) => monthOf(v) === m);
      const households = new Set(month.flatMap((v) => v.householdIds));
      visits += month.length;
      for (const h of households) reached.add(h);
      summary.push({
        group: q.scope === 'county' ? `${g.townshipName}${g.name}` : g.name,
        month: `${q.year}年${m}月`,
        visits: month.length,
        households: households.size,
        totalVisits: visits,
        totalHouseholds: reached.size,
        target: g.target,
        percent: `${Math.round((reached.size / g.target) * 1000) / 10}%`,
      });
    }
  }

  const period = q.month ? `${q.year}年${q.month}月` : `${q.year}年`;
  const bytes = await writeWorkbook([
    { name: '走访台账', title: ['组团联系服务走访台账', `${scopeName}　${period}　共 ${rows.length} 次走访`], columns: LEDGER, rows },
    { name: '月度汇总', title: ['走访月度及累计汇总', `${scopeName}　${q.year}年1月至${upTo}月`], columns: SUMMARY, rows: summary },
  ]);
  const stamp = shanghaiDate(deps.clock.now()).replace(/-/g, '') + '-' + deps.clock.now().toString(36);
  const path = `exports/visits/${q.scope}-${q.id ?? 'county'}-${q.year}${q.month ? `-${String(q.month).padStart(2, '0')}` : ''}-${stamp}.xlsx`;
  const { fileId } = await deps.files.save(path, bytes, XLSX_TYPE);
  return { fileId, fileName: `走访台账-${scopeName}-${period}.xlsx`, rows: rows.length, columns: LEDGER.map((c) => c.header), summaryRows: summary.length };
}

/** 积分明细 as an Excel sheet: a year's ledger of a studio, a township or the county, with each representative's total. */
import type { Deps } from '../deps';
import { forbidden, validationError } from '../errors';
import type { Caller } from '../members/types';
import type { Filter } from '../ports/store';
import { scopeFor } from '../dashboard/scope';
import { writeWorkbook, XLSX_TYPE, type Column } from '../sheets/xlsx';
import { shanghaiDate } from '../time';
import { REFUSALS, may } from './permissions';
import type { PointEntry, PointTotal } from './types';

const ENTRY_COLUMNS = [
  { key: 'date', header: '日期', width: 12 },
  { key: 'rep', header: '党代表', width: 10 },
  { key: 'studio', header: '工作室', width: 24 },
  { key: 'rule', header: '积分项目', width: 14 },
  { key: 'points', header: '计分', width: 6 },
  { key: 'asked', header: '应得分', width: 8 },
  { key: 'status', header: '状态', width: 10 },
  { key: 'note', header: '事由', width: 36 },
  { key: 'source', header: '来源', width: 30 },
] as const satisfies ReadonlyArray<Column>;
const TOTAL_COLUMNS = [
  { key: 'rep', header: '党代表', width: 10 },
  { key: 'studio', header: '工作室', width: 24 },
  { key: 'total', header: '年度积分', width: 10 },
  { key: 'entries', header: '明细条数', width: 10 },
] as const satisfies ReadonlyArray<Column>;

const STATUS_LABELS: Record<PointEntry['status'], string> = { granted: '已计分', pending: '待审核', rejected: '未通过' };
const SOURCE_LABELS: Record<string, string> = { reception: '接待', item: '意见建议', inquiry: '党内质询', activity: '活动', forum: '论坛', visit: '走访', proposal: '代表提议', manual: '申报' };
const PAGE = 1000;
const MAX_ROWS = 50000;

/** Writes the ledger of the year as an .xlsx file (明细 and 汇总 sheets); answers where it is kept. */
export async function exportPoints(deps: Deps, caller: Caller, q: { year: number; studioId?: string; townshipId?: string }) {
  const where: Filter = { year: q.year };
  let scopeName = '仙居县';
  if (q.studioId) {
    if (!may(caller, 'studio', { studioId: q.studioId })) throw forbidden(REFUSALS.studio);
    where.studioId = q.studioId;
    scopeName = (await deps.store.get<{ _id: string; _v: number; name: string }>('studios', q.studioId))?.name ?? q.studioId;
  } else {
    if (!may(caller, 'overview', null)) throw forbidden(REFUSALS.overview);
    const scope = await scopeFor(deps, caller, { townshipId: q.townshipId });
    scopeName = scope.name;
    if (scope.level !== 'county') where.studioId = { in: scope.studios.map((s) => s._id) };
  }
  const total = await deps.store.count('points', where);
  if (total > MAX_ROWS) throw validationError(`共有 ${total} 条积分明细，超过单个文件 ${MAX_ROWS} 条的上限`);
  const entries: PointEntry[] = [];
  for (let skip = 0; skip < total; skip += PAGE) entries.push(...(await deps.store.find<PointEntry>('points', { where, orderBy: [['at', 'asc']], limit: PAGE, skip })));
  const totals = await deps.store.find<PointTotal>('pointTotals', { where, limit: 1000 });
  const studioName = new Map<string, string>();
  if (entries.length || totals.length) {
    const ids = [...new Set([...entries.map((e) => e.studioId), ...totals.map((t) => t.studioId)])];
    for (const s of await deps.store.find<{ _id: string; _v: number; name: string }>('studios', { where: { _id: { in: ids } }, limit: 1000 })) studioName.set(s._id, s.name);
  }
  const bytes = await writeWorkbook([
    {
      name: '积分明细',
      title: [`党代表履职积分明细（${q.year} 年）`, `${scopeName}　共 ${entries.length} 条`],
      columns: ENTRY_COLUMNS,
      rows: entries.map((e) => ({
        date: e.date,
        rep: e.repName,
        studio: studioName.get(e.studioId) ?? e.studioId,
        rule: e.label,
        points: e.points,
        asked: e.asked,
        status: e.capped ? `${STATUS_LABELS[e.status]}（达年度上限）` : STATUS_LABELS[e.status],
        note: e.note,
        source: `${SOURCE_LABELS[e.src.kind] ?? e.src.kind} ${e.src.id}${e.src.ref ? ` #${e.src.ref}` : ''}`,
      })),
    },
    {
      name: '积分汇总',
      title: [`党代表履职积分汇总（${q.year} 年）`, scopeName],
      columns: TOTAL_COLUMNS,
      rows: [...totals].sort((a, b) => b.total - a.total).map((t) => ({ rep: t.repName, studio: studioName.get(t.studioId) ?? t.studioId, total: t.total, entries: t.entries })),
    },
  ]);
  const stamp = shanghaiDate(deps.clock.now()).replace(/-/g, '') + '-' + deps.clock.now().toString(36);
  const { fileId } = await deps.files.save(`exports/points/${q.studioId ?? q.townshipId ?? 'county'}-${q.year}-${stamp}.xlsx`, bytes, XLSX_TYPE);
  return { fileId, fileName: `履职积分-${scopeName}-${q.year}.xlsx`, rows: entries.length, columns: ENTRY_COLUMNS.map((c) => c.header) };
}

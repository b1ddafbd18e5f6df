/** 活动记录 as an Excel sheet: one row per activity of the period, for a studio, a township or the county. */
import type { Deps } from '../deps';
import type { Caller } from '../members/types';
import { writeWorkbook, XLSX_TYPE, type Column } from '../sheets/xlsx';
import { shanghaiDate } from '../time';
import { activityFilter } from './queries';
import { ACTIVITY_KIND_LABELS, type Activity } from './types';
import { validationError } from '../errors';

const COLUMNS = [
  { key: 'date', header: '日期', width: 12 },
  { key: 'studio', header: '工作室', width: 24 },
  { key: 'kind', header: '活动类型', width: 10 },
  { key: 'topic', header: '主题', width: 30 },
  { key: 'reps', header: '参加党代表', width: 24 },
  { key: 'depts', header: '邀请单位', width: 20 },
  { key: 'summary', header: '活动情况', width: 40 },
  { key: 'source', header: '来源', width: 10 },
  { key: 'by', header: '登记人', width: 12 },
] as const satisfies ReadonlyArray<Column>;
type Key = (typeof COLUMNS)[number]['key'];

const SOURCE_LABELS: Record<Activity['src']['kind'], string> = { manual: '登记', reception: '接待结束登记', forum: '论坛结束登记' };
const MAX_ROWS = 20000;
const PAGE = 1000;

/** Writes the activities of the period as an .xlsx file; answers where it is kept. */
export async function exportActivities(deps: Deps, caller: Caller, q: { studioId?: string; townshipId?: string; from: string; to: string }) {
  const where = await activityFilter(deps, caller, q);
  const total = await deps.store.count('activities', where);
  if (total > MAX_ROWS) throw validationError(`该时间段共有 ${total} 条活动，超过单个文件 ${MAX_ROWS} 条的上限，请缩短时间段`);
  const rows: Activity[] = [];
  for (let skip = 0; skip < total; skip += PAGE) rows.push(...(await deps.store.find<Activity>('activities', { where, orderBy: [['date', 'asc'], ['createdAt', 'asc']], limit: PAGE, skip })));
  const named = async (c: string, id: string) => (await deps.store.get<{ _id: string; _v: number; name: string }>(c, id))?.name ?? id;
  const scopeName = q.studioId ? await named('studios', q.studioId) : q.townshipId ? await named('townships', q.townshipId) : caller.role === 'admin' ? '仙居县' : '本乡镇（街道）';
  const bytes = await writeWorkbook([
    {
      name: '活动记录',
      title: ['党代表工作室活动记录', `${scopeName}　${q.from} 至 ${q.to}　共 ${rows.length} 次`],
      columns: COLUMNS,
      rows: rows.map((a): Record<Key, string> => ({
        date: a.date,
        studio: a.studioName,
        kind: ACTIVITY_KIND_LABELS[a.kind],
        topic: a.topic,
        reps: a.reps.map((r) => r.name).join('、'),
        depts: a.depts.map((d) => d.name).join('、'),
        summary: a.summary,
        source: SOURCE_LABELS[a.src.kind],
        by: a.createdName,
      })),
    },
  ]);
  const stamp = shanghaiDate(deps.clock.now()).replace(/-/g, '') + '-' + deps.clock.now().toString(36);
  const { fileId } = await deps.files.save(`exports/activities/${q.studioId ?? q.townshipId ?? 'county'}-${q.from}-${q.to}-${stamp}.xlsx`, bytes, XLSX_TYPE);
  return { fileId, fileName: `活动记录-${scopeName}-${q.from}至${q.to}.xlsx`, rows: rows.length, columns: COLUMNS.map((c) => c.header) };
}

/**
 * The register as the paper form 《党员群众意见建议记录表》: one row per item registered in the
 * period, in the paper's columns, for a studio, a township or the county.
 */
import type { Deps } from '../deps';
import type { Studio } from '../directory/types';
import { forbidden, notFound, validationError } from '../errors';
import type { Caller } from '../members/types';
import type { Filter } from '../ports/store';
import { writeWorkbook, XLSX_TYPE, type Column } from '../sheets/xlsx';
import { endOfShanghaiDay, formatCalendarDate, formatShanghai, shanghaiDate, startOfShanghaiDay } from '../time';
import { maskName, maskPhone, type Item } from './item';
import { STATUS_LABELS } from './lifecycle';
import { may } from './permissions';

export const CHANNEL_LABELS: Record<Item['channel'], string> = { online: '网上', reception: '接待', visit: '走访', forum: '论坛' };
/** At most this many rows in one file: a county year is about 7,400. */
export const MAX_EXPORT_ROWS = 20000;
const PAGE = 1000;

const COLUMNS = [
  { key: 'no', header: '编号', width: 16 },
  { key: 'at', header: '登记时间', width: 17 },
  { key: 'channel', header: '渠道', width: 6 },
  { key: 'studio', header: '工作室', width: 22 },
  { key: 'name', header: '反映人', width: 10 },
  { key: 'phone', header: '联系电话', width: 14 },
  { key: 'content', header: '反映内容', width: 40 },
  { key: 'category', header: '类别', width: 10 },
  { key: 'receiver', header: '接待（受理）人', width: 12 },
  { key: 'handling', header: '办理方式', width: 24 },
  { key: 'reply', header: '答复（办理）情况', width: 40 },
  { key: 'repliedAt', header: '答复时间', width: 17 },
  { key: 'status', header: '办理状态', width: 10 },
  { key: 'satisfaction', header: '满意度', width: 8 },
] as const satisfies ReadonlyArray<Column>;
type Key = (typeof COLUMNS)[number]['key'];

function handlingOf(i: Item): string {
  if (i.referral) return `转交${i.referral.departmentName}（${formatCalendarDate(i.referral.deadline)}前）${i.referral.result ? `：${i.referral.result}` : ''}`;
  if (i.promise) return `承诺${formatCalendarDate(i.promise.deadline)}前办理`;
  if (i.outcome === 'answered') return '当场或限期答复';
  if (i.outcome === 'resolved') return '落实解决';
  if (i.status === 'rejected') return `不予受理：${i.rejectReason ?? ''}`;
  if (i.status === 'merged') return `与 ${i.mergedInto?.no ?? '另一事项'} 合并办理`;
  return '';
}

export interface RegisterSheetQuery {
  scope: 'studio' | 'township' | 'county';
  id?: string;
  from: string;
  to: string;
}

/** Writes the register of the period as an .xlsx file; answers where it is kept. */
export async function exportRegister(deps: Deps, caller: Caller, q: RegisterSheetQuery) {
  if (q.from > q.to) throw validationError('开始日期不能晚于结束日期');
  if ((q.scope === 'studio' || q.scope === 'township') && !q.id) throw validationError(q.scope === 'studio' ? '请指定工作室' : '请指定乡镇（街道）');
  if (!may(caller, 'stats', q)) throw forbidden('您只能导出本工作室的记录表');
  let scopeName = '仙居县';
  const where: Filter = { createdAt: { gte: startOfShanghaiDay(q.from), lte: endOfShanghaiDay(q.to) } };
  if (q.scope === 'studio') {
    const studio = await deps.store.get<Studio>('studios', q.id as string);
    if (!studio) throw notFound('该工作室');
    scopeName = studio.name;
    where.studioId = studio._id;
  } else if (q.scope === 'township') {
    const t = await deps.store.get<{ _id: string; _v: number; name: string }>('townships', q.id as string);
    if (!t) throw notFound('该乡镇（街道）');
    scopeName = t.name;
    where.townshipId = t._id;
  }
  const total = await deps.store.count('items', where);
  if (total > MAX_EXPORT_ROWS) throw validationError(`该时间段共有 ${total} 条记录，超过单个文件 ${MAX_EXPORT_ROWS} 条的上限，请缩短时间段`);
  const items: Item[] = [];
  for (let skip = 0; skip < total; skip += PAGE) {
    items.push(...(await deps.store.find<Item>('items', { where, orderBy: [['createdAt', 'asc']], limit: PAGE, skip })));
  }
  const rows = items.map((i): Record<Key, string | number | null> => {
    const full = may(caller, 'seeContact', i);
    return {
      no: i.no,
      at: formatShanghai(i.createdAt),
      channel: CHANNEL_LABELS[i.channel],
      studio: i.studioName,
      name: i.anonymous ? '匿名' : i.contactName === null ? '' : full ? i.contactName : maskName(i.contactName),
      phone: i.anonymous || i.contactPhone === null ? '' : full ? i.contactPhone : maskPhone(i.contactPhone),
      content: i.content,
      category: i.category,
      receiver: i.ownerName ?? '',
      handling: handlingOf(i),
      reply: i.reply?.text ?? '',
      repliedAt: i.reply ? formatShanghai(i.reply.at) : '',
      status: STATUS_LABELS[i.status],
      satisfaction: i.satisfaction === 'satisfied' ? '满意' : i.satisfaction === 'unsatisfied' ? '不满意' : '',
    };
  });
  const bytes = await writeWorkbook([
    { name: '意见建议记录表', title: ['党员群众意见建议记录表', `${scopeName}　${formatCalendarDate(q.from)}至${formatCalendarDate(q.to)}　共 ${rows.length} 条`], columns: COLUMNS, rows },
  ]);
  const stamp = shanghaiDate(deps.clock.now()).replace(/-/g, '') + '-' + deps.clock.now().toString(36);
  const fileName = `党员群众意见建议记录表-${scopeName}-${q.from}至${q.to}.xlsx`;
  const { fileId } = await deps.files.save(`exports/register/${q.scope}-${q.id ?? 'county'}-${q.from}-${q.to}-${stamp}.xlsx`, bytes, XLSX_TYPE);
  return { fileId, fileName, rows: rows.length, columns: COLUMNS.map((c) => c.header) };
}

/** 示范工作室评比 as an Excel sheet: every studio's score and its parts, and the formula. */
import type { Deps } from '../deps';
import type { Caller } from '../members/types';
import { writeWorkbook, XLSX_TYPE, type Column } from '../sheets/xlsx';
import { shanghaiDate } from '../time';
import { ranking } from './queries';

const COLUMNS = [
  { key: 'rank', header: '名次', width: 6 },
  { key: 'studio', header: '工作室', width: 26 },
  { key: 'township', header: '乡镇（街道）', width: 12 },
  { key: 'score', header: '总分', width: 8 },
  { key: 'compliance', header: '活动达标', width: 10 },
  { key: 'months', header: '有活动月数', width: 12 },
  { key: 'points', header: '履职积分', width: 10 },
  { key: 'average', header: '人均积分', width: 10 },
  { key: 'register', header: '办理成效', width: 10 },
  { key: 'collected', header: '收集意见', width: 10 },
  { key: 'answered', header: '答复或解决率', width: 12 },
  { key: 'onTime', header: '按期答复率', width: 12 },
  { key: 'satisfied', header: '满意率', width: 8 },
  { key: 'response', header: '响应率', width: 8 },
  { key: 'attention', header: '需关注', width: 40 },
] as const satisfies ReadonlyArray<Column>;

const pct = (p: number | null) => (p === null ? '—' : `${p}%`);

/** Writes the year's ranking as an .xlsx file; answers where it is kept. */
export async function exportRanking(deps: Deps, caller: Caller, q: { year: number; townshipId?: string }) {
  const r = await ranking(deps, caller, q);
  const bytes = await writeWorkbook([
    {
      name: '工作室评比',
      title: [`党代表工作室评比（${q.year} 年）`, r.final ? '全年' : `截至 ${shanghaiDate(deps.clock.now())}`],
      columns: COLUMNS,
      rows: r.rows.map((x) => ({
        rank: x.rank,
        studio: x.studioName,
        township: x.townshipName,
        score: x.score,
        compliance: x.parts.compliance.score,
        months: `${x.parts.compliance.held} / ${x.parts.compliance.months}`,
        points: x.parts.points.score,
        average: x.parts.points.average,
        register: x.parts.register.score,
        collected: x.parts.register.collected,
        answered: pct(x.parts.register.rates.answeredOrResolved.percent),
        onTime: pct(x.parts.register.rates.onTime.percent),
        satisfied: pct(x.parts.register.rates.satisfied.percent),
        response: pct(x.parts.register.rates.response.percent),
        attention: x.attention.join('；'),
      })),
    },
    { name: '评分公式', columns: [{ key: 'line', header: '评分公式', width: 90 }], rows: r.formula.map((line) => ({ line })) },
  ]);
  const stamp = shanghaiDate(deps.clock.now()).replace(/-/g, '') + '-' + deps.clock.now().toString(36);
  const { fileId } = await deps.files.save(`exports/ranking/${q.townshipId ?? 'county'}-${q.year}-${stamp}.xlsx`, bytes, XLSX_TYPE);
  return { fileId, fileName: `党代表工作室评比-${q.year}.xlsx`, rows: r.rows.length, columns: COLUMNS.map((c) => c.header) };
}

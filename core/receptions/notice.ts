import type { Deps } from '../deps';
import type { Studio } from '../directory/types';
import { invalidState, notFound } from '../errors';
import { codeBlockHtml, codeDataUrl, codeTargetOf, CODE_BLOCK_CSS, findCode } from '../codes/notice';
import { shanghai } from '../time';
import type { Reception } from './types';
import { dutyContacts, FORM_LABELS, receptionPage } from './usecases';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/**
 * The printable notice (接待公告) of a published reception: an A4 page for the studio's
 * wall, the offline half of the 7-day notice. Public: it says only what the notice says.
 */
export async function renderNotice(deps: Deps, id: string): Promise<string> {
  // The kept code is read in the same round as the reception, its image with the contacts.
  const target = codeTargetOf(receptionPage(id));
  const [r, kept] = await Promise.all([deps.store.get<Reception>('receptions', id), findCode(deps, target)]);
  if (!r || r.status === 'draft') throw notFound('该接待公告');
  if (r.status !== 'published') throw invalidState(r.status === 'cancelled' ? '该接待已取消' : '该接待已结束');
  // Public: a representative's own mobile and WeChat id only if they agreed; else the studio's phone.
  const [studio, duty, code] = await Promise.all([deps.store.get<Studio>('studios', r.studioId), dutyContacts(deps, null, r), codeDataUrl(deps, target, kept)]);
  const start = shanghai(r.startAt);
  const when = `${start.format('YYYY年M月D日')}（星期${WEEKDAYS[start.day()]}）${start.format('HH:mm')}–${shanghai(r.endAt).format('HH:mm')}`;
  const reps = duty
    .map((p) => `<tr><td>${escape(p.name)}</td><td>${escape(p.unit)}</td><td>${escape(p.phone)}${p.viaStudio ? '（工作室）' : ''}</td><td>${escape(p.wechat || '—')}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>接待公告 · ${escape(r.studioName)}</title>
<style>
  @page { size: A4; margin: 18mm 16mm; }
  body { font-family: "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #111; max-width: 178mm; margin: 0 auto; line-height: 1.7; }
  h1 { text-align: center; font-size: 26pt; color: #c00; letter-spacing: 0.3em; margin: 0 0 2mm; }
  .studio { text-align: center; font-size: 15pt; margin-bottom: 8mm; }
  dl { display: grid; grid-template-columns: 28mm 1fr; gap: 2mm 4mm; font-size: 13pt; }
  dt { font-weight: bold; }
  table { width: 100%; border-collapse: collapse; margin: 6mm 0; font-size: 12pt; }
  th, td { border: 1px solid #444; padding: 2mm 3mm; text-align: left; }
  th { background: #f3e3e3; }
  .how { border: 1px dashed #c00; padding: 4mm; font-size: 12pt; }
  .path { font-family: monospace; word-break: break-all; }
  ${CODE_BLOCK_CSS}
  footer { margin-top: 10mm; text-align: right; font-size: 11pt; color: #444; }
  @media print { .noprint { display: none; } }
</style>
</head>
<body>
<h1>接待公告</h1>
<div class="studio">${escape(r.studioName)}</div>
<dl>
  <dt>接待时间</dt><dd>${escape(when)}</dd>
  <dt>接待形式</dt><dd>${escape(FORM_LABELS[r.form])}</dd>
  <dt>接待地点</dt><dd>${escape(r.place)}</dd>
  <dt>接待主题</dt><dd>${escape(r.topic)}</dd>
  <dt>接待名额</dt><dd>${r.capacity} 人（额满后可候补）</dd>
</dl>
<table>
  <thead><tr><th>值班党代表</th><th>工作单位及职务</th><th>联系电话</th><th>微信</th></tr></thead>
  <tbody>${reps}</tbody>
</table>
<div class="how">
  <strong>预约方式：</strong>微信搜索进入“党代表工作室”小程序，在“接待安排”中找到本次接待并预约，凭签到码入场；也可现场登记。
  ${studio ? `咨询电话：${escape(studio.phone)}。` : ''}<br>
  ${codeBlockHtml(code, '打开本次接待，预约参加', receptionPage(r._id), escape)}
</div>
<footer>${escape(r.studioName)}　${escape(shanghai(r.publishedAt ?? r.createdAt).format('YYYY年M月D日'))} 公告</footer>
<p class="noprint" style="text-align:center"><button onclick="print()">打印公告</button></p>
</body>
</html>
`;
}

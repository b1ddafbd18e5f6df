import type { Deps } from '../deps';
import { invalidState, notFound } from '../errors';
import { codeBlockHtml, codeDataUrl, codeTargetOf, CODE_BLOCK_CSS, findCode } from '../codes/notice';
import { shanghai } from '../time';
import { forumPage } from './kind';
import type { Forum } from './types';
import { FORUM_FORM_LABELS, FORUM_LEVEL_LABELS } from './types';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/**
 * The printable notice (论坛公告) of a published forum: an A4 page for the studio's wall, like a
 * reception's notice. Public: the topic, time, place, the representatives taking part, the
 * departments invited and how to send a view — nothing of any resident.
 */
export async function renderForumNotice(deps: Deps, id: string): Promise<string> {
  // The kept code is read in the same round as the forum.
  const target = codeTargetOf(forumPage(id));
  const [f, kept] = await Promise.all([deps.store.get<Forum>('forums', id), findCode(deps, target)]);
  if (!f || f.status === 'draft') throw notFound('该论坛公告');
  if (f.status !== 'published') throw invalidState(f.status === 'cancelled' ? '该论坛已取消' : '该论坛已举行');
  const code = await codeDataUrl(deps, target, kept);
  const start = shanghai(f.startAt);
  const when = `${start.format('YYYY年M月D日')}（星期${WEEKDAYS[start.day()]}）${start.format('HH:mm')}–${shanghai(f.endAt).format('HH:mm')}`;
  const host = f.studioName ?? '中共仙居县委组织部';
  const reps = f.representatives.map((p) => `<tr><td>${escape(p.name)}</td><td>${escape(p.unit)}</td></tr>`).join('');
  const depts = f.invitedDepartments.map((d) => escape(d.name)).join('、');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>党代表论坛公告 · ${escape(f.topic)}</title>
<style>
  @page { size: A4; margin: 18mm 16mm; }
  body { font-family: "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #111; max-width: 178mm; margin: 0 auto; line-height: 1.7; }
  h1 { text-align: center; font-size: 26pt; color: #c00; letter-spacing: 0.2em; margin: 0 0 2mm; }
  .level { text-align: center; font-size: 15pt; margin-bottom: 8mm; }
  dl { display: grid; grid-template-columns: 28mm 1fr; gap: 2mm 4mm; font-size: 13pt; }
  dt { font-weight: bold; }
  .about { font-size: 12pt; white-space: pre-wrap; }
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
<h1>党代表论坛公告</h1>
<div class="level">${escape(FORUM_LEVEL_LABELS[f.level])} · ${escape(host)}</div>
<dl>
  <dt>论坛主题</dt><dd>${escape(f.topic)}</dd>
  <dt>举行时间</dt><dd>${escape(when)}</dd>
  <dt>举行形式</dt><dd>${escape(FORUM_FORM_LABELS[f.form])}</dd>
  <dt>举行地点</dt><dd>${escape(f.place)}</dd>
  ${depts ? `<dt>列席单位</dt><dd>${depts}</dd>` : ''}
</dl>
<p class="about">${escape(f.description)}</p>
<table>
  <thead><tr><th>参加论坛的党代表</th><th>工作单位及职务</th></tr></thead>
  <tbody>${reps}</tbody>
</table>
<div class="how">
  <strong>征集意见：</strong>论坛举行前，欢迎党员群众围绕论坛主题提出意见建议：微信搜索进入“党代表工作室”小程序，在“党代表论坛”中找到本次论坛并提交意见；论坛成果和转为代表提议的办理进展将在小程序中公开。<br>
  ${codeBlockHtml(code, '打开本次论坛，提交意见', forumPage(f._id), escape)}
</div>
<footer>${escape(host)}　${escape(shanghai(f.publishedAt ?? f.createdAt).format('YYYY年M月D日'))} 公告</footer>
<p class="noprint" style="text-align:center"><button onclick="print()">打印公告</button></p>
</body>
</html>
`;
}

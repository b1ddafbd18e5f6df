/**
 * The frame of a printable A4 notice (接待公告, 论坛公告): escaping, the time line, the page with
 * its stylesheet and print button. Each notice gives its own heading, lines and tables; the
 * mini-program's preview (pages/staff/common/notice.ts) inlines the same classes.
 */
import { CODE_BLOCK_CSS } from '../codes/notice';
import { shanghai } from '../time';

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** "2026年11月20日（星期五）09:00–11:30" in Shanghai time. */
export function noticeWhen(startAt: number, endAt: number): string {
  const start = shanghai(startAt);
  return `${start.format('YYYY年M月D日')}（星期${WEEKDAYS[start.day()]}）${start.format('HH:mm')}–${shanghai(endAt).format('HH:mm')}`;
}

/** The whole document: `title` and `heading` are text (escaped here), `body` is HTML already escaped. */
export function printableNotice(p: { title: string; heading: string; headingSpacing: string; subtitle: string; body: string; signedBy: string; signedAt: number }): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(p.title)}</title>
<style>
  @page { size: A4; margin: 18mm 16mm; }
  body { font-family: "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #111; max-width: 178mm; margin: 0 auto; line-height: 1.7; }
  h1 { text-align: center; font-size: 26pt; color: #c00; letter-spacing: ${p.headingSpacing}; margin: 0 0 2mm; }
  .sub { text-align: center; font-size: 15pt; margin-bottom: 8mm; }
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
<h1>${escapeHtml(p.heading)}</h1>
<div class="sub">${escapeHtml(p.subtitle)}</div>
${p.body}
<footer>${escapeHtml(p.signedBy)}　${escapeHtml(shanghai(p.signedAt).format('YYYY年M月D日'))} 公告</footer>
<p class="noprint" style="text-align:center"><button onclick="print()">打印公告</button></p>
</body>
</html>
`;
}

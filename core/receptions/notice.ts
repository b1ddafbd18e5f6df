import type { Deps } from '../deps';
import type { Studio } from '../directory/types';
import { invalidState, notFound } from '../errors';
import { codeBlockHtml, codeDataUrl, codeTargetOf, findCode } from '../codes/notice';
import { escapeHtml as escape, noticeWhen, printableNotice } from '../shared/printable';
import type { Reception } from './types';
import { dutyContacts, FORM_LABELS, receptionPage } from './usecases';

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
  const when = noticeWhen(r.startAt, r.endAt);
  const reps = duty
    .map((p) => `<tr><td>${escape(p.name)}</td><td>${escape(p.unit)}</td><td>${escape(p.phone)}${p.viaStudio ? '（工作室）' : ''}</td><td>${escape(p.wechat || '—')}</td></tr>`)
    .join('');
  return printableNotice({
    title: `接待公告 · ${r.studioName}`,
    heading: '接待公告',
    headingSpacing: '0.3em',
    subtitle: r.studioName,
    signedBy: r.studioName,
    signedAt: r.publishedAt ?? r.createdAt,
    body: `<dl>
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
</div>`,
  });
}

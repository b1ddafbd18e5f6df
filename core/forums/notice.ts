import type { Deps } from '../deps';
import { invalidState, notFound } from '../errors';
import { codeBlockHtml, codeDataUrl, codeTargetOf, findCode } from '../codes/notice';
import { escapeHtml as escape, noticeWhen, printableNotice } from '../shared/printable';
import { forumPage } from './kind';
import type { Forum } from './types';
import { FORUM_FORM_LABELS, FORUM_LEVEL_LABELS } from './types';

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
  const when = noticeWhen(f.startAt, f.endAt);
  const host = f.studioName ?? '中共仙居县委组织部';
  const reps = f.representatives.map((p) => `<tr><td>${escape(p.name)}</td><td>${escape(p.unit)}</td></tr>`).join('');
  const depts = f.invitedDepartments.map((d) => escape(d.name)).join('、');
  return printableNotice({
    title: `党代表论坛公告 · ${f.topic}`,
    heading: '党代表论坛公告',
    headingSpacing: '0.2em',
    subtitle: `${FORUM_LEVEL_LABELS[f.level]} · ${host}`,
    signedBy: host,
    signedAt: f.publishedAt ?? f.createdAt,
    body: `<dl>
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
</div>`,
  });
}

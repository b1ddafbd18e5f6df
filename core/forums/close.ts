/**
 * 登记论坛成果 (close): after a forum ends, its organiser records who attended, a summary and
 * the outcomes; the outcomes marked `asProposal` become representatives' proposals (代表提议)
 * raised by the attending representatives. The proposals are made first, each with an identity
 * derived from the forum and the outcome's place, so a close retried after a failure creates
 * none twice; then the forum closes in one write with the proposals' numbers on its outcomes.
 * The close records, with the change and once (core/forums/kind.ts `forumCloseEffects`), the
 * organising studio's activity (kind 党代表论坛) and the points of every representative who
 * attended: `forum_held` for those who presided (主持), `forum_attended` for the others.
 */
import type { Deps } from '../deps';
import type { Representative } from '../directory/types';
import { validationError } from '../errors';
import type { Caller } from '../members/types';
import { runTransition } from '../matters/runner';
import { proposeFromForum } from '../proposals/raise';
import type { Category } from '../register/item';
import { checkText } from '../register/usecases';
import { forumKind } from './kind';
import { answerForum, loadCounted } from './schedule';
import type { Forum, Outcome } from './types';

export interface CloseCommand {
  id: string;
  /** The representatives who attended (代表出席). */
  attendance: string[];
  /** Who presided (主持), among those who attended; the first attending one when omitted. */
  hostRepIds?: string[];
  summary: string;
  outcomes: Array<{ title: string; content: string; asProposal: boolean; category?: Category }>;
}

/** The category most of the linked items share, for an outcome that names none. */
function usualCategory(f: Forum): Category {
  const counts = new Map<Category, number>();
  for (const i of f.linkedItems) counts.set(i.category, (counts.get(i.category) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '其他';
}

export async function closeForum(deps: Deps, caller: Caller, cmd: CloseCommand) {
  const { forum: f, views } = await loadCounted(deps, caller, cmd.id);
  // Refuse before any proposal is made: the organiser, and only once it ended.
  const now = deps.clock.now();
  const facts = forumKind.factsOf(f, now, deps.config);
  const relations = forumKind.relationsOf(caller, f);
  if (!forumKind.lifecycle.transition(facts, 'close', relations)) throw forumKind.lifecycle.refusal(facts, 'close', relations);

  const ids = [...new Set(cmd.attendance)];
  const known = new Map(f.representatives.map((r) => [r.id, r]));
  // Everyone who attended is read: a proposal's proposers need their studio and unit.
  const reps = await Promise.all(ids.map((id) => deps.store.get<Representative>('representatives', id)));
  if (reps.some((r) => r === null)) throw validationError('出席的党代表不存在');
  const attended = reps as Representative[];
  const hosts = cmd.hostRepIds === undefined ? ids.slice(0, 1) : [...new Set(cmd.hostRepIds)];
  if (hosts.some((h) => !ids.includes(h))) throw validationError('主持的党代表须是出席的党代表');
  if (cmd.outcomes.some((o) => o.asProposal) && attended.length === 0) throw validationError('转为代表提议的成果须有出席的党代表作为提议人');
  await checkText(deps, caller, [cmd.summary, ...cmd.outcomes.flatMap((o) => [o.title, o.content])]);

  const outcomes: Outcome[] = [];
  // One after another: each takes the next number of the year, in the outcomes' order.
  for (const [index, o] of cmd.outcomes.entries()) {
    const category = o.category ?? usualCategory(f);
    if (!o.asProposal) {
      outcomes.push({ title: o.title, content: o.content, asProposal: false, category: o.category ?? null, proposalId: null, proposalNo: null });
      continue;
    }
    const p = await proposeFromForum(deps, caller, {
      forumId: f._id,
      forumTopic: f.topic,
      index,
      level: f.level,
      studioId: f.studioId,
      title: o.title,
      content: o.content,
      category,
      attendance: attended,
    });
    outcomes.push({ title: o.title, content: o.content, asProposal: true, category, proposalId: p._id, proposalNo: p.no });
  }

  const proposals = outcomes.filter((o) => o.proposalNo).map((o) => o.proposalNo);
  const saved = await runTransition(deps, forumKind, caller, f, {
    action: 'close',
    change: (at) => ({
      closedAt: at,
      attendance: attended.map((r) => ({ id: r._id, name: r.name, unit: known.get(r._id)?.unit ?? r.unit })),
      attendanceIds: attended.map((r) => r._id),
      hostRepIds: hosts,
      summary: cmd.summary,
      outcomes,
    }),
    note: `出席党代表 ${attended.length} 位，形成成果 ${outcomes.length} 项${proposals.length ? `，转为代表提议 ${proposals.join('、')}` : ''}`,
  });
  return answerForum(deps, caller, saved, views);
}

/**
 * 议题建议 (suggestTopics): the recurring themes of the register in a scope over the last
 * months, so a liaison picks a forum topic residents actually raise — the categories by count
 * (counted by the database over every item of the period), and the words repeated across items
 * (from the newest items, at most 1,000), each with a few item numbers to link to the forum.
 *
 * Words come from Node's own `Intl.Segmenter('zh', { granularity: 'word' })` (ICU's dictionary
 * segmentation of Chinese; no package). A word counts once per item; an item "has" a word when
 * its text contains it, so 停车 counts the items that say 停车位 too. Words of two characters or
 * more that at least two items share are kept, generic ones dropped by the short stop list below,
 * and a word overlapping a stronger one (停车 / 停车位) is left out.
 */
import type { Deps } from '../deps';
import type { Studio } from '../directory/types';
import { forbidden, validationError } from '../errors';
import type { Caller } from '../members/types';
import type { Filter } from '../ports/store';
import { CATEGORIES, type Category, type Item } from '../register/item';
import { shanghai, shanghaiDate } from '../time';
import { REFUSALS, may, type TopicScope } from './permissions';

/** The newest items read for words: one request at CloudBase's ceiling. */
const SAMPLE = 1000;
/** Words and item numbers given back. */
const TOP_WORDS = 10;
const ITEMS_EACH = 5;
/** Candidate words kept after segmenting, before counting them in every item's text. */
const CANDIDATES = 300;

/**
 * Words that say nothing of a theme: how residents write (希望, 反映, 问题…), where and when
 * (小区, 附近, 晚上…), and what every request asks (解决, 尽快…). Kept short on purpose: a theme word
 * should not be lost to it.
 */
export const STOP_WORDS = new Set([
  '希望', '问题', '反映', '建议', '要求', '需要', '能否', '可以', '是否', '进行', '有关', '相关', '情况', '目前', '现在', '已经',
  '一直', '经常', '非常', '比较', '特别', '没有', '不能', '不是', '就是', '还是', '但是', '因为', '所以', '如果', '什么', '怎么',
  '这个', '那个', '一个', '一些', '我们', '他们', '大家', '群众', '居民', '老百姓', '小区', '门口', '附近', '这里', '那里', '时候', '每天', '晚上',
  '早上', '解决', '处理', '尽快', '及时', '部门', '政府', '影响', '存在', '出现', '严重', '导致',
]);

/** ICU's word segmenter (Node ≥ 16); typed here because the project's `lib` predates ES2022.Intl. */
interface WordSegmenter {
  segment(text: string): Iterable<{ segment: string; isWordLike?: boolean }>;
}
const { Segmenter } = Intl as unknown as { Segmenter: new (locale: string, options: { granularity: 'word' }) => WordSegmenter };
const segmenter = new Segmenter('zh', { granularity: 'word' });

/** The theme words of one text: word-like segments of 2+ characters, Chinese, not stop words. */
function wordsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const s of segmenter.segment(text)) {
    if (!s.isWordLike || s.segment.length < 2) continue;
    if (!/^[\u4e00-\u9fff]+$/.test(s.segment) || STOP_WORDS.has(s.segment)) continue;
    out.add(s.segment);
  }
  return out;
}

interface Ref {
  id: string;
  no: string;
}

const refs = (items: Item[]): Ref[] => items.slice(0, ITEMS_EACH).map((i) => ({ id: i._id, no: i.no }));

/** The repeated words of `items` (newest first), strongest first, with the items that say them. */
export function repeatedWords(items: Item[]): Array<{ word: string; count: number; category: Category; items: Ref[] }> {
  const df = new Map<string, number>();
  for (const item of items) for (const w of wordsOf(item.content)) df.set(w, (df.get(w) ?? 0) + 1);
  const candidates = [...df.entries()].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1] || b[0].length - a[0].length).slice(0, CANDIDATES);
  const counted = candidates
    .map(([word]) => {
      const having = items.filter((i) => i.content.includes(word));
      return { word, having };
    })
    .sort((a, b) => b.having.length - a.having.length || b.word.length - a.word.length);
  const chosen: Array<{ word: string; count: number; category: Category; items: Ref[] }> = [];
  for (const { word, having } of counted) {
    if (chosen.length >= TOP_WORDS) break;
    if (chosen.some((c) => c.word.includes(word) || word.includes(c.word))) continue;
    const byCategory = new Map<Category, number>();
    for (const i of having) byCategory.set(i.category, (byCategory.get(i.category) ?? 0) + 1);
    const category = [...byCategory.entries()].sort((a, b) => b[1] - a[1])[0][0];
    chosen.push({ word, count: having.length, category, items: refs(having) });
  }
  return chosen;
}

export interface SuggestQuery extends TopicScope {
  months: number;
}

/**
 * The themes of the register in the scope over the last `months` months (Shanghai dates):
 * a studio's or a township's for its liaison staff and representatives, any for an administrator.
 * Rejected items (duplicates, spam) are left out.
 */
export async function suggestTopics(deps: Deps, caller: Caller, q: SuggestQuery) {
  if (q.scope !== 'county' && !q.id) throw validationError('请指定工作室或乡镇（街道）');
  // A liaison's or representative's townships: those of their studios (read only when asked for a township).
  const studios =
    q.scope === 'township' && caller.role !== 'admin' ? await Promise.all(caller.studioIds.map((id) => deps.store.get<Studio>('studios', id))) : [];
  const townshipIds = studios.flatMap((s) => (s ? [s.townshipId] : []));
  if (!may(caller, 'suggest', { scope: q.scope, id: q.id, townshipIds })) throw forbidden(REFUSALS.suggest);

  const now = deps.clock.now();
  const since = shanghai(now).subtract(q.months, 'month').startOf('day');
  const where: Filter = {
    ...(q.scope === 'studio' ? { studioId: q.id as string } : q.scope === 'township' ? { townshipId: q.id as string } : {}),
    status: { in: ['submitted', 'accepted', 'in_progress', 'answered', 'resolved', 'closed'] },
    createdAt: { gte: since.valueOf() },
  };
  const [groups, items] = await Promise.all([
    deps.store.countBy('items', ['category'], where),
    deps.store.find<Item>('items', { where, orderBy: [['createdAt', 'desc']], limit: SAMPLE }),
  ]);
  const total = groups.reduce((n, g) => n + g.count, 0);
  const categories = groups
    .filter((g) => typeof g.key.category === 'string' && (CATEGORIES as readonly string[]).includes(g.key.category))
    .map((g) => {
      const category = g.key.category as Category;
      return { category, count: g.count, items: refs(items.filter((i) => i.category === category)) };
    })
    .sort((a, b) => b.count - a.count || CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));
  return {
    scope: q.scope,
    id: q.id ?? null,
    months: q.months,
    from: shanghaiDate(since.valueOf()),
    to: shanghaiDate(now),
    total,
    /** Items whose words were counted (the newest, at most 1,000). */
    analysed: items.length,
    categories,
    words: repeatedWords(items),
  };
}

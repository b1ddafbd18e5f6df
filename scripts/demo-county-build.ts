/**
 * A year of the county's practice at the source's scale, made through the app's functions (the
 * same calls the mini-program makes, validated and permission-checked), in time order on a dev
 * clock: receptions scheduled, published 8 days ahead and closed with their attendance and the
 * representatives present; items submitted online and at receptions, accepted, promised,
 * answered or resolved, rated; trainings and other activities; forums held and closed with who
 * attended; service commitments; December's roster. Activities and points follow from those calls as they do in use.
 *
 * Deterministic: the same options give the same history (a seeded generator, no Math.random).
 * `npm run demo:county` (scripts/demo-county.ts) runs it at full scale; the jest test
 * test/scripts/demo-county.test.ts runs it small.
 */
import type { App } from '../core/app';
import type { Representative, Studio } from '../core/directory/types';
import type { NewDoc } from '../core/ports/store';
import type { DevClock } from '../core/ports/clock';
import { CATEGORIES, type Category } from '../core/register/item';
import { shanghai, shanghaiDate, startOfShanghaiDay, dayjs, ZONE } from '../core/time';

export interface CountyDemoOptions {
  /** The year the history fills, from 1 January to the day before `until`. */
  year: number;
  /** The end of the history (the clock is left here). */
  until: number;
  /** Representatives in the directory afterwards (the demo directory has 134; the rest are added). */
  representatives: number;
  /** Items collected, and how many of them answered or resolved (the rest stay open). */
  items: number;
  answered: number;
  /** Residents received at receptions, at least (the closes' attendance adds up to this or a little more). */
  attendances: number;
  /** Studio-months left without any activity, to show in the compliance grid. */
  gaps?: number;
  /** 党代表论坛 held and closed (the source: 1,200+ county-wide), one in 40 a county forum; none when omitted. */
  forums?: number;
  log?: (line: string) => void;
}

export interface CountyDemoResult {
  representatives: number;
  items: number;
  answeredOrResolved: number;
  open: number;
  receptions: number;
  attendances: number;
  activities: number;
  forums: number;
  calls: number;
  ms: number;
}

/** mulberry32: a small seeded generator. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const SURNAMES = ['王', '朱', '张', '应', '吴', '陈', '林', '徐', '郑', '李', '周', '杨', '潘', '蒋', '何', '卢', '方', '叶', '金', '郭', '罗', '胡', '许'];
const GIVEN = ['国强', '丽华', '建新', '秀兰', '志刚', '晓红', '永福', '美华', '伟', '敏', '春生', '雪梅', '海平', '玉兰', '文军', '巧云', '德明', '彩凤', '立群', '小燕', '卫国', '淑贞', '光辉', '月仙', '正义', '素琴', '宏亮', '爱萍', '成林', '亚芬'];
const UNITS = ['某村党支部书记', '某村村委会主任', '某社区党委委员', '某企业党支部书记', '某学校教师', '某卫生院医生', '某专业合作社负责人', '某村妇联主席', '某企业职工', '退休干部'];

/** What residents raise, by category (made up, in the register's words). */
const CONTENT: Record<Category, string[]> = {
  民生服务: ['小区门口的路灯坏了一个多月，晚上出行不安全。', '希望社区食堂增加老年人助餐点。', '菜市场周边垃圾清运不及时，气味很大。'],
  城乡建设: ['老旧小区雨污管道经常堵塞，希望尽快改造。', '村里的文化礼堂年久失修，屋顶漏雨。', '建议在安置小区增设电动车充电桩。'],
  交通出行: ['城东路口红绿灯时间太短，老人过马路来不及。', '公交车班次太少，早晚高峰等车时间长。', '学校门口上下学时段车辆乱停，希望增加管理。'],
  生态环境: ['河道里有生活垃圾漂浮，希望加强保洁。', '附近工厂夜间排放异味，影响休息。', '建议在溪边增设禁止倾倒垃圾的标识。'],
  教育医疗: ['希望卫生院增加周末门诊。', '幼儿园学位紧张，希望扩班。', '建议为留守儿童开设课后托管。'],
  社会保障: ['独居老人希望社区定期上门探访。', '残疾人补贴申请流程不清楚，希望公开办理指南。', '城乡居民医保缴费渠道希望更方便。'],
  就业创业: ['希望举办针对返乡青年的电商培训。', '建议为灵活就业人员提供社保缴费指导。', '村里的来料加工点希望增加订单对接。'],
  农业农村: ['机耕路被雨水冲坏，农机下不了田。', '杨梅采摘季希望协调冷链运输。', '希望农技站派人指导病虫害防治。'],
  党的建设: ['希望流动党员也能参加组织生活。', '建议党员活动室开放时间延长。', '希望多组织党员志愿服务活动。'],
  矛盾纠纷: ['邻里之间宅基地边界有纠纷，希望调解。', '物业与业主在停车费上有矛盾，希望协调。', '土地流转租金迟迟未付，希望帮助协调。'],
  其他: ['希望工作室公布代表联系方式。', '建议在村务公开栏增加意见箱。', '希望多举办惠民政策宣讲。'],
};
const FORUM_TOPICS = ['破解老旧小区停车难', '推进共同富裕示范区建设', '加强基层党组织建设', '优化营商环境', '提升农村人居环境', '办好民生实事项目'];
const REPLY = ['已联系有关部门现场查看，近期处理并回复。', '经核实，已协调落实，请您留意后续进展。', '已向您解释相关政策，并告知办理渠道。', '已会同街道（乡镇）相关站所处理完毕。'];
const CATEGORY_WEIGHTS: Record<Category, number> = { 民生服务: 20, 城乡建设: 16, 交通出行: 13, 生态环境: 8, 教育医疗: 8, 社会保障: 9, 就业创业: 4, 农业农村: 12, 党的建设: 3, 矛盾纠纷: 5, 其他: 2 };
const OTHER_KINDS = ['training', 'inspection', 'exchange', 'proposal'] as const;
const TOPICS: Record<(typeof OTHER_KINDS)[number], string[]> = {
  training: ['学习党的二十届四中全会精神', '党代表履职能力培训', '学习《中国共产党党员权利保障条例》'],
  inspection: ['调研农村饮水安全工程', '视察老旧小区改造进度', '调研乡村民宿发展'],
  exchange: ['与兄弟工作室交流履职经验', '“两新”组织党建工作交流', '联络员工作交流会'],
  proposal: ['关于增设城区公共停车场的提议', '关于完善农村养老服务的提议', '关于加强河道长效保洁的提议'],
};

/** Builds the history through `app` (on `clock`). See the module's comment. */
export async function buildCountyDemo(app: App, clock: DevClock, o: CountyDemoOptions): Promise<CountyDemoResult> {
  const started = Date.now();
  const log = o.log ?? (() => undefined);
  const rnd = seeded(20261201);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const store = app.deps.store;
  let calls = 0;
  const call = async <T = any>(fn: string, openid: string, event: Record<string, unknown>, at: number): Promise<T> => {
    clock.set(at);
    calls++;
    const r = await app.call(fn, event, openid);
    if (!r.ok) throw new Error(`demo: ${fn}.${String(event.action)} as ${openid} at ${new Date(at).toISOString()}: ${r.error.code} ${r.error.message}`);
    return r.data as T;
  };

  const begin = startOfShanghaiDay(`${o.year}-01-01`);
  const end = Math.min(o.until, startOfShanghaiDay(`${o.year + 1}-01-01`));
  const at = (date: string, time: string) => dayjs.tz(`${date} ${time}`, ZONE).valueOf();

  // ---- the directory: representatives added up to the county's number, each bound to an account
  const studios = await store.find<Studio>('studios', { orderBy: [['order', 'asc']], limit: 100 });
  const existing = await store.find<Representative>('representatives', { limit: 1000 });
  const add = Math.max(0, o.representatives - existing.length);
  const weight = (s: Studio) => (s.kind === 'township' ? 1.5 : 0.7);
  const totalWeight = studios.reduce((a, s) => a + weight(s), 0);
  const shares = studios.map((s) => Math.floor((add * weight(s)) / totalWeight));
  for (let i = 0; shares.reduce((a, b) => a + b, 0) < add; i++) shares[i % studios.length]++;
  const added: NewDoc<Representative>[] = [];
  studios.forEach((s, si) => {
    const have = existing.filter((r) => r.studioId === s._id).length;
    for (let k = 1; k <= shares[si]; k++) {
      const n = added.length;
      added.push({
        _id: `${s._id.replace(/^studio-/, 'rep-')}-${have + k}`,
        name: SURNAMES[(n * 7) % SURNAMES.length] + GIVEN[(n * 11) % GIVEN.length],
        unit: `${s.name.replace(/党代表工作室$/, '')}${UNITS[n % UNITS.length]}`,
        photo: '/assets/avatar-placeholder.png',
        studioId: s._id,
        level: s.kind === 'township' && k % 3 !== 0 ? 'township' : 'county',
        intro: `${s.kind === 'township' ? '乡镇（街道）' : '县'}党代会代表（演示数据）`,
        phone: `1390576${String(1000 + n).padStart(4, '0')}`,
        wechat: `xj_demo_${n + 1}`,
      });
    }
  });
  for (const r of added) await store.create<Representative>('representatives', r);
  const reps = await store.find<Representative>('representatives', { orderBy: [['studioId', 'asc'], ['name', 'asc']], limit: 1000 });
  const repsOf = new Map(studios.map((s) => [s._id, reps.filter((r) => r.studioId === s._id)]));
  const setupAt = begin - 10 * DAY;
  const liaisonOf = new Map<string, string>();
  const repAccount = (id: string) => `demo-${id}`;
  for (const s of studios) {
    const openid = s._id === 'studio-fuying' ? 'dev-liaison' : `demo-liaison-${s._id.replace(/^studio-/, '')}`;
    liaisonOf.set(s._id, openid);
    if (openid !== 'dev-liaison') {
      const { code } = await call('members', 'dev-admin', { action: 'invite', kind: 'liaison', studioIds: [s._id] }, setupAt);
      await call('members', openid, { action: 'bind', code }, setupAt);
    }
  }
  for (const r of reps) {
    if (r._id === 'rep-fuying-1') continue; // dev-rep
    const { code } = await call('members', 'dev-admin', { action: 'invite', kind: 'representative', representativeId: r._id }, setupAt);
    await call('members', repAccount(r._id), { action: 'bind', code }, setupAt);
  }
  const accountOf = (repId: string) => (repId === 'rep-fuying-1' ? 'dev-rep' : repAccount(repId));
  log(`directory: ${reps.length} representatives (${added.length} added), ${studios.length} studios, every one bound`);

  // ---- the plan: every call of the year with its time, run in time order
  type Task = { at: number; seq: number; run: () => Promise<void> };
  const tasks: Task[] = [];
  let seq = 0;
  const plan = (when: number, run: () => Promise<void>) => tasks.push({ at: when, seq: seq++, run });
  const lastDay = shanghaiDate(end - 1);
  const months = Array.from({ length: 12 }, (_, i) => `${o.year}-${String(i + 1).padStart(2, '0')}`).filter((m) => `${m}-01` <= lastDay);
  const daysOf = (m: string) => {
    const first = dayjs(`${m}-01`);
    return Array.from({ length: first.daysInMonth() }, (_, i) => first.add(i, 'day').format('YYYY-MM-DD')).filter((d) => d < lastDay);
  };
  const weekdays = (m: string) => daysOf(m).filter((d) => dayjs(d).day() >= 1 && dayjs(d).day() <= 5);

  // Items: how many each studio collects, and which are answered (the latest ones stay open).
  const itemShares = studios.map((s) => weight(s) * (0.8 + rnd() * 0.4));
  const shareSum = itemShares.reduce((a, b) => a + b, 0);
  const perStudio = itemShares.map((w) => Math.floor((o.items * w) / shareSum));
  for (let i = 0; perStudio.reduce((a, b) => a + b, 0) < o.items; i++) perStudio[i % studios.length]++;

  // Activities other than receptions: some studio-months left without any (no reception either), for the compliance grid.
  const gaps = new Set<string>();
  for (let g = 0; g < (o.gaps ?? 6); g++) gaps.add(`${studios[(g * 7 + 3) % studios.length]._id}|${months[(g * 5 + 2) % months.length]}`);
  // Receptions: enough to receive `attendances` residents, about 21 a reception.
  const receptionCount = Math.max(studios.length, Math.ceil(o.attendances / 21));
  const slots: Array<{ studio: Studio; day: string }> = [];
  for (let k = 0; k < receptionCount; k++) {
    const studio = studios[k % studios.length];
    // Studio s gets receptions k = s, s + 37, …: month (j + s) mod 11 for the j-th, so each
    // studio's come round the months evenly and the small runs of the tests spread too.
    const month = months[(Math.floor(k / studios.length) + (k % studios.length)) % months.length];
    const days = weekdays(month);
    if (days.length && !gaps.has(`${studio._id}|${month}`)) slots.push({ studio, day: pick(days) });
  }
  const attendanceEach = slots.map(() => int(14, 28));
  let attendanceSum = attendanceEach.reduce((a, b) => a + b, 0);
  for (let i = 0; attendanceSum < o.attendances; i = (i + 1) % slots.length) {
    attendanceEach[i]++;
    attendanceSum++;
  }

  // Which items are raised at a reception (walk-ins) and which online: about a quarter at receptions.
  interface ItemPlan {
    studio: Studio;
    at: number;
    reception: number | null;
    category: Category;
    open: 'submitted' | 'accepted' | 'promised' | null;
  }
  const items: ItemPlan[] = [];
  const receptionItems = new Map<number, ItemPlan[]>();
  studios.forEach((studio, si) => {
    const mine = slots.map((s, i) => ({ ...s, i })).filter((s) => s.studio._id === studio._id);
    for (let k = 0; k < perStudio[si]; k++) {
      const catRoll = rnd() * 100;
      let acc = 0;
      const category = CATEGORIES.find((c) => (acc += CATEGORY_WEIGHTS[c]) >= catRoll) ?? '其他';
      const atReception = mine.length > 0 && rnd() < 0.27;
      if (atReception) {
        const slot = pick(mine);
        const plan = { studio, at: at(slot.day, '09:30') + int(0, 90) * 60_000, reception: slot.i, category, open: null };
        items.push(plan);
        receptionItems.set(slot.i, [...(receptionItems.get(slot.i) ?? []), plan]);
      } else {
        const t = begin + rnd() * (end - begin - 2 * DAY);
        const local = shanghai(t);
        items.push({ studio, at: local.hour(8 + int(0, 11)).minute(int(0, 59)).valueOf(), reception: null, category, open: null });
      }
    }
  });
  // The latest items are the open ones, in three states.
  const byTime = [...items].sort((a, b) => a.at - b.at);
  const openCount = o.items - o.answered;
  byTime.slice(byTime.length - openCount).forEach((p, i) => (p.open = i % 3 === 0 ? 'submitted' : i % 3 === 1 ? 'accepted' : 'promised'));

  // Receptions: scheduled and published 8 days ahead, walk-ins registered, closed after.
  slots.forEach((slot, i) => {
    const onDuty = [...(repsOf.get(slot.studio._id) ?? [])].sort(() => rnd() - 0.5).slice(0, int(2, 3)).map((r) => r._id);
    const startAt = at(slot.day, '09:00');
    const endAt = at(slot.day, '11:30');
    const liaison = liaisonOf.get(slot.studio._id) as string;
    const state: { id?: string } = {};
    plan(startAt - 8 * DAY, async () => {
      const r = await call<{ id: string }>('receptions', liaison, { action: 'schedule', studioId: slot.studio._id, startAt, endAt, form: 'studio', topic: `${slot.day.slice(5, 7)}月驻室接待`, representativeIds: onDuty, capacity: 40 }, startAt - 8 * DAY);
      state.id = r.id;
      await call('receptions', liaison, { action: 'publish', id: r.id }, startAt - 8 * DAY + 60_000);
    });
    const present = onDuty.filter((_, k) => k === 0 || rnd() > 0.1);
    plan(endAt + HOUR, async () => {
      if (!state.id) return;
      await call('receptions', liaison, { action: 'close', id: state.id, attendance: attendanceEach[i], summary: `接待群众 ${attendanceEach[i]} 人，现场登记意见建议 ${(receptionItems.get(i) ?? []).length} 条。`, representativeIds: present }, endAt + HOUR);
    });
    (slot as { state?: { id?: string } }).state = state;
  });

  // Items: submitted (online, or walk-in at the reception), accepted, answered or resolved, rated.
  let residentSeq = 0;
  items.forEach((p, n) => {
    const resident = `demo-resident-${++residentSeq}`;
    const ids: { id?: string } = {};
    const owner = pick(repsOf.get(p.studio._id) ?? []);
    const ownerAccount = accountOf(owner._id);
    const liaison = liaisonOf.get(p.studio._id) as string;
    const content = pick(CONTENT[p.category]);
    if (p.reception === null) {
      plan(p.at, async () => {
        ids.id = (await call<{ id: string }>('register', resident, { action: 'submit', requestId: `demo-item-${n.toString().padStart(6, '0')}`, studioId: p.studio._id, category: p.category, content, contactName: `${pick(SURNAMES)}先生`, contactPhone: `1370576${String(n % 10000).padStart(4, '0')}` }, p.at)).id;
      });
    } else {
      const slot = slots[p.reception] as { state?: { id?: string } };
      plan(p.at, async () => {
        if (!slot.state?.id) return;
        ids.id = (await call<{ id: string }>('receptions', liaison, { action: 'walkIn', id: slot.state.id, requestId: `demo-walkin-${n.toString().padStart(6, '0')}`, category: p.category, content }, p.at)).id;
      });
    }
    if (p.open === 'submitted') return;
    // 响应: most the same or the next day; a few after the 2-day window.
    const roll = rnd();
    const acceptAt = Math.min(p.at + (roll < 0.62 ? int(10, 240) * 60_000 : roll < 0.95 ? DAY + int(0, 8) * HOUR : int(3, 4) * DAY), end - 2 * HOUR);
    const byLiaison = rnd() < 0.4;
    plan(acceptAt, async () => {
      if (!ids.id) return;
      if (byLiaison) await call('register', liaison, { action: 'assign', id: ids.id, representativeId: owner._id }, acceptAt);
      else await call('register', accountOf(owner._id), { action: 'accept', id: ids.id }, acceptAt);
    });
    if (p.open === 'accepted') return;
    if (p.open === 'promised') {
      plan(acceptAt + HOUR, async () => {
        if (ids.id) await call('register', ownerAccount, { action: 'promise', id: ids.id, deadline: shanghaiDate(end + 10 * DAY), note: '已联系有关部门，协调办理中' }, acceptAt + HOUR);
      });
      return;
    }
    // 答复或办结: mostly within the 15-day period, a few late.
    const late = rnd() < 0.035;
    const replyAt = Math.min(acceptAt + (late ? int(16, 22) * DAY : int(2, 96) * HOUR), end - HOUR);
    const resolve = rnd() < 0.42;
    plan(replyAt, async () => {
      if (ids.id) await call('register', ownerAccount, { action: resolve ? 'resolve' : 'answer', id: ids.id, reply: pick(REPLY) }, Math.max(replyAt, acceptAt + 60_000));
    });
    // 评价: about half rate it, nearly all satisfied (walk-ins have no account to rate with). A
    // resident not satisfied reopens the item, which its owner then resolves.
    if (p.reception === null && rnd() < 0.5) {
      const feedbackAt = replyAt + int(1, 72) * HOUR;
      const redoAt = feedbackAt + int(1, 3) * DAY;
      const satisfied = rnd() < 0.965 || redoAt >= end;
      if (feedbackAt < end) {
        plan(feedbackAt, async () => {
          if (ids.id) await call('register', resident, { action: 'feedback', id: ids.id, satisfied, ...(satisfied ? {} : { comment: '问题还没有彻底解决' }) }, feedbackAt);
        });
        if (!satisfied) plan(redoAt, async () => {
          if (ids.id) await call('register', ownerAccount, { action: 'resolve', id: ids.id, reply: '已再次协调，问题已落实解决。' }, redoAt);
        });
      }
    }
  });

  // Activities other than receptions: about two a studio-month.
  const receptionMonths = new Set(slots.map((s) => `${s.studio._id}|${s.day.slice(0, 7)}`));
  let activityPlans = 0;
  for (const s of studios) {
    for (const m of months) {
      if (gaps.has(`${s._id}|${m}`)) continue;
      const count = receptionMonths.has(`${s._id}|${m}`) ? int(0, 2) : int(1, 2);
      for (let k = 0; k < count; k++) {
        const days = daysOf(m);
        if (!days.length) continue;
        const day = pick(days);
        const kind = pick(OTHER_KINDS);
        const present = [...(repsOf.get(s._id) ?? [])].sort(() => rnd() - 0.5).slice(0, int(3, 8)).map((r) => r._id);
        const when = Math.min(at(day, '17:00') + DAY, end - HOUR);
        const n = ++activityPlans;
        plan(when, async () => {
          await call('activities', liaisonOf.get(s._id) as string, { action: 'record', requestId: `demo-act-${n.toString().padStart(6, '0')}`, studioId: s._id, date: day, kind, topic: pick(TOPICS[kind]), representativeIds: present, summary: '按计划开展活动，党代表参加并交流。' }, when);
        });
      }
    }
  }
  // A reception on a gap month would fill it: those receptions' months stay filled (that is the data).

  // Forums (党代表论坛): township and delegation forums of every studio round the months (never on
  // a gap month, which they would fill), one in 40 a county forum of representatives from several
  // studios; scheduled and published 10 days ahead, closed after with who attended (the first
  // presides). Their close records the studio's activity and everyone's forum points.
  let forumCount = 0;
  const wantForums = o.forums ?? 0;
  // Slots that fall on a gap month or after the end are passed over: go on until there are enough.
  for (let k = 0; forumCount < wantForums && k < 3 * wantForums; k++) {
    const county = k % 40 === 39;
    const studio = studios[k % studios.length];
    const month = months[(Math.floor(k / studios.length) + 3 * (k % studios.length)) % months.length];
    if (!county && gaps.has(`${studio._id}|${month}`)) continue;
    const days = weekdays(month);
    if (!days.length) continue;
    const day = pick(days);
    const startAt = at(day, '14:30');
    const endAt = at(day, '16:30');
    if (endAt + 2 * HOUR >= end) continue;
    const pool = county ? [...reps].sort(() => rnd() - 0.5).slice(0, int(8, 12)) : [...(repsOf.get(studio._id) ?? [])].sort(() => rnd() - 0.5).slice(0, int(3, 6));
    if (!pool.length) continue;
    const organiser = county ? 'dev-admin' : (liaisonOf.get(studio._id) as string);
    const attended = pool.filter((_, j) => j === 0 || rnd() > 0.1).map((r) => r._id);
    const topic = pick(FORUM_TOPICS);
    const n = ++forumCount;
    const state: { id?: string } = {};
    plan(startAt - 10 * DAY, async () => {
      const f = await call<{ id: string }>('forums', organiser, {
        action: 'schedule',
        requestId: `demo-forum-${n.toString().padStart(5, '0')}`,
        level: county ? 'county' : studio.kind === 'township' ? 'township' : 'delegation',
        ...(county ? { place: '县行政中心会议室' } : { studioId: studio._id }),
        topic,
        description: `围绕“${topic}”听取党代表和群众意见，形成对策建议。`,
        startAt,
        endAt,
        form: 'studio',
        representativeIds: pool.map((r) => r._id),
      }, startAt - 10 * DAY);
      state.id = f.id;
      await call('forums', organiser, { action: 'publish', id: f.id }, startAt - 10 * DAY + 60_000);
    });
    plan(endAt + HOUR, async () => {
      if (!state.id) return;
      await call('forums', organiser, { action: 'close', id: state.id, attendance: attended, summary: `出席党代表 ${attended.length} 位，围绕论坛主题充分讨论，形成对策建议。`, outcomes: [] }, endAt + HOUR);
    });
  }

  // Commitments, at the start of the year.
  for (const s of studios) {
    plan(begin + HOUR, async () => {
      await call('activities', liaisonOf.get(s._id) as string, { action: 'publishCommitments', studioId: s._id, items: [{ code: 'accept', days: 2 }, { code: 'reply', days: 7 }, { code: 'onTime' }, { code: 'satisfied' }] }, begin + HOUR);
    });
  }

  tasks.sort((a, b) => a.at - b.at || a.seq - b.seq);
  log(`plan: ${tasks.length} steps — ${items.length} items, ${slots.length} receptions, ${activityPlans} other activities, ${forumCount} forums`);
  let done = 0;
  for (const t of tasks) {
    await t.run();
    if (++done % 5000 === 0) log(`  ${done} / ${tasks.length} (${Math.round((Date.now() - started) / 1000)} s)`);
  }

  // December's roster (the current month), generated by each liaison from tomorrow on.
  const rosterMonth = shanghai(end).format('YYYY-MM');
  if (rosterMonth.startsWith(String(o.year)) && shanghaiDate(end) < dayjs(`${rosterMonth}-01`).endOf('month').format('YYYY-MM-DD')) {
    for (const s of studios) {
      await call('roster', liaisonOf.get(s._id) as string, { action: 'generate', studioId: s._id, month: rosterMonth, weekdays: [1, 2, 3, 4, 5], halves: ['am', 'pm'] }, end);
    }
    log(`roster: ${rosterMonth} generated for ${studios.length} studios`);
  }
  clock.set(o.until);

  const [collected, activities, receptions, forums] = await Promise.all([store.count('items'), store.count('activities'), store.count('receptions', { status: 'closed' }), store.count('forums', { status: 'closed' })]);
  const answeredOrResolved = await store.count('items', { outcome: { in: ['answered', 'resolved'] } });
  return {
    representatives: reps.length,
    items: collected,
    answeredOrResolved,
    open: await store.count('items', { status: { in: ['submitted', 'accepted', 'in_progress'] } }),
    receptions,
    attendances: attendanceSum,
    activities,
    forums,
    calls,
    ms: Date.now() - started,
  };
}

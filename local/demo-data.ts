/**
 * Demo directory data for the local cloud and tests: Xianju's 20 townships and streets,
 * the 37 party representative studios (党代表工作室) the source describes, a few
 * representatives per studio, and the county departments that items are referred to.
 *
 * Township names and the studio kinds and counts follow the source (季胜武，《群众路线视域下
 * 党代表工作室机制建构——基于浙江省仙居县的调查》). Everything else is made up:
 * non-township studio names are generic, addresses use generic road names, coordinates are
 * rough positions around the county seat (not surveyed), and representatives are produced by a
 * deterministic generator from surname and given-name lists — they are not real people, and
 * their phone numbers and WeChat ids are demo values.
 *
 * Nothing here uses randomness: the same file always yields the same documents.
 */
import type { NewDoc } from '../core/ports/store';
import type { Contact } from '../core/inquiries/types';
import type { Department, Representative, Studio, StudioKind, Township } from '../core/directory/types';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Rounds a coordinate to 6 decimal places (about 0.1 m). */
function coord(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function townshipKind(name: string): Township['kind'] {
  if (name.endsWith('街道')) return 'street';
  if (name.endsWith('镇')) return 'town';
  if (name.endsWith('乡')) return 'township';
  throw new Error(`demo-data: cannot tell the kind of ${name}`);
}

/** Generic road names for made-up addresses. */
const ROADS = ['人民路', '建设路', '新华路', '文化路', '兴业路', '环城路', '振兴路', '学府路', '中山路', '解放路'];

function address(townshipName: string, order: number, place: string): string {
  const road = ROADS[(order * 3) % ROADS.length];
  const number = 8 + ((order * 17) % 180);
  return `仙居县${townshipName}${road}${number}号${place}`;
}

/** A demo landline in Xianju's 0576-87xx range; unique per studio order. */
function studioPhone(order: number): string {
  return `0576-8777${String(2100 + order * 17).padStart(4, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Townships (乡镇、街道)
// ---------------------------------------------------------------------------------------------

interface TownshipRow {
  slug: string;
  name: string;
  /** Rough centre of the township seat. */
  latitude: number;
  longitude: number;
  /** How many demo representatives its studio gets (3–5). */
  reps: number;
}

/** In the source's order: the three streets of the county seat, then towns, then townships. */
const TOWNSHIP_ROWS: TownshipRow[] = [
  { slug: 'fuying', name: '福应街道', latitude: 28.8496, longitude: 120.7332, reps: 5 },
  { slug: 'anzhou', name: '安洲街道', latitude: 28.8462, longitude: 120.7215, reps: 5 },
  { slug: 'nanfeng', name: '南峰街道', latitude: 28.8378, longitude: 120.7404, reps: 4 },
  { slug: 'baita', name: '白塔镇', latitude: 28.8085, longitude: 120.8521, reps: 5 },
  { slug: 'tianshi', name: '田市镇', latitude: 28.7742, longitude: 120.8963, reps: 4 },
  { slug: 'guanlu', name: '官路镇', latitude: 28.7918, longitude: 120.9587, reps: 4 },
  { slug: 'xiage', name: '下各镇', latitude: 28.7466, longitude: 120.9872, reps: 4 },
  { slug: 'zhuxi', name: '朱溪镇', latitude: 28.7015, longitude: 120.8814, reps: 4 },
  { slug: 'butou', name: '埠头镇', latitude: 28.8027, longitude: 120.6213, reps: 4 },
  { slug: 'hengxi', name: '横溪镇', latitude: 28.7709, longitude: 120.5618, reps: 5 },
  { slug: 'potan', name: '皤滩乡', latitude: 28.7856, longitude: 120.6024, reps: 3 },
  { slug: 'danzhu', name: '淡竹乡', latitude: 28.8541, longitude: 120.6289, reps: 3 },
  { slug: 'qiushan', name: '湫山乡', latitude: 28.7023, longitude: 120.6187, reps: 3 },
  { slug: 'dazhan', name: '大战乡', latitude: 28.7812, longitude: 120.7196, reps: 3 },
  { slug: 'shangzhang', name: '上张乡', latitude: 28.6834, longitude: 120.4852, reps: 3 },
  { slug: 'guangdu', name: '广度乡', latitude: 28.9108, longitude: 120.7183, reps: 3 },
  { slug: 'xigang', name: '溪港乡', latitude: 28.7627, longitude: 120.8041, reps: 3 },
  { slug: 'anling', name: '安岭乡', latitude: 28.6512, longitude: 120.5796, reps: 3 },
  { slug: 'bulu', name: '步路乡', latitude: 28.9023, longitude: 120.7811, reps: 4 },
  { slug: 'shuangmiao', name: '双庙乡', latitude: 28.8305, longitude: 120.5047, reps: 3 },
];

export const TOWNSHIPS: NewDoc<Township>[] = TOWNSHIP_ROWS.map((row, i) => ({
  _id: row.slug,
  name: row.name,
  kind: townshipKind(row.name),
  order: i + 1,
}));

const TOWNSHIP_BY_ID = new Map(TOWNSHIP_ROWS.map((row) => [row.slug, row]));

function township(slug: string): TownshipRow {
  const row = TOWNSHIP_BY_ID.get(slug);
  if (!row) throw new Error(`demo-data: unknown township ${slug}`);
  return row;
}

// ---------------------------------------------------------------------------------------------
// Duties (工作职责) and rules (工作制度), drawn from the source
// ---------------------------------------------------------------------------------------------

const DUTY_RECEIVE = '定期接待党员群众，听取意见建议';
const DUTY_COLLECT = '收集党情社情民意，逐一登记《党员群众意见建议记录表》';
const DUTY_SOLVE = '协调解决党员群众反映的困难和问题';
const DUTY_FORUM = '开展党代表论坛、调研视察和代表提议';
const DUTY_GROUP = '组团联系服务片区党组织、党员和群众';
const DUTY_FEEDBACK = '跟踪交办事项，及时向反映人反馈办理情况';

const RULE_ROTA = '驻点轮值制度：每月安排党代表驻室接待';
const RULE_FIRST = '首问负责制度：首位接待的党代表跟踪到底';
const RULE_REGISTER = '诉求登记制度：意见建议逐条登记、梳理、交办';
const RULE_PROMISE = '服务承诺制度：一般问题当场答复或限时办结';
const RULE_MONTHLY = '每月组织活动不少于1次';
const RULE_NOTICE = '接待时间、方式及驻室代表提前7天线上线下公告';
const RULE_TRACE = '党代表履职痕迹化管理';
const RULE_VISITS = '代表组每年走访党员群众不少于100户';

const DUTIES: Record<StudioKind, string[]> = {
  township: [DUTY_RECEIVE, DUTY_COLLECT, DUTY_SOLVE, DUTY_FORUM, DUTY_GROUP, DUTY_FEEDBACK],
  county_department: [
    DUTY_RECEIVE,
    DUTY_COLLECT,
    DUTY_SOLVE,
    '围绕本系统重点工作开展党代表论坛和专题调研',
    DUTY_FEEDBACK,
  ],
  county_joint: [
    DUTY_RECEIVE,
    DUTY_COLLECT,
    '整合联建单位职能，协同解决跨部门困难问题',
    DUTY_FORUM,
    DUTY_FEEDBACK,
  ],
  social: [DUTY_RECEIVE, '联系服务会员单位和社会组织中的党员', DUTY_COLLECT, DUTY_SOLVE, DUTY_FEEDBACK],
  two_new: [DUTY_RECEIVE, '联系服务非公企业职工和流动党员', DUTY_COLLECT, DUTY_SOLVE, DUTY_FEEDBACK],
};

const RULES: Record<StudioKind, string[]> = {
  township: [RULE_ROTA, RULE_FIRST, RULE_REGISTER, RULE_NOTICE, RULE_VISITS, RULE_TRACE],
  county_department: [RULE_ROTA, RULE_FIRST, RULE_REGISTER, RULE_PROMISE, RULE_MONTHLY, RULE_TRACE],
  county_joint: [RULE_ROTA, RULE_FIRST, RULE_REGISTER, RULE_PROMISE, RULE_NOTICE, RULE_TRACE],
  social: [RULE_ROTA, RULE_FIRST, RULE_REGISTER, RULE_PROMISE, RULE_MONTHLY],
  two_new: [RULE_ROTA, RULE_FIRST, RULE_REGISTER, RULE_PROMISE, RULE_MONTHLY],
};

const ORDINALS = ['一', '二', '三', '四'];

function openingHours(kind: StudioKind, order: number): string {
  if (kind === 'township') {
    return `工作日 8:30–11:30，14:30–17:30；每月第${ORDINALS[order % 4]}个周六上午代表驻室接待`;
  }
  if (kind === 'county_department' || kind === 'county_joint') {
    return `工作日 8:30–11:30，14:30–17:30；每月${5 + (order % 4) * 5}日上午代表驻室接待`;
  }
  return `工作日 9:00–11:30，14:00–17:00；每月最后一个周四下午代表驻室接待`;
}

// ---------------------------------------------------------------------------------------------
// Studios (党代表工作室)
// ---------------------------------------------------------------------------------------------

interface OtherStudioRow {
  /** The studio is `studio-<slug>`, its representatives `rep-<slug>-<n>`. */
  slug: string;
  name: string;
  kind: Exclude<StudioKind, 'township'>;
  townshipId: string;
  /** The building and floor, after the street address. */
  place: string;
  /** 工作单位及职务 of its representatives, one per representative (3–5). */
  units: string[];
}

/** The 17 studios that are not a township's: 7 county departments, 4 joint, 3 social, 3 “two new”. */
const OTHER_STUDIO_ROWS: OtherStudioRow[] = [
  // 县级机关单独设立
  {
    slug: 'yiyuan',
    name: '县人民医院党代表工作室',
    kind: 'county_department',
    townshipId: 'anzhou',
    place: '县人民医院行政楼二楼',
    units: ['县人民医院党委副书记', '县人民医院内科主任', '县人民医院护理部主任', '县人民医院外科党支部书记'],
  },
  {
    slug: 'jiaoyu',
    name: '县教育局党代表工作室',
    kind: 'county_department',
    townshipId: 'fuying',
    place: '县教育局一楼',
    units: ['县教育局党委委员', '县某中学校长', '县某小学党支部书记', '县某幼儿园园长'],
  },
  {
    slug: 'gongan',
    name: '县公安局党代表工作室',
    kind: 'county_department',
    townshipId: 'nanfeng',
    place: '县公安局办证中心二楼',
    units: ['县公安局政治处主任', '县公安局某派出所所长', '县公安局交警大队教导员', '县公安局某派出所社区民警'],
  },
  {
    slug: 'shichang',
    name: '县市场监督管理局党代表工作室',
    kind: 'county_department',
    townshipId: 'anzhou',
    place: '县市场监督管理局三楼',
    units: ['县市场监督管理局党组成员', '县市场监督管理局某市场监管所所长', '县市场监督管理局消费者权益保护科科长'],
  },
  {
    slug: 'caizheng',
    name: '县财政局党代表工作室',
    kind: 'county_department',
    townshipId: 'fuying',
    place: '县财政局二楼',
    units: ['县财政局党组成员', '县财政局农业农村科科长', '县财政局某财政所所长'],
  },
  {
    slug: 'shuili',
    name: '县水利局党代表工作室',
    kind: 'county_department',
    townshipId: 'nanfeng',
    place: '县水利局一楼',
    units: ['县水利局党组成员', '县水利局水旱灾害防御科科长', '县某水库管理站站长'],
  },
  {
    slug: 'wenguanglvti',
    name: '县文化和广电旅游体育局党代表工作室',
    kind: 'county_department',
    townshipId: 'fuying',
    place: '县文化中心二楼',
    units: ['县文化和广电旅游体育局党组成员', '县图书馆馆长', '县文化馆党支部书记'],
  },
  // 县级机关联合设立
  {
    slug: 'nonglin',
    name: '县农业农村局·县林业局联合党代表工作室',
    kind: 'county_joint',
    townshipId: 'anzhou',
    place: '县农业农村局一楼',
    units: ['县农业农村局党委委员', '县林业局党组成员', '县农业技术推广中心主任', '县林业技术推广站站长'],
  },
  {
    slug: 'fagai-jingxin',
    name: '县发展和改革局·县经济和信息化局联合党代表工作室',
    kind: 'county_joint',
    townshipId: 'fuying',
    place: '县行政中心东楼三楼',
    units: ['县发展和改革局党组成员', '县经济和信息化局党委委员', '县发展和改革局项目科科长', '县经济和信息化局企业服务科科长'],
  },
  {
    slug: 'zhujian-zhifa',
    name: '县住房和城乡建设局·县综合行政执法局联合党代表工作室',
    kind: 'county_joint',
    townshipId: 'nanfeng',
    place: '县住房和城乡建设局二楼',
    units: ['县住房和城乡建设局党组成员', '县综合行政执法局党组成员', '县住房和城乡建设局物业管理科科长', '县综合行政执法局某执法中队中队长'],
  },
  {
    slug: 'minzheng-renshe',
    name: '县民政局·县人力资源和社会保障局联合党代表工作室',
    kind: 'county_joint',
    townshipId: 'anzhou',
    place: '县社会福利中心一楼',
    units: ['县民政局党组成员', '县人力资源和社会保障局党组成员', '县社会福利中心主任', '县劳动人事争议仲裁院院长'],
  },
  // 社团
  {
    slug: 'gongshanglian',
    name: '县工商联·个私协会党代表工作室',
    kind: 'social',
    townshipId: 'fuying',
    place: '县工商联大楼二楼',
    units: ['县工商联党组成员', '县个私协会秘书长', '某商会党支部书记'],
  },
  {
    slug: 'cishan',
    name: '县慈善总会党代表工作室',
    kind: 'social',
    townshipId: 'nanfeng',
    place: '县慈善总会一楼',
    units: ['县慈善总会副会长', '县慈善总会秘书长', '某志愿服务队队长'],
  },
  {
    slug: 'lvxie',
    name: '县律师协会党代表工作室',
    kind: 'social',
    townshipId: 'anzhou',
    place: '县公共法律服务中心二楼',
    units: ['县律师协会党支部书记', '某律师事务所主任', '某律师事务所律师'],
  },
  // “两新”组织
  {
    slug: 'kaifaqu',
    name: '县经济开发区非公企业党代表工作室',
    kind: 'two_new',
    townshipId: 'anzhou',
    place: '开发区企业服务中心二楼',
    units: ['开发区某制药企业党委书记', '开发区某工艺品企业党支部书记', '开发区某机械企业车间主任'],
  },
  {
    slug: 'louyu',
    name: '城区商务楼宇党代表工作室',
    kind: 'two_new',
    townshipId: 'fuying',
    place: '某商务楼宇党群服务站',
    units: ['某商务楼宇联合党支部书记', '某电商企业负责人', '某会计师事务所党支部书记'],
  },
  {
    slug: 'minsu',
    name: '乡村民宿行业党代表工作室',
    kind: 'two_new',
    townshipId: 'baita',
    place: '民宿行业党群服务站',
    units: ['民宿行业协会党支部书记', '某民宿经营户', '某乡村旅游专业合作社负责人', '某农家乐经营户'],
  },
];

export const STUDIOS: NewDoc<Studio>[] = [
  ...TOWNSHIP_ROWS.map((row, i): NewDoc<Studio> => {
    const order = i + 1;
    return {
      _id: `studio-${row.slug}`,
      name: `${row.name}党代表工作室`,
      kind: 'township',
      townshipId: row.slug,
      address: address(row.name, order, '党员服务中心二楼'),
      location: { latitude: coord(row.latitude), longitude: coord(row.longitude) },
      openingHours: openingHours('township', order),
      phone: studioPhone(order),
      duties: [...DUTIES.township],
      rules: [...RULES.township],
      order,
    };
  }),
  ...OTHER_STUDIO_ROWS.map((row, i): NewDoc<Studio> => {
    const order = TOWNSHIP_ROWS.length + i + 1;
    const seat = township(row.townshipId);
    // Spread the studios that share a street a few hundred metres apart.
    // (order mod 11, order mod 13) never repeats below 143, so no two land on the same spot.
    const dLat = (((order * 7) % 11) - 5) * 0.0011;
    const dLng = (((order * 3) % 13) - 6) * 0.0009;
    return {
      _id: `studio-${row.slug}`,
      name: row.name,
      kind: row.kind,
      townshipId: row.townshipId,
      address: address(seat.name, order, row.place),
      location: { latitude: coord(seat.latitude + dLat), longitude: coord(seat.longitude + dLng) },
      openingHours: openingHours(row.kind, order),
      phone: studioPhone(order),
      duties: [...DUTIES[row.kind]],
      rules: [...RULES[row.kind]],
      order,
    };
  }),
];

// ---------------------------------------------------------------------------------------------
// Representatives (党代表)
// ---------------------------------------------------------------------------------------------

/** 17 surnames common in Xianju; 17 and 40 are coprime, so the first 680 names are all different. */
const SURNAMES = ['王', '朱', '张', '应', '吴', '陈', '林', '徐', '郑', '李', '周', '杨', '潘', '蒋', '何', '卢', '方'];

/** 40 given names with the gender they suggest. */
const GIVEN_NAMES: Array<[name: string, gender: '男' | '女']> = [
  ['建华', '男'], ['丽萍', '女'], ['国平', '男'], ['秀英', '女'], ['卫东', '男'],
  ['晓燕', '女'], ['志强', '男'], ['海燕', '女'], ['海军', '男'], ['红梅', '女'],
  ['晓峰', '男'], ['美玲', '女'], ['文斌', '男'], ['素芬', '女'], ['永明', '男'],
  ['雅琴', '女'], ['立新', '男'], ['静怡', '女'], ['伟民', '男'], ['春燕', '女'],
  ['宏伟', '男'], ['玲玲', '女'], ['国良', '男'], ['慧敏', '女'], ['建军', '男'],
  ['丹丹', '女'], ['跃进', '男'], ['雪芳', '女'], ['学文', '男'], ['月娥', '女'],
  ['振华', '男'], ['婷婷', '女'], ['建平', '男'], ['佳怡', '女'], ['家豪', '男'],
  ['小芳', '女'], ['浩然', '男'], ['彩霞', '女'], ['明辉', '男'], ['文娟', '女'],
];

const EDUCATION = ['大学学历', '研究生学历', '大专学历', '大学学历', '中专学历'];

/** The n-th (0-based, across all studios) demo person. */
function person(n: number): { name: string; gender: '男' | '女'; born: number; education: string } {
  const surname = SURNAMES[(n * 5) % SURNAMES.length];
  const [given, gender] = GIVEN_NAMES[(n * 13) % GIVEN_NAMES.length];
  return {
    name: surname + given,
    gender,
    born: 1965 + ((n * 7) % 26),
    education: EDUCATION[(n * 3) % EDUCATION.length],
  };
}

/** A demo mobile number: 1380576 plus four digits, distinct for the first 9000 people. */
function mobile(n: number): string {
  return `1380576${1000 + ((n * 379) % 9000)}`;
}

/** 工作单位及职务 for the representatives of a township studio, in order. */
function townshipUnits(row: TownshipRow): string[] {
  const t = row.name;
  if (townshipKind(t) === 'street') {
    return [`${t}党工委副书记`, `${t}某社区党委书记`, `${t}某社区居委会主任`, `${t}某企业党支部书记`, `${t}社区卫生服务中心主任`];
  }
  return [`${t}党委副书记`, `${t}某村党支部书记`, `${t}某村村委会主任`, `${t}某农业专业合作社负责人`, `${t}中心小学校长`];
}

interface RepSlot {
  slug: string;
  studioId: string;
  unit: string;
  level: Representative['level'];
  /** 党代会 the representative sits in, for the intro line. */
  congress: string;
}

const COUNTY_CONGRESS = '县第十五次党代会代表';

/**
 * Township studios: streets have no party congress of their own (a 街道 has a 党工委), so their
 * representatives are all county ones; in towns and townships the first two are county
 * representatives (the delegation's leaders) and the rest township ones. Every other studio
 * holds county representatives.
 */
const REP_SLOTS: RepSlot[] = [
  ...TOWNSHIP_ROWS.flatMap((row) =>
    townshipUnits(row)
      .slice(0, row.reps)
      .map((unit, k): RepSlot => {
        const county = townshipKind(row.name) === 'street' || k < 2;
        return {
          slug: row.slug,
          studioId: `studio-${row.slug}`,
          unit,
          level: county ? 'county' : 'township',
          congress: county ? COUNTY_CONGRESS : `${row.name}党代会代表`,
        };
      }),
  ),
  ...OTHER_STUDIO_ROWS.flatMap((row) =>
    row.units.map(
      (unit): RepSlot => ({
        slug: row.slug,
        studioId: `studio-${row.slug}`,
        unit,
        level: 'county',
        congress: COUNTY_CONGRESS,
      }),
    ),
  ),
];

export const REPRESENTATIVES: NewDoc<Representative>[] = REP_SLOTS.map((slot, n): NewDoc<Representative> => {
  const p = person(n);
  const k = REP_SLOTS.slice(0, n).filter((s) => s.studioId === slot.studioId).length + 1;
  return {
    _id: `rep-${slot.slug}-${k}`,
    name: p.name,
    unit: slot.unit,
    photo: '/assets/avatar-placeholder.png',
    studioId: slot.studioId,
    level: slot.level,
    intro: `${slot.congress}，${p.gender}，${p.born}年生，${p.education}`,
    phone: mobile(n),
    wechat: `xj_rep_${n + 1}`,
  };
});

// ---------------------------------------------------------------------------------------------
// Departments (有关单位) that referred items go to
// ---------------------------------------------------------------------------------------------

export const DEPARTMENTS: NewDoc<Department>[] = [
  { _id: 'dept-zhujian', name: '县住建局' },
  { _id: 'dept-jiaotong', name: '县交通运输局' },
  { _id: 'dept-ziranziyuan', name: '县自然资源和规划局' },
  { _id: 'dept-nongye', name: '县农业农村局' },
  { _id: 'dept-minzheng', name: '县民政局' },
  { _id: 'dept-renshe', name: '县人力社保局' },
  { _id: 'dept-zonghezhifa', name: '县综合行政执法局' },
  { _id: 'dept-weijian', name: '县卫生健康局' },
  { _id: 'dept-jiaoyu', name: '县教育局' },
  { _id: 'dept-shengtai', name: '县生态环境分局' },
];

// ---------------------------------------------------------------------------------------------
// Contacts of inquiry subjects (质询对象联系人): who answers for the county committee and the
// discipline committee (made up)
// ---------------------------------------------------------------------------------------------

export const CONTACTS: NewDoc<Contact>[] = [
  { _id: 'ct-xianwei-ban', name: '陈立新', unit: '县委办公室 副主任', body: 'party_committee', createdAt: 0, createdBy: 'seed' },
  { _id: 'ct-jiwei-ban', name: '周慧敏', unit: '县纪委县监委办公室 主任', body: 'discipline_committee', createdAt: 0, createdBy: 'seed' },
];

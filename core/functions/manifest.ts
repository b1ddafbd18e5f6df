/**
 * The deploy manifest: every cloud function this code deploys, with the settings CloudBase
 * needs to run it. It is the one source of truth for `cloudbaserc.json`, each
 * `cloudfunctions/<name>/config.json` (both written by `npm run deploy:config`) and
 * `npm run deploy`; test/deploy/manifest.test.ts fails when any of them, the
 * `cloudfunctions/<name>/` folders or `FUNCTIONS`/`TIMERS` in core/app.ts disagree with it.
 *
 * To add a function: its actions in core/functions/<name>.ts and `FUNCTIONS` (or `TIMERS`) in
 * core/app.ts, an entry below, then `npm run deploy:config` (it creates the folder's
 * index.ts and package.json if missing and writes config.json and cloudbaserc.json).
 *
 * No WeChat imports: scripts and tests read this file as plain data.
 */
import { TEMPLATES } from '../notifications/templates';

/** The Node.js runtime every function runs on (created with it; CloudBase cannot change it later). */
export const RUNTIME = 'Nodejs18.15';
/** `main` of the bundled index.js. */
export const HANDLER = 'index.main';
/** Files of a function's folder that are not uploaded (the bundle index.js is what runs). */
export const UPLOAD_IGNORE = ['index.ts'] as const;

/** Memory sizes a CloudBase function may have (MB). */
export const MEMORY_SIZES = [128, 256, 512, 1024, 2048] as const;
/** CloudBase's limit for a function's time limit (s). */
export const MAX_TIMEOUT = 60;

/** WeChat open APIs a function may call through `cloud.openapi` (its config.json permissions). */
export const OPENAPI_PERMISSIONS = ['security.msgSecCheck', 'subscribeMessage.send', 'wxacode.getUnlimited'] as const;
export type OpenApiPermission = (typeof OPENAPI_PERMISSIONS)[number];

/** An environment variable a function reads, with the rule its value must follow. */
export interface VariableDef {
  /** What it sets, in a few words (docs/deploy.md shows it). */
  about: string;
  /** What applies when the variable is not set. */
  fallback: string;
  /** A value must match this; anything else would be ignored by the code. */
  pattern: RegExp;
  /** The rule in words, for error messages. */
  rule: string;
}

const days = (about: string, fallback: number): VariableDef => ({ about, fallback: String(fallback), pattern: /^[1-9][0-9]{0,3}$/, rule: '1–9999 的整数 (a whole number, 1–9999)' });
const templateId = (title: string): VariableDef => ({
  about: `订阅消息模板 id「${title}」(docs/notifications.md)`,
  fallback: 'none: messages stay in the app',
  pattern: /^[A-Za-z0-9_-]{8,64}$/,
  rule: '微信公众平台给出的模板 ID (the template id from mp.weixin.qq.com)',
});

/** Settings read by `configFromEnv` (core/config.ts): every function builds its config from them. */
const CONFIG_VARIABLES = {
  REGISTER_PREFIX: { about: '登记编号前缀 prefix of register numbers (XJ2026-000123)', fallback: 'XJ', pattern: /^[A-Z]{1,6}$/, rule: '1–6 个大写字母 (1–6 capital letters)' },
  AUTO_CLOSE_DAYS: days('answered items with no feedback close after N days', 7),
  DEFAULT_REPLY_DAYS: days('reply deadline when none was promised (days)', 15),
  URGE_EVERY_DAYS: days('a resident may chase (催办) an overdue item once every N days', 3),
  SUBMIT_LIMIT_PER_HOUR: days('submits per user per hour (flood guard)', 5),
  SUBMIT_LIMIT_PER_DAY: days('submits per user per day (flood guard)', 20),
  INVITE_DAYS: days('invitation codes stay valid N days', 7),
  NOTICE_DAYS: days('receptions are published at least N days ahead', 7),
  BIND_MAX_FAILURES: days('binding locks after N wrong invitation codes per user', 5),
  BIND_LOCK_MINUTES: days('…within this many minutes (and for as long)', 60),
  CONTACT_VIEWS_PER_HOUR: days('a liaison reveals at most N residents\' contacts an hour', 30),
  CONTACT_VIEWS_PER_DAY: days('…and at most N a day', 100),
  CONTACT_RETENTION_DAYS: days('contact details of finished items are erased N days after closing', 365),
  OUTBOX_RETENTION_DAYS: days('delivered messages are deleted N days after they were written', 90),
  ACCEPT_WITHIN_DAYS: days('a new item not accepted within N days is escalated', 2),
  DUE_SOON_DAYS: days('owners are reminded N days before the deadline', 2),
  SUPERVISE_AFTER_DAYS: days('admins hear of items overdue by more than N days', 7),
  INQUIRY_PREFIX: { about: '质询编号前缀 prefix of inquiry numbers (ZX2026-001)', fallback: 'ZX', pattern: /^[A-Z]{1,6}$/, rule: '1–6 个大写字母 (1–6 capital letters)' },
  INQUIRY_REPLY_DAYS: days('inquiries: written reply due N calendar days after acceptance', 30),
  INQUIRY_MAX_ROUNDS: days('inquiries: rounds of handling before the committee decides', 3),
  VISIT_CASE_PREFIX: { about: '民情会诊编号前缀 prefix of 民情会诊 case numbers (MQ2026-001)', fallback: 'MQ', pattern: /^[A-Z]{1,6}$/, rule: '1–6 个大写字母 (1–6 capital letters)' },
  VISIT_TARGET: days('group visits: a new group\'s yearly household target', 100),
  VISIT_UNVISITED_MONTHS: days('group visits: a must-visit household not visited for N months is a reminder', 6),
  PROPOSAL_PREFIX: { about: '提议编号前缀 prefix of proposal numbers (TY2026-001)', fallback: 'TY', pattern: /^[A-Z]{1,6}$/, rule: '1–6 个大写字母 (1–6 capital letters)' },
  PROPOSAL_DEADLINE_MONTHS: days('proposals: handling deadline N calendar months after dispatch', 3),
  ACTIVITY_REMIND_DAY: { about: 'activities: studios with none in the month are reminded from this day (1–28)', fallback: '20', pattern: /^([1-9]|1[0-9]|2[0-8])$/, rule: '1–28 的整数 (a day of the month, 1–28)' },
  ROSTER_PER_SHIFT: { about: 'duty rotation: representatives per shift (1–20)', fallback: '2', pattern: /^([1-9]|1[0-9]|20)$/, rule: '1–20 的整数 (a whole number, 1–20)' },
} satisfies Record<string, VariableDef>;

/** Subscribe-message template ids (core/notifications/templates.ts), read where messages are sent or consent is asked. */
const TEMPLATE_VARIABLES: Record<string, VariableDef> = Object.fromEntries(Object.values(TEMPLATES).map((t) => [t.env, templateId(t.title)]));

/** Every environment variable any function reads. deploy/settings.example.json lists them all. */
export const VARIABLES: Readonly<Record<string, VariableDef>> = { ...CONFIG_VARIABLES, ...TEMPLATE_VARIABLES };

const CONFIG_ENV = Object.keys(CONFIG_VARIABLES);
const TEMPLATE_ENV = Object.keys(TEMPLATE_VARIABLES);

/** A CloudBase timer trigger: 7-field cron (second minute hour day month weekday year). */
export interface TimerTrigger {
  name: string;
  cron: string;
  /** The schedule in words. */
  means: string;
}

interface BaseSpec {
  /** One line for the console's description and the plan. */
  description: string;
  /** Time limit (s). A timer's time budget follows it: see `timerBudgetMs`. */
  timeout: number;
  /** Memory (MB), one of MEMORY_SIZES. */
  memory: (typeof MEMORY_SIZES)[number];
  /** `cloud.openapi` calls it makes: its config.json permissions. */
  openapi: readonly OpenApiPermission[];
  /** Environment variables it reads (names in VARIABLES). */
  env: readonly string[];
}

/** Called by the mini-program (`wx.cloud.callFunction`): an entry in FUNCTIONS of core/app.ts. */
export interface CallableSpec extends BaseSpec {
  kind: 'callable';
}

/** Run by its timer trigger with no caller: an entry in TIMERS of core/app.ts. CloudBase allows one trigger per function. */
export interface TimerSpec extends BaseSpec {
  kind: 'timer';
  trigger: TimerTrigger;
}

export type FunctionSpec = CallableSpec | TimerSpec;

/** Every deployed cloud function. */
export const MANIFEST = {
  directory: {
    kind: 'callable',
    description: '党代表工作室 directory: townships, studios, representatives, departments',
    timeout: 10,
    memory: 256,
    openapi: [],
    env: CONFIG_ENV,
  },
  members: {
    kind: 'callable',
    description: '党代表工作室 members: roles, invitations, binding, notices, subscribe consent',
    timeout: 10,
    memory: 256,
    openapi: ['security.msgSecCheck'],
    env: [...CONFIG_ENV, ...TEMPLATE_ENV],
  },
  register: {
    kind: 'callable',
    description: '党代表工作室 register: opinions and requests (意见建议登记)',
    timeout: 10,
    memory: 256,
    openapi: ['security.msgSecCheck'],
    env: CONFIG_ENV,
  },
  receptions: {
    kind: 'callable',
    description: '党代表工作室 receptions: schedule, booking, check-in (接待)',
    timeout: 10,
    memory: 256,
    openapi: ['security.msgSecCheck', 'wxacode.getUnlimited'],
    env: CONFIG_ENV,
  },
  inquiries: {
    kind: 'callable',
    description: '党代表工作室 inquiries: inner-party inquiries (党内质询)',
    timeout: 10,
    memory: 256,
    openapi: ['security.msgSecCheck'],
    env: CONFIG_ENV,
  },
  visits: {
    kind: 'callable',
    description: '党代表工作室 visits: groups, households, visit records, 民情会诊 (组团联系服务)',
    timeout: 10,
    memory: 256,
    openapi: ['security.msgSecCheck'],
    env: CONFIG_ENV,
  },
  forums: {
    kind: 'callable',
    description: '党代表工作室 forums: the Party Representative Forum (党代表论坛), views, outcomes',
    timeout: 10,
    memory: 256,
    openapi: ['security.msgSecCheck', 'wxacode.getUnlimited'],
    env: CONFIG_ENV,
  },
  proposals: {
    kind: 'callable',
    description: '党代表工作室 proposals: representatives\' proposals (代表提议) to departments',
    timeout: 10,
    memory: 256,
    openapi: ['security.msgSecCheck'],
    env: CONFIG_ENV,
  },
  activities: {
    kind: 'callable',
    description: '党代表工作室 activities: monthly activity records, compliance, service commitments',
    timeout: 10,
    memory: 256,
    openapi: ['security.msgSecCheck'],
    env: CONFIG_ENV,
  },
  roster: {
    kind: 'callable',
    description: '党代表工作室 roster: duty rotation (驻点轮值), swaps, open days',
    timeout: 10,
    memory: 256,
    openapi: ['security.msgSecCheck'],
    env: CONFIG_ENV,
  },
  points: {
    kind: 'callable',
    description: '党代表工作室 points: the quantified points ledger (量化积分), rules, manual entries',
    timeout: 10,
    memory: 256,
    openapi: ['security.msgSecCheck'],
    env: CONFIG_ENV,
  },
  dashboard: {
    kind: 'callable',
    description: '党代表工作室 dashboard: county and township figures, the studio ranking (示范工作室评比)',
    timeout: 10,
    memory: 256,
    openapi: [],
    env: CONFIG_ENV,
  },
  sheets: {
    kind: 'callable',
    description: '党代表工作室 sheets: Excel exports and imports (exceljs, cloud storage)',
    timeout: 30,
    memory: 512,
    openapi: [],
    env: CONFIG_ENV,
  },
  reminders: {
    kind: 'timer',
    description: '党代表工作室 reminders: auto-close, reminder planning, outbox delivery',
    timeout: 20,
    memory: 256,
    openapi: ['security.msgSecCheck', 'subscribeMessage.send'],
    env: [...CONFIG_ENV, ...TEMPLATE_ENV],
    trigger: { name: 'reminders', cron: '0 */15 * * * * *', means: 'every 15 minutes' },
  },
} as const satisfies Record<string, FunctionSpec>;

export type DeployedFunctionName = keyof typeof MANIFEST;

/** The manifest as a plain record, for code that walks every function. */
export const FUNCTION_SPECS: Readonly<Record<string, FunctionSpec>> = MANIFEST;

/**
 * Share of a timer's time limit it may spend starting new work: the rest is left for the
 * batch in flight and the answer, so a run stops by itself instead of being killed mid-send.
 */
export const TIMER_BUDGET_SHARE = 0.75;

/** The time budget (ms) of a timer with this timeout (s). */
export const budgetForTimeout = (timeoutSeconds: number): number => Math.floor(timeoutSeconds * 1000 * TIMER_BUDGET_SHARE);

/** How long a timer function may keep starting new work (ms): 75 % of its timeout (20 s → 15 s). */
export function timerBudgetMs(name: string): number {
  const spec = FUNCTION_SPECS[name];
  if (!spec || spec.kind !== 'timer') throw new Error(`${name} is not a timer function of core/functions/manifest.ts`);
  return budgetForTimeout(spec.timeout);
}

/** Settings a deployment may change; the defaults follow the source practice. */
export interface Config {
  /** Prefix of register numbers: `XJ2026-000001`. */
  numberPrefix: string;
  /** Prefix of inquiry numbers: `ZX2026-001`. */
  inquiryPrefix: string;
  /** 党内质询: the written reply is due this many calendar days after acceptance; rounds before the committee decides. */
  inquiry: { replyDays: number; maxRounds: number; remindDaysBefore: number[] };
  /** Prefix of proposal numbers: `TY2026-001`. */
  proposalPrefix: string;
  /**
   * 代表提议: the handling deadline after dispatch in calendar months (3 by default), the days
   * before it the departments are reminded, how often it may be urged (催办, days), and the
   * Shanghai weekday (1 = Monday) of the weekly summary of key proposals (重点提议).
   */
  proposal: { deadlineMonths: number; remindDaysBefore: number[]; urgeEveryDays: number; weeklyOn: number };
  /** An answered or resolved item with no feedback closes itself after this many days. */
  autoCloseDays: number;
  /** Deadline for a reply when none was promised: calendar days after submission (Shanghai). */
  defaultReplyDays: number;
  /** A resident may chase (催办) an overdue item once every this many days. */
  urgeEveryDays: number;
  /** Submits allowed per user: a flood guard, far above what a resident needs. */
  submitLimit: { perHour: number; perDay: number };
  /** Invitation codes stay valid this many days. */
  inviteDays: number;
  /** Prefix of 民情会诊 case numbers: `MQ2026-001`. */
  visitCasePrefix: string;
  /**
   * 组团联系服务 (core/visits): a new group's yearly household target; a must-visit household not
   * visited for this many months is a reminder to its representative, repeated every `remindEveryDays`.
   */
  visits: { target: number; unvisitedMonths: number; remindEveryDays: number };
  /** A reception is published at least this many calendar days (Shanghai) before it starts. */
  noticeDays: number;
  /** Binding a code (members.bind): a lockout after this many failures per openid within the window. */
  bindLimit: { failures: number; windowMinutes: number };
  /** Revealing a resident's contact (register.showContact) per staff member: a flood guard on reads of personal data. */
  contactViews: { perHour: number; perDay: number };
  /**
   * Retention (docs/security.md): a finished item's contact details are erased this many days
   * after it closed; delivered outbox rows are deleted this many days after they were written.
   */
  retention: { contactDays: number; outboxDays: number };
  /** Activities: liaison staff of a studio with no activity in the month are reminded from this day of it. */
  activities: { remindDay: number };
  /** Duty rotation: representatives per shift. */
  roster: { perShift: number };
  /** Reminder policy: see core/notifications/policy.ts. */
  reminders: {
    /** A new item not accepted by the end of this many calendar days is escalated to the liaison. */
    acceptWithinDays: number;
    /** Owners are reminded when the deadline is this many days away. */
    dueSoonDays: number;
    /** Admins (督办) hear of items overdue by more than this many days, once a week. */
    superviseAfterDays: number;
    /** Local hour (Shanghai) of daily reminders and of the day-before reception reminders. */
    dailyHour: number;
    /** No delivery from quietStart to quietEnd (Shanghai hours). */
    quietStart: number;
    quietEnd: number;
    /** Delivery attempts before a message ends `failed`. */
    maxAttempts: number;
  };
}

export const defaultConfig: Config = {
  numberPrefix: 'XJ',
  inquiryPrefix: 'ZX',
  inquiry: { replyDays: 30, maxRounds: 3, remindDaysBefore: [7, 3, 1] },
  proposalPrefix: 'TY',
  proposal: { deadlineMonths: 3, remindDaysBefore: [15, 3], urgeEveryDays: 3, weeklyOn: 1 },
  autoCloseDays: 7,
  defaultReplyDays: 15,
  urgeEveryDays: 3,
  submitLimit: { perHour: 5, perDay: 20 },
  inviteDays: 7,
  visitCasePrefix: 'MQ',
  visits: { target: 100, unvisitedMonths: 6, remindEveryDays: 30 },
  noticeDays: 7,
  bindLimit: { failures: 5, windowMinutes: 60 },
  contactViews: { perHour: 30, perDay: 100 },
  retention: { contactDays: 365, outboxDays: 90 },
  activities: { remindDay: 20 },
  roster: { perShift: 2 },
  reminders: {
    acceptWithinDays: 2,
    dueSoonDays: 2,
    superviseAfterDays: 7,
    dailyHour: 9,
    quietStart: 22,
    quietEnd: 8,
    maxAttempts: 5,
  },
};

/** Reads overrides from the environment (cloud function env vars or the local host's). */
export function configFromEnv(env: Record<string, string | undefined> = process.env): Config {
  const int = (name: string, fallback: number) => {
    const v = env[name];
    const n = v === undefined ? NaN : Number(v);
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  return {
    numberPrefix: env.REGISTER_PREFIX && /^[A-Z]{1,6}$/.test(env.REGISTER_PREFIX) ? env.REGISTER_PREFIX : defaultConfig.numberPrefix,
    inquiryPrefix: env.INQUIRY_PREFIX && /^[A-Z]{1,6}$/.test(env.INQUIRY_PREFIX) ? env.INQUIRY_PREFIX : defaultConfig.inquiryPrefix,
    inquiry: {
      ...defaultConfig.inquiry,
      replyDays: int('INQUIRY_REPLY_DAYS', defaultConfig.inquiry.replyDays),
      maxRounds: int('INQUIRY_MAX_ROUNDS', defaultConfig.inquiry.maxRounds),
    },
    proposalPrefix: env.PROPOSAL_PREFIX && /^[A-Z]{1,6}$/.test(env.PROPOSAL_PREFIX) ? env.PROPOSAL_PREFIX : defaultConfig.proposalPrefix,
    proposal: {
      ...defaultConfig.proposal,
      deadlineMonths: int('PROPOSAL_DEADLINE_MONTHS', defaultConfig.proposal.deadlineMonths),
    },
    autoCloseDays: int('AUTO_CLOSE_DAYS', defaultConfig.autoCloseDays),
    defaultReplyDays: int('DEFAULT_REPLY_DAYS', defaultConfig.defaultReplyDays),
    urgeEveryDays: int('URGE_EVERY_DAYS', defaultConfig.urgeEveryDays),
    submitLimit: {
      perHour: int('SUBMIT_LIMIT_PER_HOUR', defaultConfig.submitLimit.perHour),
      perDay: int('SUBMIT_LIMIT_PER_DAY', defaultConfig.submitLimit.perDay),
    },
    inviteDays: int('INVITE_DAYS', defaultConfig.inviteDays),
    visitCasePrefix: env.VISIT_CASE_PREFIX && /^[A-Z]{1,6}$/.test(env.VISIT_CASE_PREFIX) ? env.VISIT_CASE_PREFIX : defaultConfig.visitCasePrefix,
    visits: {
      ...defaultConfig.visits,
      target: int('VISIT_TARGET', defaultConfig.visits.target),
      unvisitedMonths: int('VISIT_UNVISITED_MONTHS', defaultConfig.visits.unvisitedMonths),
    },
    noticeDays: int('NOTICE_DAYS', defaultConfig.noticeDays),
    bindLimit: {
      failures: int('BIND_MAX_FAILURES', defaultConfig.bindLimit.failures),
      windowMinutes: int('BIND_LOCK_MINUTES', defaultConfig.bindLimit.windowMinutes),
    },
    contactViews: {
      perHour: int('CONTACT_VIEWS_PER_HOUR', defaultConfig.contactViews.perHour),
      perDay: int('CONTACT_VIEWS_PER_DAY', defaultConfig.contactViews.perDay),
    },
    retention: {
      contactDays: int('CONTACT_RETENTION_DAYS', defaultConfig.retention.contactDays),
      outboxDays: int('OUTBOX_RETENTION_DAYS', defaultConfig.retention.outboxDays),
    },
    activities: { remindDay: Math.min(28, int('ACTIVITY_REMIND_DAY', defaultConfig.activities.remindDay)) },
    roster: { perShift: Math.min(20, int('ROSTER_PER_SHIFT', defaultConfig.roster.perShift)) },
    reminders: {
      ...defaultConfig.reminders,
      acceptWithinDays: int('ACCEPT_WITHIN_DAYS', defaultConfig.reminders.acceptWithinDays),
      dueSoonDays: int('DUE_SOON_DAYS', defaultConfig.reminders.dueSoonDays),
      superviseAfterDays: int('SUPERVISE_AFTER_DAYS', defaultConfig.reminders.superviseAfterDays),
    },
  };
}

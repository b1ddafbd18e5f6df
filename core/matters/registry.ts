/**
 * Every kind of tracked matter the timer looks after: where its reminders come from, which
 * collections may hold effects to carry out, and the jobs it runs. A new kind adds its lines here.
 */
import { forumReminders } from '../forums/kind';
import { forumLifecycle } from '../forums/lifecycle';
import { inquiryOverdueDigest, inquiryReminders } from '../inquiries/kind';
import { inquiryLifecycle } from '../inquiries/lifecycle';
import type { CollectionName, StoredDoc } from '../ports/store';
import { keyProposalsWeekly } from '../proposals/jobs';
import { proposalReminders } from '../proposals/kind';
import { proposalLifecycle } from '../proposals/lifecycle';
import { itemReminders } from '../register/kind';
import { itemLifecycle } from '../register/lifecycle';
import { autoCloseItems } from '../register/jobs';
import { receptionLifecycle, receptionReminders } from '../receptions/kind';
import { caseReminders } from '../visits/kind';
import { visitPaceJob } from '../visits/jobs';
import { caseLifecycle } from '../visits/lifecycle';
import { householdReminders } from '../visits/reminders';
import { retentionJob } from '../privacy/retention';
import { activityReminder } from '../activities/jobs';
import { shiftReminders, swapLifecycle } from '../roster/kind';
import type { ReminderSource, TimerJob } from './reminders';

export const REMINDER_SOURCES: ReadonlyArray<ReminderSource<StoredDoc & { nextRemindAt: number | null }>> = [
  itemReminders,
  receptionReminders,
  inquiryReminders,
  caseReminders,
  householdReminders,
  forumReminders,
  proposalReminders,
  shiftReminders,
];

/** Collections whose documents record effects with their changes (core/matters/effects.ts). */
export const EFFECT_COLLECTIONS: readonly CollectionName[] = ['items', 'receptions', 'inquiries', 'visitCases', 'forums', 'proposals', 'activities', 'swaps', 'visits'];

export const TIMER_JOBS: readonly TimerJob[] = [autoCloseItems, inquiryOverdueDigest, visitPaceJob, keyProposalsWeekly, retentionJob, activityReminder];

/** Every lifecycle on the kernel, by kind: each has its exhaustive table test (test/core/lifecycles.test.ts). */
export const LIFECYCLES: Readonly<Record<string, { kind: string; statuses: readonly string[] }>> = {
  register: itemLifecycle,
  receptions: receptionLifecycle,
  inquiries: inquiryLifecycle,
  visitCases: caseLifecycle,
  forums: forumLifecycle,
  proposals: proposalLifecycle,
  swaps: swapLifecycle,
};

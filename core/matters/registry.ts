/**
 * Every kind of tracked matter the timer looks after: where its reminders come from, which
 * collections may hold effects to carry out, and the jobs it runs. A new kind adds its lines here.
 */
import { inquiryOverdueDigest, inquiryReminders } from '../inquiries/kind';
import { inquiryLifecycle } from '../inquiries/lifecycle';
import type { CollectionName, StoredDoc } from '../ports/store';
import { itemReminders } from '../register/kind';
import { itemLifecycle } from '../register/lifecycle';
import { autoCloseItems } from '../register/jobs';
import { receptionLifecycle, receptionReminders } from '../receptions/kind';
import { retentionJob } from '../privacy/retention';
import type { ReminderSource, TimerJob } from './reminders';

export const REMINDER_SOURCES: ReadonlyArray<ReminderSource<StoredDoc & { nextRemindAt: number | null }>> = [itemReminders, receptionReminders, inquiryReminders];

/** Collections whose documents record effects with their changes (core/matters/effects.ts). */
export const EFFECT_COLLECTIONS: readonly CollectionName[] = ['items', 'receptions', 'inquiries'];

export const TIMER_JOBS: readonly TimerJob[] = [autoCloseItems, inquiryOverdueDigest, retentionJob];

/** Every lifecycle on the kernel, by kind: each has its exhaustive table test (test/core/lifecycles.test.ts). */
export const LIFECYCLES: Readonly<Record<string, { kind: string; statuses: readonly string[] }>> = {
  register: itemLifecycle,
  receptions: receptionLifecycle,
  inquiries: inquiryLifecycle,
};

/**
 * Retention, run by the `reminders` timer (a TimerJob of core/matters/registry.ts), bounded per
 * run by the batch and the timer's time budget, every query on an index:
 * - a finished item (closed or rejected: `closedAt`) has its contact details — the name and
 *   phone the resident gave — erased `retention.contactDays` after it finished (365 by
 *   default, CONTACT_RETENTION_DAYS). The item, its content, timeline and figures stay, so the
 *   statistics do not move. `erasedAt` marks it (index `erasedAt, closedAt`: a run reads only
 *   what is still to erase);
 * - the outbox's delivered rows (sent, skipped or failed) are deleted `retention.outboxDays`
 *   after they were written (90 by default, OUTBOX_RETENTION_DAYS; index `status, createdAt`).
 *   The in-app 消息中心 then no longer lists them.
 */
import type { Deps } from '../deps';
import type { RunLimits, TimerJob } from '../matters/reminders';
import type { DeliveryStatus, OutboxMessage } from '../outbox/outbox';
import { VersionConflict } from '../ports/store';
import type { Item } from '../register/item';

const DAY = 24 * 60 * 60 * 1000;
const PARALLEL = 20;
/** Rows per run of each part at most, whatever the budget: a run stays short. */
const MAX_PER_RUN = 1000;

/** An item's contact details erased (and `erasedAt` set); false when someone changed it meanwhile (the next run retries). */
export async function eraseContact(deps: Deps, item: Item, now: number, anonymise = false): Promise<boolean> {
  const { _v, ...rest } = item;
  try {
    await deps.store.update<Item>('items', item._id, _v, {
      ...rest,
      contactName: null,
      contactPhone: null,
      ...(anonymise ? { anonymous: true } : {}),
      erasedAt: now,
    });
    return true;
  } catch (e) {
    if (e instanceof VersionConflict) return false;
    throw e;
  }
}

async function inChunks<T>(rows: T[], work: (row: T) => Promise<boolean>): Promise<number> {
  let done = 0;
  for (let i = 0; i < rows.length; i += PARALLEL) done += (await Promise.all(rows.slice(i, i + PARALLEL).map(work))).filter(Boolean).length;
  return done;
}

/** Erases the contact details of items finished more than the retention period ago. Returns how many. */
export async function eraseExpiredContacts(deps: Deps, now: number, limits: RunLimits): Promise<number> {
  const before = now - deps.config.retention.contactDays * DAY;
  let erased = 0;
  let looked = 0;
  while (Date.now() < limits.deadline && looked < MAX_PER_RUN) {
    const due = await deps.store.find<Item>('items', { where: { erasedAt: null, closedAt: { lt: before } }, orderBy: [['closedAt', 'asc']], limit: limits.batch });
    if (due.length === 0) break;
    looked += due.length;
    const n = await inChunks(due, (item) => eraseContact(deps, item, now));
    erased += n;
    if (due.length < limits.batch || n === 0) break;
  }
  return erased;
}

const DELIVERED: DeliveryStatus[] = ['sent', 'skipped', 'failed'];

/** Deletes outbox rows delivered (or given up) and older than the retention period. Returns how many. */
export async function pruneOutbox(deps: Deps, now: number, limits: RunLimits): Promise<number> {
  const before = now - deps.config.retention.outboxDays * DAY;
  let pruned = 0;
  while (Date.now() < limits.deadline && pruned < MAX_PER_RUN) {
    const old = await deps.store.find<OutboxMessage>('outbox', { where: { status: { in: DELIVERED }, createdAt: { lt: before } }, orderBy: [['createdAt', 'asc']], limit: limits.batch });
    if (old.length === 0) break;
    pruned += await inChunks(old, async (m) => (await deps.store.remove('outbox', m._id), true));
    if (old.length < limits.batch) break;
  }
  return pruned;
}

/** The timer job: both parts, each bounded. Counts erased contacts plus pruned messages. */
export const retentionJob: TimerJob = {
  name: 'retention',
  async run(deps, now, limits) {
    const erased = await eraseExpiredContacts(deps, now, limits);
    const pruned = await pruneOutbox(deps, now, limits);
    return erased + pruned;
  },
};

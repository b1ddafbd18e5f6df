import { createHash } from 'node:crypto';
import { DuplicateId, type Store, type StoredDoc, type TransactionOps } from '../ports/store';

/** Every kind of message, by who receives it. See docs/notifications.md. */
export const MESSAGE_KINDS = [
  // residents
  'item_accepted',
  'item_answered',
  'item_referred',
  'item_resolved',
  'item_reopened',
  'booking_confirmed',
  'booking_waiting',
  'booking_promoted',
  'reception_tomorrow',
  'reception_cancelled',
  // representatives
  'item_assigned',
  'duty_tomorrow',
  'item_due_soon',
  'item_overdue',
  // liaison staff
  'item_not_accepted',
  'studio_item_overdue',
  'item_reopened_liaison',
  'item_urged',
  'item_released',
  // admins (督办)
  'item_supervise',
  'invite_approval',
  // inner-party inquiries (党内质询): proposers, the subject's contact, admins
  'inquiry_cosign_request',
  'inquiry_submitted',
  'inquiry_accepted',
  'inquiry_assigned',
  'inquiry_returned',
  'inquiry_clarification_asked',
  'inquiry_clarified',
  'inquiry_replied',
  'inquiry_met',
  'inquiry_next_round',
  'inquiry_to_committee',
  'inquiry_closed',
  'inquiry_extended',
  'inquiry_accountability',
  'inquiry_due_soon',
  'inquiry_overdue',
  'inquiry_overdue_digest',
  // 组团联系服务 (core/visits): group leaders, members, the township's liaison staff
  'visit_case_submitted',
  'visit_case_scheduled',
  'visit_case_decided',
  'visit_measure_assigned',
  'visit_case_closed',
  'visit_case_to_proposal',
  'visit_case_withdrawn',
  'visit_measure_due_soon',
  'visit_measure_overdue',
  'visit_group_behind',
  'visit_household_due',
  // referrals to departments (有关单位): the department's staff, then the studio's liaisons
  'item_referred_department',
  'item_referral_result',
  // duplicates merged (one item, many askers): the resident whose item was merged; the studio when an asker is not satisfied
  'item_merged',
  'item_asker_unsatisfied',
  // the Party Representative Forum (党代表论坛): representatives, departments, residents whose items or views it took up, the organiser
  'forum_invited',
  'forum_department_invited',
  'forum_linked',
  'forum_tomorrow',
  'forum_cancelled',
  'forum_outcome',
  'forum_not_closed',
  // representatives' proposals (代表提议): proposers, departments, admins
  'proposal_submitted',
  'proposal_cosigned',
  'proposal_returned',
  'proposal_converted',
  'proposal_accepted',
  'proposal_assigned',
  'proposal_dispatched',
  'proposal_refused',
  'proposal_taken',
  'proposal_progress',
  'proposal_extension_requested',
  'proposal_extension_decided',
  'proposal_completed',
  'proposal_reopened',
  'proposal_closed',
  'proposal_urged',
  'proposal_due_soon',
  'proposal_overdue',
  'proposal_key_weekly',
  // studio operations: liaison staff (activities, swaps), representatives (swaps)
  'activity_missing',
  'swap_requested',
  'swap_decided',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'skipped', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * A row of the outbox: one message to one person, written once per dedupe key, delivered
 * by the `reminders` timer, and shown in the recipient's in-app notice list whatever
 * became of the subscribe message.
 */
export interface OutboxMessage extends StoredDoc {
  dedupeKey: string;
  recipientOpenid: string;
  kind: MessageKind;
  title: string;
  body: string;
  /** Mini-program page the message opens. */
  page: string | null;
  createdAt: number;
  status: DeliveryStatus;
  attempts: number;
  /** When delivery may next be tried (quiet hours and backoff move it). */
  nextAttemptAt: number;
  lastError: string | null;
  sentAt: number | null;
  /** When the recipient read it in the app. */
  readAt: number | null;
}

export type NewMessage = Pick<OutboxMessage, 'dedupeKey' | 'recipientOpenid' | 'kind' | 'title' | 'body' | 'page' | 'createdAt'>;

export const outboxIdFor = (dedupeKey: string) => 'ob' + createHash('sha256').update(dedupeKey).digest('hex').slice(0, 30);

/**
 * Writes a message unless one with the same dedupe key exists: the same event retried or
 * a planning run repeated never produces a second message. Returns whether it was new.
 */
export async function enqueue(store: Store, msg: NewMessage): Promise<boolean> {
  try {
    await store.create<OutboxMessage>('outbox', outboxRow(msg));
    return true;
  } catch (e) {
    if (e instanceof DuplicateId) return false;
    throw e;
  }
}

/** The outbox document of a new message. */
const outboxRow = (msg: NewMessage): Omit<OutboxMessage, '_v'> => ({
  ...msg,
  _id: outboxIdFor(msg.dedupeKey),
  status: 'pending',
  attempts: 0,
  nextAttemptAt: msg.createdAt,
  lastError: null,
  sentAt: null,
  readAt: null,
});

/**
 * Writes a message in a transaction, with the change it tells of (a crash loses neither);
 * a message with the same dedupe key already there is kept. Returns whether it was new.
 * (A transaction that read `outboxIdFor(key)` with its other reads spends no round here.)
 */
export async function enqueueIn(tx: TransactionOps, msg: NewMessage): Promise<boolean> {
  const row = outboxRow(msg);
  if (await tx.get<OutboxMessage>('outbox', row._id)) return false;
  await tx.create<OutboxMessage>('outbox', row);
  return true;
}

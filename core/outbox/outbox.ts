import { createHash } from 'node:crypto';
import { DuplicateId, type Store, type StoredDoc } from '../ports/store';

/** The kinds of message use cases leave for the timer to deliver (never sent inline). */
export type MessageKind =
  | 'booking_confirmed'
  | 'booking_waiting'
  | 'booking_promoted'
  | 'reception_cancelled';

/** A row of the outbox: one message to one person, written once per dedupe key. */
export interface OutboxMessage extends StoredDoc {
  dedupeKey: string;
  recipientOpenid: string;
  kind: MessageKind;
  title: string;
  body: string;
  /** Mini-program path the message opens. */
  page: string | null;
  status: 'pending' | 'sent' | 'skipped' | 'failed';
  createdAt: number;
}

/**
 * Writes a message unless one with the same dedupe key exists: the same event retried or
 * replayed never produces a second message.
 */
export async function enqueue(
  store: Store,
  msg: Omit<OutboxMessage, '_id' | '_v' | 'status'>,
): Promise<void> {
  const _id = 'ob' + createHash('sha256').update(msg.dedupeKey).digest('hex').slice(0, 30);
  try {
    await store.create<OutboxMessage>('outbox', { ...msg, _id, status: 'pending' });
  } catch (e) {
    if (!(e instanceof DuplicateId)) throw e;
  }
}

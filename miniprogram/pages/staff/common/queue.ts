/**
 * The staff queue's query, shared by 待办事项 (pages/staff/queue) and 事项办理 (pages/staff/item,
 * which offers 下一件 after an action): open items the most overdue first, then by deadline
 * (`order: 'due'`), as the server orders them; a search by number or words looks through every
 * status, newest first.
 */
import { OPEN_STATUSES } from '../../../generated/constants';

export type QueueFilter = 'all' | 'new' | 'mine' | 'dueSoon' | 'overdue';
export const FILTERS: QueueFilter[] = ['all', 'new', 'mine', 'dueSoon', 'overdue'];

/** What the queue shows: a filter, a status ('' for any), and the search words ('' for none). */
export interface QueueState {
  filter: QueueFilter;
  status: string;
  q: string;
}

/** `register.inbox` parameters for the queue's state. */
export function inboxQuery(s: QueueState): Record<string, unknown> {
  const status = s.status ? { status: s.status } : {};
  if (s.q) return { q: s.q, ...status, ...(s.filter === 'mine' ? { mine: true } : {}) };
  // Open statuses in deadline order; a finished status (已办结…) newest first.
  const due = !s.status || OPEN_STATUSES.includes(s.status) ? { order: 'due' } : {};
  switch (s.filter) {
    case 'new':
      return { status: 'submitted', order: 'due' };
    case 'mine':
      return { mine: true, ...status, ...due };
    case 'overdue':
      return { overdue: true, ...status };
    case 'dueSoon':
      return { dueSoon: true, ...status };
    default:
      return { ...status, ...due };
  }
}

/** The queue's state as page parameters of 事项办理 (`queue`, `status`, `q`), so it can offer the next item. */
export function queueParams(s: QueueState): string {
  return `&queue=${s.filter}${s.status ? `&status=${encodeURIComponent(s.status)}` : ''}${s.q ? `&q=${encodeURIComponent(s.q)}` : ''}`;
}

/** The queue's state from 事项办理's page parameters; null when it was not opened from the queue. */
export function queueOf(query: Record<string, string | undefined>): QueueState | null {
  const filter = query.queue as QueueFilter | undefined;
  if (!filter || !FILTERS.includes(filter)) return null;
  return { filter, status: query.status ? decodeURIComponent(query.status) : '', q: query.q ? decodeURIComponent(query.q) : '' };
}

/**
 * The item after `current` in the queue as the server orders it now; the first one when
 * `current` has left the queue (answered, resolved…). Null when nothing is left.
 */
export function nextAfter<T extends { id: string }>(items: readonly T[], current: string): T | null {
  const at = items.findIndex((i) => i.id === current);
  const rest = at >= 0 ? items.slice(at + 1) : items;
  return rest.find((i) => i.id !== current) ?? null;
}

/**
 * Who may do what with receptions (接待): the one place that decides. A studio's liaison
 * staff and the county's administrators manage its receptions; the representatives on duty
 * check residents in and register walk-ins; everyone sees published ones; drafts exist only
 * for their managers.
 */
import { isStudioStaff, type Caller } from '../members/types';
import type { Actor } from '../matters/timeline';
import type { Filter } from '../ports/store';
import type { Reception } from './types';

export const RECEPTION_RELATIONS = ['manager', 'onDuty', 'system'] as const;

const HOUR = 60 * 60 * 1000;
/**
 * Walk-ins (现场登记) are registered at the reception: from when the door opens for check-in
 * (2 hours before the start) to 2 hours after the end, while what was said is fresh. Before
 * that there is nobody there to have said it; later, the reception's record is being closed.
 */
export const WALK_IN_WINDOW = { beforeMs: 2 * HOUR, afterMs: 2 * HOUR };

/** Whether `now` is within the reception's walk-in window. */
export const inWalkInWindow = (r: Pick<Reception, 'startAt' | 'endAt'>, now: number): boolean =>
  now >= r.startAt - WALK_IN_WINDOW.beforeMs && now <= r.endAt + WALK_IN_WINDOW.afterMs;
export type ReceptionRelation = (typeof RECEPTION_RELATIONS)[number];

/** A liaison of the studio or an admin manages its receptions. */
export const managesStudio = (caller: Caller, studioId: string): boolean =>
  caller.role === 'admin' || (caller.role === 'liaison' && caller.studioIds.includes(studioId));

/** How the caller stands to the reception. */
export function relationsOf(actor: Actor, r: Pick<Reception, 'studioId' | 'representativeIds'>): Set<ReceptionRelation> {
  if (actor === 'system') return new Set(['system']);
  const out = new Set<ReceptionRelation>();
  if (managesStudio(actor, r.studioId)) out.add('manager');
  if (actor.representativeId !== undefined && r.representativeIds.includes(actor.representativeId)) out.add('onDuty');
  return out;
}

interface Subjects {
  /** See the reception at all: drafts only for their managers. */
  read: Reception;
  /** Schedule for, publish, cancel, close: a studio's managers. */
  manage: { studioId: string };
  /** Check in and register walk-ins: the managers and the representatives on duty. */
  checkIn: Pick<Reception, 'studioId' | 'representativeIds'>;
  /**
   * See the representatives' own mobile and WeChat id on the notice: the reception's managers
   * and the representatives on duty (they work together); residents only for a representative
   * who agreed (`contactPublic`), else the studio's phone.
   */
  seeDutyContacts: Pick<Reception, 'studioId' | 'representativeIds'>;
  /** Have a duty list at all. */
  duties: null;
}
export type ReceptionAction = keyof Subjects;

/** Whether the caller may take `action` on `subject`. */
export function may<A extends ReceptionAction>(caller: Caller, action: A, subject: Subjects[A]): boolean {
  switch (action) {
    case 'read': {
      const r = subject as Reception;
      return r.status !== 'draft' || managesStudio(caller, r.studioId);
    }
    case 'manage':
      return managesStudio(caller, (subject as { studioId: string }).studioId);
    case 'checkIn': {
      const rel = relationsOf(caller, subject as Reception);
      return rel.has('manager') || rel.has('onDuty');
    }
    case 'seeDutyContacts': {
      const rel = relationsOf(caller, subject as Reception);
      return rel.has('manager') || rel.has('onDuty') || (caller.role === 'representative' && caller.studioIds.includes((subject as Reception).studioId));
    }
    case 'duties':
      return isStudioStaff(caller);
    default:
      return false;
  }
}

/** The receptions a staff caller's duty list covers (representatives: published ones only). */
export function scopeOf(caller: Caller): Filter {
  const where: Filter = caller.role === 'admin' ? {} : { studioId: { in: caller.studioIds } };
  where.status = caller.role === 'representative' ? 'published' : { in: ['draft', 'published', 'closed'] };
  return where;
}

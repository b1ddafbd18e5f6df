/**
 * The timeline (痕迹化管理) of a matter: one line per event — who (role and display name),
 * when, from which status to which, and a note. Every kind builds its lines here.
 */
import type { Caller, Role } from '../members/types';

/** Who acts: a resolved caller, or the system (the timer). */
export type Actor = Caller | 'system';

export interface TimelineEvent<S extends string = string, A extends string = string> {
  at: number;
  action: A;
  actorRole: Role | 'system';
  actorName: string;
  from: S | null;
  to: S;
  note?: string;
}

/** How an actor appears on a timeline: residents as 反映人, staff by name, the timer as 系统. */
export function actorOf(actor: Actor): { actorRole: Role | 'system'; actorName: string } {
  if (actor === 'system') return { actorRole: 'system', actorName: '系统' };
  return { actorRole: actor.role, actorName: actor.role === 'resident' ? '反映人' : actor.name };
}

/** One timeline line. */
export function timelineEvent<S extends string, A extends string>(
  at: number,
  action: A,
  actor: Actor,
  from: S | null,
  to: S,
  note?: string,
): TimelineEvent<S, A> {
  const e: TimelineEvent<S, A> = { at, action, ...actorOf(actor), from, to };
  if (note) e.note = note;
  return e;
}

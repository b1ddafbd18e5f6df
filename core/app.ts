import type { Deps } from './deps';
import { createDispatcher } from './dispatch';
import type { FunctionDef } from './functions/define';
import { activities } from './functions/activities';
import { dashboard } from './functions/dashboard';
import { directory } from './functions/directory';
import { forums } from './functions/forums';
import { points } from './functions/points';
import { roster } from './functions/roster';
import { inquiries } from './functions/inquiries';
import { sheets } from './functions/sheets';
import { members } from './functions/members';
import { proposals } from './functions/proposals';
import { receptions } from './functions/receptions';
import { register } from './functions/register';
import { visits } from './functions/visits';
import { TIMERS } from './timers';

export { toErrorEnvelope } from './envelope';
export { TIMERS, type TimerName } from './timers';

/** Every callable cloud function and its actions: the API contract (docs/api.md). */
export const FUNCTIONS = {
  directory,
  members,
  register,
  receptions,
  inquiries,
  visits,
  forums,
  proposals,
  activities,
  roster,
  points,
  dashboard,
  sheets,
} satisfies Record<string, FunctionDef>;
export type FunctionName = keyof typeof FUNCTIONS;

/**
 * The whole back end behind one call, every function and timer: the local host, the tests and
 * the API docs use it. A deployed cloud function builds the same dispatcher over its own
 * function only (cloudfunctions/callable.ts), so its bundle holds nothing else.
 */
export function createApp(deps: Deps) {
  return createDispatcher(deps, FUNCTIONS, TIMERS);
}

export type App = ReturnType<typeof createApp>;

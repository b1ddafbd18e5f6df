import type { TimerJob } from '../matters/reminders';
import { autoCloseDue } from './usecases';

/** Closes answered or resolved items whose feedback period ran out (bounded per run). */
export const autoCloseItems: TimerJob = { name: 'autoClose', run: (deps, _now, limits) => autoCloseDue(deps, limits) };

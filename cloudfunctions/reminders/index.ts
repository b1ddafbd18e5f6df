import { TIMERS } from '../../core/timers';
import { timer } from '../timer';

/** Cloud function `reminders`: the 15-minute timer (config.json's trigger `reminders`); refuses any other caller. */
export const main = timer('reminders', TIMERS.reminders);

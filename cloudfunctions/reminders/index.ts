import { timer } from '../runtime';

/** Cloud function `reminders`: the 15-minute timer (closes items whose feedback period ran out). */
export const main = timer('reminders');

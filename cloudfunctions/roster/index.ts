import { roster } from '../../core/functions/roster';
import { callable } from '../callable';

/** Cloud function `roster`: 党代表工作室 roster: duty rotation (驻点轮值), swaps, open days. Its bundle holds only these actions. */
export const main = callable('roster', roster);

import { points } from '../../core/functions/points';
import { callable } from '../callable';

/** Cloud function `points`: 党代表工作室 points: the quantified points ledger (量化积分), rules, manual entries. Its bundle holds only these actions. */
export const main = callable('points', points);

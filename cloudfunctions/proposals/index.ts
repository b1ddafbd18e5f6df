import { proposals } from '../../core/functions/proposals';
import { callable } from '../callable';

/** Cloud function `proposals`: 党代表工作室 proposals: representatives' proposals (代表提议) to departments. Its bundle holds only these actions. */
export const main = callable('proposals', proposals);

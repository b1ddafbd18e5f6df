import { forums } from '../../core/functions/forums';
import { callable } from '../callable';

/** Cloud function `forums`: 党代表工作室 forums: the Party Representative Forum (党代表论坛), views, outcomes. Its bundle holds only these actions. */
export const main = callable('forums', forums);

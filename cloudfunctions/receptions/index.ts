import { receptions } from '../../core/functions/receptions';
import { callable } from '../callable';

/** Cloud function `receptions`: see docs/api.md. Its bundle holds only these actions. */
export const main = callable('receptions', receptions);

import { sheets } from '../../core/functions/sheets';
import { callable } from '../callable';

/** Cloud function `sheets`: see docs/api.md. Its bundle holds only these actions. */
export const main = callable('sheets', sheets);

import { directory } from '../../core/functions/directory';
import { callable } from '../callable';

/** Cloud function `directory`: see docs/api.md. Its bundle holds only these actions. */
export const main = callable('directory', directory);

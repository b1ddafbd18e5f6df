import { callable } from '../runtime';

/** Cloud function `sheets`: see docs/api.md. */
export const main = callable('sheets');

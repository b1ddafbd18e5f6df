import { callable } from '../runtime';

/** Cloud function `directory`: see docs/api.md. */
export const main = callable('directory');

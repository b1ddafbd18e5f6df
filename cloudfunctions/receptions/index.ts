import { callable } from '../runtime';

/** Cloud function `receptions`: see docs/api.md. */
export const main = callable('receptions');

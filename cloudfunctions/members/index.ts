import { callable } from '../runtime';

/** Cloud function `members`: see docs/api.md. */
export const main = callable('members');

import { callable } from '../runtime';

/** Cloud function `register`: see docs/api.md. */
export const main = callable('register');

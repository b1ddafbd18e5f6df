import { callable } from '../runtime';

/** Cloud function `inquiries`: see docs/api.md. */
export const main = callable('inquiries');

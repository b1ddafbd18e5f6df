import { inquiries } from '../../core/functions/inquiries';
import { callable } from '../callable';

/** Cloud function `inquiries`: see docs/api.md. Its bundle holds only these actions. */
export const main = callable('inquiries', inquiries);

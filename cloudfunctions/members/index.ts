import { members } from '../../core/functions/members';
import { callable } from '../callable';

/** Cloud function `members`: see docs/api.md. Its bundle holds only these actions. */
export const main = callable('members', members);

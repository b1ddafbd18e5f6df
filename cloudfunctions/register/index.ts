import { register } from '../../core/functions/register';
import { callable } from '../callable';

/** Cloud function `register`: see docs/api.md. Its bundle holds only these actions. */
export const main = callable('register', register);

import { dashboard } from '../../core/functions/dashboard';
import { callable } from '../callable';

/** Cloud function `dashboard`: 党代表工作室 dashboard: county and township figures, the studio ranking (示范工作室评比). Its bundle holds only these actions. */
export const main = callable('dashboard', dashboard);

import { activities } from '../../core/functions/activities';
import { callable } from '../callable';

/** Cloud function `activities`: 党代表工作室 activities: monthly activity records, compliance, service commitments. Its bundle holds only these actions. */
export const main = callable('activities', activities);

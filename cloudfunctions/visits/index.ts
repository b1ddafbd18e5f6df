import { visits } from '../../core/functions/visits';
import { callable } from '../callable';

/** Cloud function `visits`: 党代表工作室 visits: groups, households, visit records, 民情会诊 (组团联系服务). Its bundle holds only these actions. */
export const main = callable('visits', visits);

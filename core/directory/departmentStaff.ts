/**
 * Who a message to a department (有关单位) reaches: every account bound to it by invitation
 * (members with `departmentId`), resolved when the message is sent, so staff bound later are
 * told too. Used by the register's referrals and by proposals (代表提议).
 */
import type { Audience } from '../matters/effects';

/** The staff of department `departmentId`, as a message audience. */
export const departmentStaff = (departmentId: string): Audience => ({ docs: 'members', where: JSON.stringify({ departmentId }), field: '_id' });

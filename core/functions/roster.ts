import { decideSwap, requestSwap } from '../roster/swaps';
import { dutyToday, generateRoster, publishOpenDay, rosterMonth, setUnavailable } from '../roster/usecases';
import { SWAP_ACTIONS } from '../roster/kind';
import { HALVES } from '../roster/types';
import { calendarDate, docId, month, requestIdSchema, text, z } from '../shared/validation';
import { action, type FunctionDef } from './define';

/** `roster`: duty rotation (驻点轮值) — the month's shifts, unavailable dates, swaps, open days, today's duty. */
export const roster: FunctionDef = {
  generate: action(
    z
      .object({
        studioId: docId,
        month,
        weekdays: z.array(z.number().int().min(1).max(7)).min(1, { message: '请至少选择一天' }).max(7).default([1, 2, 3, 4, 5]),
        halves: z.array(z.enum(HALVES)).min(1, { message: '请至少选择一个时段' }).max(2).default(['am']),
        perShift: z.number().int().min(1).max(20).optional(),
        skipDates: z.array(calendarDate).max(31).optional(),
        replace: z.boolean().optional(),
      })
      .strict(),
    (deps, caller, cmd) => generateRoster(deps, caller, cmd),
  ),
  month: action(z.object({ studioId: docId, month }).strict(), (deps, caller, q) => rosterMonth(deps, caller, q)),
  unavailable: action(z.object({ month, dates: z.array(calendarDate).max(31), representativeId: docId.optional() }).strict(), (deps, caller, q) => setUnavailable(deps, caller, q)),
  today: action(z.object({ studioId: docId }).strict(), (deps, _caller, q) => dutyToday(deps, q.studioId)),
  requestSwap: action(
    z.object({ requestId: requestIdSchema, shiftId: docId, fromRepId: docId.optional(), toRepId: docId, toShiftId: docId.optional(), reason: text('换班理由', 2, 200) }).strict(),
    (deps, caller, cmd) => requestSwap(deps, caller, cmd),
  ),
  decideSwap: action(z.object({ id: docId, outcome: z.enum(SWAP_ACTIONS), reason: text('理由', 2, 200).optional() }).strict(), (deps, caller, q) =>
    decideSwap(deps, caller, q.id, q.outcome, q.reason),
  ),
  openDay: action(z.object({ shiftId: docId, topic: text('开放日主题', 2, 100), capacity: z.number().int().min(1).max(500) }).strict(), (deps, caller, q) =>
    publishOpenDay(deps, caller, q),
  ),
};

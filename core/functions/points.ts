import { decideEntry, listLedger, myPoints, pointsOverview, proposeEntry, saveRules, getRules, studioPoints } from '../points/usecases';
import { ENTRY_STATUSES } from '../points/types';
import { RULE_CODE } from '../points/rules';
import { shanghaiYear } from '../time';
import { calendarDate, docId, fileId, paging, requestIdSchema, text, year, z } from '../shared/validation';
import { action, type FunctionDef } from './define';
import type { Deps } from '../deps';

const thisYear = (deps: Deps, y?: number) => y ?? shanghaiYear(deps.clock.now());
const code = z.string().regex(RULE_CODE, { message: '格式不正确' });

/** `points`: the quantified points (量化积分) — each year's rules, the ledger, totals, manual entries and their approval. */
export const points: FunctionDef = {
  rules: action(z.object({ year: year.optional() }).strict(), (deps, caller, q) => getRules(deps, caller, thisYear(deps, q.year))),
  saveRules: action(
    z
      .object({
        year,
        rules: z
          .array(z.object({ code, points: z.number().int().min(0).max(100), cap: z.number().int().min(0).max(1000).nullable(), enabled: z.boolean() }).strict())
          .min(1)
          .max(50),
      })
      .strict(),
    (deps, caller, q) => saveRules(deps, caller, q.year, q.rules),
  ),
  mine: action(z.object({ year: year.optional() }).strict(), (deps, caller, q) => myPoints(deps, caller, thisYear(deps, q.year))),
  studio: action(z.object({ studioId: docId, year: year.optional() }).strict(), (deps, caller, q) => studioPoints(deps, caller, q.studioId, thisYear(deps, q.year))),
  overview: action(z.object({ year: year.optional(), townshipId: docId.optional() }).strict(), (deps, caller, q) =>
    pointsOverview(deps, caller, { year: thisYear(deps, q.year), townshipId: q.townshipId }),
  ),
  ledger: action(
    z.object({ year: year.optional(), representativeId: docId.optional(), studioId: docId.optional(), status: z.enum(ENTRY_STATUSES).optional(), code: code.optional(), ...paging }).strict(),
    (deps, caller, q) => listLedger(deps, caller, { ...q, year: thisYear(deps, q.year) }),
  ),
  propose: action(
    z
      .object({
        requestId: requestIdSchema,
        representativeId: docId,
        code,
        points: z.number().int().min(1).max(100),
        date: calendarDate,
        note: text('履职事项', 2, 200),
        evidence: text('佐证材料', 5, 1000),
        photos: z.array(fileId).max(9, { message: '最多上传 9 张照片' }).optional(),
      })
      .strict(),
    (deps, caller, cmd) => proposeEntry(deps, caller, cmd),
  ),
  decide: action(z.object({ id: docId, approve: z.boolean(), reason: text('理由', 2, 200).optional() }).strict(), (deps, caller, q) =>
    decideEntry(deps, caller, q.id, q.approve, q.reason),
  ),
};

import { exportActivities } from '../activities/sheet';
import { exportPoints } from '../points/sheet';
import { exportRanking } from '../ranking/sheet';
import { exportRegister } from '../register/sheet';
import { householdTemplate, importHouseholds, visitLedger } from '../visits/sheet';
import { calendarDate, docId, year, z } from '../shared/validation';
import { shanghaiYear } from '../time';
import { action, type FunctionDef } from './define';

/**
 * An uploaded .xlsx: a CloudBase file the mini-program put under `imports/`, or one the local
 * host keeps (`local://uploads/<hash>.xlsx`, from `POST /upload`).
 */
const sheetFileId = z
  .string()
  .max(300)
  .regex(/^(cloud:\/\/[A-Za-z0-9._-]+\/imports\/[A-Za-z0-9._\-/]+\.xlsx|local:\/\/uploads\/[a-f0-9]{32}\.xlsx)$/, { message: '请上传 .xlsx 格式的表格' });

/**
 * `sheets`: Excel exports and imports (exceljs), kept in their own function so the others stay
 * small. Each answer names the stored file (`fileId`: `cloud://…` in the cloud — open it with
 * `wx.cloud.downloadFile` then `wx.openDocument`; `local://files/…` on the local host, served at
 * `GET /files/…`).
 */
export const sheets: FunctionDef = {
  register: action(
    z.object({ scope: z.enum(['studio', 'township', 'county']), id: docId.optional(), from: calendarDate, to: calendarDate }).strict(),
    (deps, caller, q) => exportRegister(deps, caller, q),
  ),
  householdTemplate: action(z.object({}).strict(), (deps, caller) => householdTemplate(deps, caller)),
  importHouseholds: action(z.object({ groupId: docId, fileId: sheetFileId }).strict(), (deps, caller, q) => importHouseholds(deps, caller, q)),
  visitLedger: action(
    z
      .object({
        scope: z.enum(['group', 'township', 'county']),
        id: docId.optional(),
        year: z.number().int().min(2000).max(2100),
        month: z.number().int().min(1).max(12).optional(),
      })
      .strict(),
    (deps, caller, q) => visitLedger(deps, caller, q),
  ),
  /** 活动记录 of a studio (its staff), or of the caller's township or county, for a period. */
  activities: action(z.object({ studioId: docId.optional(), townshipId: docId.optional(), from: calendarDate, to: calendarDate }).strict(), (deps, caller, q) =>
    exportActivities(deps, caller, q),
  ),
  /** 积分明细 and 积分汇总 of a year: a studio's, or the caller's township's or county's. */
  points: action(z.object({ year: year.optional(), studioId: docId.optional(), townshipId: docId.optional() }).strict(), (deps, caller, q) =>
    exportPoints(deps, caller, { ...q, year: q.year ?? shanghaiYear(deps.clock.now()) }),
  ),
  /** 示范工作室评比 of a year, with the formula. */
  ranking: action(z.object({ year: year.optional(), townshipId: docId.optional() }).strict(), (deps, caller, q) =>
    exportRanking(deps, caller, { ...q, year: q.year ?? shanghaiYear(deps.clock.now()) }),
  ),
};

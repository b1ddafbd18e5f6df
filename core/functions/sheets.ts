import { exportRegister } from '../register/sheet';
import { householdTemplate, importHouseholds, visitLedger } from '../visits/sheet';
import { calendarDate, docId, z } from '../shared/validation';
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
};

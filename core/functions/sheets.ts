import { exportRegister } from '../register/sheet';
import { calendarDate, docId, z } from '../shared/validation';
import { action, type FunctionDef } from './define';

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
};

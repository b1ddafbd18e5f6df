import { AppError, type Envelope } from './errors';
import { DuplicateId, VersionConflict } from './ports/store';

/** Turns any thrown value into the error envelope; unknown faults become INTERNAL without details. */
export function toErrorEnvelope(e: unknown, log: (e: unknown) => void = console.error): Envelope<never> {
  if (e instanceof AppError) {
    return { ok: false, error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } };
  }
  if (e instanceof VersionConflict || e instanceof DuplicateId) {
    return { ok: false, error: { code: 'CONFLICT', message: '该记录刚被他人修改，请刷新后重试' } };
  }
  log(e);
  return { ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' } };
}

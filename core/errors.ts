/**
 * Named errors with stable codes. Use cases throw these; the edge (cloud function entry,
 * local host) maps them once to the `{ ok: false, error }` envelope and HTTP statuses.
 */
export const ERROR_CODES = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  CONTENT_REJECTED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const validationError = (message: string, details?: unknown) => new AppError('VALIDATION', message, details);
export const forbidden = (message = '您没有权限进行此操作') => new AppError('FORBIDDEN', message);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在或您无权查看`);
export const conflict = (message = '该记录刚被他人修改，请刷新后重试') => new AppError('CONFLICT', message);
export const invalidState = (message: string, details?: unknown) => new AppError('INVALID_STATE', message, details);
export const contentRejected = (message = '内容含有不适宜发布的信息，请修改后再提交') =>
  new AppError('CONTENT_REJECTED', message);
export const rateLimited = (message: string) => new AppError('RATE_LIMITED', message);

/** The envelope every function answers with. */
export type Envelope<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string; details?: unknown } };

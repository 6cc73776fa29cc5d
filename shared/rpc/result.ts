/** Every way a call can be refused; the renderer decides what to do by code. */
export const ERROR_CODES = [
  'VALIDATION',
  'BAD_REQUEST',
  'UNKNOWN_METHOD',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SESSION_LOCKED',
  'PASSWORD_CHANGE_REQUIRED',
  'BAD_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'SETUP_REQUIRED',
  'ALREADY_SET_UP',
  'CONFLICT',
  'NOT_FOUND',
  'LIMIT',
  'TRANSPORT',
  /** Hall mode: the hall's PostgreSQL server cannot be reached (or did not answer in time); nothing was changed. */
  'HALL_UNAVAILABLE',
  /** Hall mode: what the desk cannot do on the hall's server (a file backup of the hall's data). */
  'HALL_MODE_ONLY_SERVER',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** A field the user must fix, with a message in the user's language. */
export interface FieldError {
  path: string
  key: string
  message: string
}

export interface RpcError {
  code: ErrorCode
  /** Chinese, a sentence the receptionist can act on. */
  message: string
  /** The catalogue key of the message, so the renderer can show it in another language. */
  key: string
  params?: Record<string, string | number>
  fields?: FieldError[]
}

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcError }

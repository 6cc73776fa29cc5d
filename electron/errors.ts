import type { ErrorCode, FieldError } from '../shared/rpc/result'

/**
 * An expected refusal, raised by a service and answered to the caller as a typed error.
 * `key` names the message in the catalogue (under `e.` unless it starts with `v.`).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: string = `e.${code}`,
    readonly params: Record<string, string | number> = {},
    readonly fields: Omit<FieldError, 'message'>[] = [],
  ) {
    super(key)
    this.name = 'AppError'
  }
}

/** A refusal of one field's value, e.g. a category that was retired meanwhile. */
export function fieldError(path: string, key: string, params: Record<string, string | number> = {}): AppError {
  return new AppError('VALIDATION', 'e.VALIDATION', params, [{ path, key }])
}

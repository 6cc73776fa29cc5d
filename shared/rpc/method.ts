import { z } from 'zod'
import type { Role } from '../domain'

/**
 * Who may call a method:
 * - `public`: anyone who reaches the transport (status, setup, sign-in);
 * - `session`: any signed-in user, even one who must still change the password or whose
 *   screen is locked (sign-out, unlock, change password);
 * - a list of roles: a signed-in, unlocked user with a changed password and one of the roles.
 */
export type Access = 'public' | 'session' | readonly Role[]

export interface MethodSpec<I extends z.ZodType, O> {
  input: I
  access: Access
  /** Reads the audit trail: an administrator is admitted too while the auditor allows it. */
  auditTrail?: true
  /**
   * Hall mode: answered from the desk alone while the hall's server is unreachable (the
   * connection state; drafts, which stay on the desk), with the session as last checked.
   */
  desk?: true
  /** Never read: carries the result type. */
  output?: O
}

/** A contract entry: the input schema, who may call, and the result type it carries. */
export function method<O>() {
  return <I extends z.ZodType>(input: I, access: Access, options: { auditTrail?: true; desk?: true } = {}): MethodSpec<I, O> => ({
    input,
    access,
    ...options,
  })
}

/** No input: exactly {}, a plain object without keys (a Date or a Map is not one). */
export const none = z.custom<Record<string, never>>(
  (v) => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype && Object.keys(v).length === 0,
  'e.BAD_REQUEST',
)

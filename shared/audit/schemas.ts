import { z } from 'zod'
import { isoDateSchema } from '../fields'

/** An action name such as `auth.signIn`, or a family of them such as `case.*`. */
const actionSchema = z
  .string('v.text')
  .max(64, 'v.tooLong')
  .regex(/^[A-Za-z][\w.]*(\.\*)?$/, 'v.audit.action')

/**
 * The audit viewer's filters: every key is present, null when not filtered. `from` and `to`
 * are hall-local days, both included.
 */
export const auditListSchema = z
  .strictObject({
    userId: z.number('v.number').int('v.number').positive('v.number').nullable(),
    action: actionSchema.nullable(),
    from: isoDateSchema.nullable(),
    to: isoDateSchema.nullable(),
    limit: z.number('v.number').int('v.number').min(1, 'v.number').max(500, 'v.audit.limit'),
    offset: z.number('v.number').int('v.number').min(0, 'v.number'),
  })
  .refine((f) => f.from === null || f.to === null || f.from <= f.to, {
    message: 'v.audit.range',
    path: ['to'],
  })

export type AuditListInput = z.input<typeof auditListSchema>

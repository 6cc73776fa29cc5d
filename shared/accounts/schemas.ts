import { z } from 'zod'
import { HALL_CODE_PATTERN } from '../case-number'
import { LIMITS, ROLES } from '../domain'
import { cleanedString, line } from '../fields'
import { toHalfWidth } from '../text'

/** A password: 8 or more characters with at least one letter and one digit. */
export const passwordSchema = z
  .string('v.text')
  .max(LIMITS.password, 'v.password.tooLong')
  .refine((p) => p.length >= 8, 'v.password.short')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), 'v.password.weak')

export const badgeNoSchema = z
  .string('v.text')
  .max(LIMITS.badgeNo * 2, 'v.tooLong')
  .transform((s) => toHalfWidth(s).trim().toUpperCase())
  .pipe(
    z
      .string()
      .min(1, 'v.badgeNo.required')
      .max(LIMITS.badgeNo, 'v.tooLong')
      .regex(/^[A-Z0-9-]+$/, 'v.badgeNo.format'),
  )

const newPassword = z.strictObject({
  password: passwordSchema,
  confirmPassword: z.string('v.text').max(LIMITS.password, 'v.password.tooLong'),
})

function passwordsMatch(v: { password: string; confirmPassword: string }): boolean {
  return v.password === v.confirmPassword
}

export const userFieldsSchema = z.strictObject({
  badgeNo: badgeNoSchema,
  name: line(LIMITS.name, 'v.user.nameRequired'),
  position: line(LIMITS.position, 'v.user.positionRequired'),
})

/** The first-run setup: the hall and its first administrator. */
export const setupSchema = z.strictObject({
  hallName: line(LIMITS.hallName, 'v.hall.nameRequired'),
  hallCode: z
    .string('v.text')
    .max(20, 'v.hall.code')
    .transform((s) => toHalfWidth(s).trim().toUpperCase())
    .pipe(z.string().regex(HALL_CODE_PATTERN, 'v.hall.code')),
  admin: userFieldsSchema.extend(newPassword.shape).refine(passwordsMatch, {
    message: 'v.password.mismatch',
    path: ['confirmPassword'],
  }),
  /** 备份文件夹: the daily backup goes there from the first day (empty: no backup yet). */
  backupFolder: cleanedString(500).optional(),
})

export type SetupInput = z.input<typeof setupSchema>

export const signInSchema = z.strictObject({
  badgeNo: badgeNoSchema,
  password: z.string('v.text').min(1, 'v.password.required').max(LIMITS.password, 'v.password.tooLong'),
})

export type SignInInput = z.input<typeof signInSchema>

/** 锁定屏幕: by hand (the button) or after the idle time (自动锁定). */
/** A plain object only: a Date or a Map has no keys either, and is not an input. */
const plainObject = z.custom<{ reason?: 'manual' | 'idle' }>(
  (v) => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype,
  'e.BAD_REQUEST',
)

export const lockSchema = plainObject.pipe(z.strictObject({ reason: z.enum(['manual', 'idle'], 'v.lock.reason').optional() }))

export const unlockSchema = z.strictObject({
  password: z.string('v.text').min(1, 'v.password.required').max(LIMITS.password, 'v.password.tooLong'),
})

export const changePasswordSchema = z
  .strictObject({
    currentPassword: z.string('v.text').min(1, 'v.password.required').max(LIMITS.password, 'v.password.tooLong'),
    ...newPassword.shape,
  })
  .refine(passwordsMatch, { message: 'v.password.mismatch', path: ['confirmPassword'] })
  .refine((v) => v.password !== v.currentPassword, {
    message: 'v.password.same',
    path: ['password'],
  })

export type ChangePasswordInput = z.input<typeof changePasswordSchema>

/** An administrator adds a user with an initial password that must be changed at first sign-in. */
export const createUserSchema = userFieldsSchema
  .extend({ role: z.enum(ROLES, 'v.user.role'), ...newPassword.shape })
  .refine(passwordsMatch, { message: 'v.password.mismatch', path: ['confirmPassword'] })

export type CreateUserInput = z.input<typeof createUserSchema>

const userIdSchema = z.number('v.number').int('v.number').positive('v.number')

/** An administrator changes a user's role or disables (or enables again) the account. */
export const updateUserSchema = z.strictObject({
  id: userIdSchema,
  role: z.enum(ROLES, 'v.user.role'),
  disabled: z.boolean('v.boolean'),
})

export type UpdateUserInput = z.input<typeof updateUserSchema>

/** An administrator sets a new password, which the user must change at the next sign-in. */
export const resetPasswordSchema = z
  .strictObject({ id: userIdSchema, ...newPassword.shape })
  .refine(passwordsMatch, { message: 'v.password.mismatch', path: ['confirmPassword'] })

export type ResetPasswordInput = z.input<typeof resetPasswordSchema>

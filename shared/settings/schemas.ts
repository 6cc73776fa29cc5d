import { z } from 'zod'
import { HALL_CODE_PATTERN } from '../case-number'
import { deadlineRulesSchema } from '../deadlines/rules'
import { LIMITS, RECEIPT_LAYOUTS } from '../domain'
import { cleanedString, line, optionalLine } from '../fields'
import { toHalfWidth } from '../text'

/** Hall settings an administrator can change (the hall code is fixed: it is in every case number). */
export const hallSettingsSchema = z.strictObject({
  address: optionalLine(LIMITS.address),
  phone: optionalLine(LIMITS.hallPhone),
  receiptLayout: z.enum(RECEIPT_LAYOUTS, 'v.receipt.layout'),
  receiptPrinter: cleanedString(LIMITS.printer).nullable(),
  idleLockMinutes: z.number('v.number').int('v.number').min(0, 'v.settings.idleLock').max(120, 'v.settings.idleLock'),
  /** Omitted: the hall keeps its rules. */
  deadlineRules: deadlineRulesSchema.optional(),
  /** A change of the rules applies to cases registered afterwards; true moves the open ones too (DESIGN §3). */
  applyToOpenCases: z.boolean('v.boolean').optional(),
  backupFolder: cleanedString(500).optional(),
  hallName: line(LIMITS.hallName, 'v.hall.nameRequired').optional(),
  /** Changing the code changes the prefix of future case numbers only. */
  hallCode: z
    .string('v.text')
    .max(20, 'v.hall.code')
    .transform((s) => toHalfWidth(s).trim().toUpperCase())
    .pipe(z.string().regex(HALL_CODE_PATTERN, 'v.hall.code'))
    .optional(),
  showLabels: z.tuple([line(10, 'v.settings.showLabel'), line(10, 'v.settings.showLabel'), line(10, 'v.settings.showLabel')], 'v.settings.showLabel').optional(),
  backupKeepDays: z.number('v.number').int('v.number').min(1, 'v.settings.keepDays').max(3650, 'v.settings.keepDays').optional(),
  statsMonthStartDay: z.number('v.number').int('v.number').min(1, 'v.settings.monthStart').max(28, 'v.settings.monthStart').optional(),
  /** 同一事项: 诉求相似 from this percent; closed cases compared for this many days. */
  matterSimilarity: z.number('v.number').int('v.matter.similarity').min(30, 'v.matter.similarity').max(100, 'v.matter.similarity').optional(),
  matterRecentDays: z.number('v.number').int('v.matter.recentDays').min(0, 'v.matter.recentDays').max(3650, 'v.matter.recentDays').optional(),
})

/** What a change of the rules would do to the open cases, before it is made. */
export const rulesImpactSchema = z.strictObject({ deadlineRules: deadlineRulesSchema })

export type HallSettingsInput = z.input<typeof hallSettingsSchema>

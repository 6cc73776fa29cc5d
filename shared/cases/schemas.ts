import { z } from 'zod'
import { SATISFACTION } from './machine'
import { SEARCH_BYS } from './types'
import { EXTENSION_CAP_DAYS } from '../deadlines/rules'
import { LIMITS } from '../domain'
import { idSchema, isoDateSchema, line, optionalLine, paragraph } from '../fields'

export const caseNumberSchema = z
  .string('v.text')
  .max(32, 'v.caseNumber')
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2,6}-\d{8}-\d{4}$/, 'v.caseNumber'))

const text = (key: string) => paragraph(LIMITS.answer).refine((s) => s !== '', key)

const note = paragraph(LIMITS.reason)

/** Why a step is taken after its period ended (late 延期, late 复查/复核 request); required then, checked on the main side. */
const lateReason = paragraph(LIMITS.reason).default('')

/** One step on a case, by action; the main side checks the status and the role. */
export const caseStepSchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('assign'), unitId: idSchema, note }),
    // 转送: the receiving body's contact is optional (it tells the visitor itself); 不予受理 must say how to reach the competent body.
    z.strictObject({ action: z.literal('transfer'), body: line(LIMITS.body, 'v.routing.bodyRequired'), contact: optionalLine(LIMITS.body).default(''), reason: text('v.routing.reasonRequired') }),
    z.strictObject({ action: z.literal('reject'), body: line(LIMITS.body, 'v.routing.bodyRequired'), contact: line(LIMITS.body, 'v.routing.contactRequired'), reason: text('v.routing.reasonRequired') }),
    z.strictObject({ action: z.literal('start'), note }),
    z.strictObject({
      action: z.literal('extend'),
      days: z.number('v.case.extensionDays').int('v.case.extensionDays').min(1, 'v.case.extensionDays').max(EXTENSION_CAP_DAYS, 'v.case.extensionCap'),
      reason: text('v.case.reasonRequired'),
      lateReason,
    }),
    z.strictObject({ action: z.literal('close'), result: text('v.case.resultRequired') }),
    z.strictObject({ action: z.literal('followUp'), satisfaction: z.enum(SATISFACTION, 'v.case.satisfaction'), note }),
    z.strictObject({ action: z.literal('requestReview'), note, lateReason }),
    z.strictObject({ action: z.literal('review'), result: text('v.case.resultRequired') }),
    z.strictObject({ action: z.literal('requestRecheck'), note, lateReason }),
    z.strictObject({ action: z.literal('recheck'), result: text('v.case.resultRequired') }),
    z.strictObject({ action: z.literal('plan'), note: text('v.case.planRequired') }),
    z.strictObject({ action: z.literal('pause'), note: text('v.case.reasonRequired') }),
    z.strictObject({ action: z.literal('resume'), note }),
    z.strictObject({ action: z.literal('leader'), leaderName: line(LIMITS.name, 'v.case.leaderRequired'), note }),
    z.strictObject({ action: z.literal('link'), caseNumber: caseNumberSchema, note }),
    z.strictObject({ action: z.literal('note'), note: text('v.case.noteRequired') }),
  ],
  'v.case.action',
)

export type CaseStep = z.output<typeof caseStepSchema>

export type CaseStepInput = z.input<typeof caseStepSchema>

export const caseActSchema = z.strictObject({ caseNumber: caseNumberSchema, step: caseStepSchema })

export const supervisionSchema = z.strictObject({
  unitId: idSchema.nullable(),
  categoryId: idSchema.nullable(),
  /** The day to judge against; tests and reports set it, the screen sends null for today. */
  today: isoDateSchema.nullable(),
})

/** Revealing a full ID number and phone: the case and the reason, at least 4 characters. */
export const revealSchema = z.strictObject({
  caseNumber: caseNumberSchema,
  reason: line(200, 'e.REVEAL_REASON').refine((r) => Array.from(r).length >= 4, 'e.REVEAL_REASON'),
})

export const searchSchema = z.strictObject({
  query: line(100, 'v.search.required'),
  by: z.enum(SEARCH_BYS, 'v.search.by'),
})

export const leaderReceptionSchema = z.strictObject({
  day: isoDateSchema,
  leaderName: line(LIMITS.name, 'v.case.leaderRequired'),
  leaderTitle: optionalLine(LIMITS.position),
  note: paragraph(LIMITS.reason),
  caseNumbers: z.array(caseNumberSchema, 'v.text').max(100, 'v.tooLong'),
})

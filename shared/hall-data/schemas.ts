import { z } from 'zod'
import { LIMITS } from '../domain'
import { idSchema, isoDateSchema, line } from '../fields'
import { isWellFormedText } from '../text'

export const unitNameSchema = z.strictObject({ name: line(LIMITS.body, 'v.unit.nameRequired') })

export const unitUpdateSchema = z.strictObject({ id: idSchema, name: line(LIMITS.body, 'v.unit.nameRequired'), retired: z.boolean('v.boolean') })

export const categoryUpdateSchema = unitUpdateSchema

const holidayEntrySchema = z.strictObject({
  date: isoDateSchema,
  kind: z.enum(['holiday', 'workday'], 'v.holiday.kind'),
  name: line(20, 'v.holiday.nameRequired'),
})

/**
 * A change of the calendar applies to cases registered afterwards; `applyToOpenCases` moves the
 * open ones too, in the same transaction (DESIGN §3).
 */
const applyToOpenCases = z.boolean('v.boolean').optional()

const holidayCsv = z.string('v.text').max(200_000, 'v.tooLong').refine(isWellFormedText, 'v.brokenText')

export const holidaySchema = holidayEntrySchema.extend({ applyToOpenCases })

export const holidayRemoveSchema = z.strictObject({ date: isoDateSchema, applyToOpenCases })

export const holidayImportSchema = z.strictObject({ csv: holidayCsv, applyToOpenCases })

/** What a calendar change would do, before it is made: entries put, dates removed, or a CSV import. */
export const holidaysImpactSchema = z.strictObject({
  put: z.array(holidayEntrySchema, 'v.holiday.kind').max(1000, 'v.tooLong'),
  remove: z.array(isoDateSchema, 'v.holiday.kind').max(1000, 'v.tooLong'),
  csv: holidayCsv.optional(),
})

import { z } from 'zod'
import { caseNumberSchema } from '../cases/schemas'
import { LIMITS, NOTICE_KINDS, RECEIPT_LAYOUTS } from '../domain'
import { cleanedString } from '../fields'

const layout = z.enum(RECEIPT_LAYOUTS, 'v.receipt.layout').optional()

/** Which paper: the 回执 unless a notice (告知书) is named. */
const document = z.enum(['receipt', ...NOTICE_KINDS], 'v.receipt.document').optional()

export const receiptRequestSchema = z.strictObject({ caseNumber: caseNumberSchema, layout, document })

export const printRequestSchema = z.strictObject({
  caseNumber: caseNumberSchema,
  layout,
  document,
  printer: cleanedString(LIMITS.printer).nullable().optional(),
})

export const completePrintSchema = z.strictObject({
  printId: z.number('v.number').int('v.number').positive('v.number'),
})

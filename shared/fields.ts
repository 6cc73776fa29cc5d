import { z } from 'zod'
import { isoDaySchema } from './days'
import { cleanLine, cleanText, isWellFormedText } from './text'

/** A row's id: a positive whole number. */
export const idSchema = z.number('v.number').int('v.number').positive('v.number')

/** A calendar day on the wire, YYYY-MM-DD (shared/days.ts). */
export const isoDateSchema = isoDaySchema

// Raw strings longer than this many characters are refused before any cleaning work is done,
// so a pasted megabyte cannot cost more than a length check.
const RAW_SLACK = 1000

/** A one-line text field: control characters removed, whitespace collapsed, length-limited. */
export function line(max: number, requiredKey = 'v.required') {
  return z
    .string('v.text')
    .max(max * 2 + RAW_SLACK, 'v.tooLong')
    .refine(isWellFormedText, 'v.brokenText')
    .transform(cleanLine)
    .pipe(z.string().min(1, requiredKey).max(max, 'v.tooLong'))
}

/** An optional one-line field: empty becomes null. */
export function optionalLine(max: number) {
  return z
    .string('v.text')
    .max(max * 2 + RAW_SLACK, 'v.tooLong')
    .refine(isWellFormedText, 'v.brokenText')
    .transform(cleanLine)
    .pipe(z.string().max(max, 'v.tooLong'))
}

/** A multi-line text field: control characters removed, newlines kept. */
export function paragraph(max: number) {
  return z
    .string('v.text')
    .max(max * 2 + RAW_SLACK, 'v.tooLong')
    .refine(isWellFormedText, 'v.brokenText')
    .transform(cleanText)
    .pipe(z.string().max(max, 'v.tooLong'))
}

/**
 * A free-form string kept as typed but for invisible characters (a printer name, a folder path):
 * the same cleaning as a paragraph, named for what it holds.
 */
export function cleanedString(max: number) {
  return paragraph(max)
}

import { z } from 'zod'
import { LIMITS } from '../domain'

/** One reception's id, made by the desk when the intake starts (kept in the draft). */
export const intakeIdSchema = z.string('v.text').regex(/^[A-Za-z0-9-]{8,64}$/, 'v.matter.intakeId')

// What the desk has typed so far: any field may be half-filled, so nothing here is required and
// a half-typed ID number or phone is simply not compared.
const text = (max: number) => z.string('v.text').max(max, 'v.tooLong')

export const matterCandidatesSchema = z.strictObject({
  intakeId: intakeIdSchema,
  name: text(LIMITS.name),
  noId: z.boolean('v.boolean'),
  idNumber: text(64),
  phone: text(LIMITS.phone),
  address: text(LIMITS.address),
  representatives: z.array(text(LIMITS.name), 'v.text').max(50, 'v.representatives.tooMany'),
  /** 0: no category chosen yet (the text is then not compared). */
  categoryId: z.number('v.number').int('v.number').min(0, 'v.number'),
  facts: text(LIMITS.answer),
  demands: text(LIMITS.answer),
})
export type MatterCandidatesInput = z.output<typeof matterCandidatesSchema>

export const matterDecisionSchema = z.strictObject({
  intakeId: intakeIdSchema,
  caseNumber: z.string('v.text').min(1, 'v.required').max(32, 'v.tooLong'),
  decision: z.enum(['same', 'different'], 'v.matter.decision'),
  /** The reasons as they were shown, kept with the decision. */
  reasons: z.array(z.string('v.text').max(40, 'v.tooLong'), 'v.text').max(10, 'v.tooLong'),
})
export type MatterDecisionInput = z.output<typeof matterDecisionSchema>

import { z } from 'zod'
import { ANSWER_KEYS, ANSWER_MARKS, LIMITS, MAX_REPRESENTATIVES, ROUTINGS, ROUTINGS_NEEDING_BODY, VISIT_KINDS } from '../domain'
import { optionalLine, paragraph } from '../fields'
import { parseIdNumber } from '../id-number'
import { intakeIdSchema } from '../matters/schemas'
import { parsePhone } from '../phone'
import { cleanLine, isWellFormedText } from '../text'

export const idLookupSchema = z.strictObject({
  idNumber: z.string('v.text').max(64, 'v.idNumber.length'),
})

const answer = z.strictObject({
  text: paragraph(LIMITS.answer),
  mark: z.enum(ANSWER_MARKS, 'v.answer.mark').nullable(),
  reason: paragraph(LIMITS.reason),
})

const answers = z.strictObject({
  facts: answer,
  demands: answer,
  difficulties: answer,
  history: answer,
  priorHandling: answer,
})

/** The three confirmations of 三亮 and the moment they were complete. */
export const showsSchema = z.strictObject({
  badge: z.boolean('v.boolean'),
  name: z.boolean('v.boolean'),
  position: z.boolean('v.boolean'),
})

// Required-ness is checked in the refinement below, not by the field schemas: zod runs an
// object's refinement only when every field parsed, and the form must show all problems at once.
const visitor = z.strictObject({
  name: optionalLine(LIMITS.name),
  noId: z.boolean('v.boolean'),
  idNumber: z.string('v.text').max(64, 'v.idNumber.length'),
  noIdReason: paragraph(LIMITS.reason),
  phone: optionalLine(LIMITS.phone),
  address: optionalLine(LIMITS.address),
})

/** A group visit's representative: 姓名, 身份证号 (or why there is none) and 联系电话, checked as the visitor's are. */
const representative = z.strictObject({
  name: z.string('v.text').max(LIMITS.name * 2 + 100, 'v.tooLong').refine(isWellFormedText, 'v.brokenText').transform(cleanLine),
  noId: z.boolean('v.boolean'),
  idNumber: z.string('v.text').max(64, 'v.idNumber.length'),
  noIdReason: paragraph(LIMITS.reason),
  phone: optionalLine(LIMITS.phone),
})

/**
 * The intake form (三亮五必问) as the receptionist submits it. The same schema feeds the
 * form's resolver in the renderer and validates `intake.register` in the main process.
 */
export const intakeSchema = z
  .strictObject({
    shows: showsSchema,
    showsConfirmedAt: z.iso.datetime({ offset: true, error: 'v.shows.time' }).nullable(),
    visitor,
    kind: z.enum(VISIT_KINDS, 'v.kind'),
    headcount: z
      .number('v.headcount.number')
      .int('v.headcount.number')
      .min(1, 'v.headcount.number')
      .max(LIMITS.headcount, 'v.headcount.tooMany')
      .nullable(),
    representatives: z.array(representative, 'v.text').max(50, 'v.representatives.tooMany'),
    answers,
    categoryId: z.number('v.category.required').int('v.category.required').min(0, 'v.category.required'),
    routing: z.enum(ROUTINGS, 'v.routing.required').nullable(),
    /** 转送 / 不予受理: the competent body the visitor is sent to, and why. */
    routingBody: optionalLine(LIMITS.body),
    /** 不予受理 (required) / 转送 (optional): how to reach that body — address, telephone. */
    routingContact: optionalLine(LIMITS.body),
    /** 交办: the responsible unit (0 = none chosen). */
    unitId: z.number('v.unit.required').int('v.unit.required').min(0, 'v.unit.required'),
    routingReason: paragraph(LIMITS.reason),
    /** This reception's id, made by the desk (issue #16: the matter decisions recorded during it). */
    intakeId: z.union([z.literal(''), intakeIdSchema]).default(''),
    /** 同一事项: the earlier case the receptionist confirmed this visit belongs to; '' for none. */
    matterCaseNumber: z.string('v.text').max(32, 'v.tooLong').default(''),
    /**
     * Made (crypto.randomUUID) when the form was started and kept in its draft: a retry of 登记
     * with the same key — an answer lost on the way back — returns the first registration.
     */
    idempotencyKey: z.uuid('v.idempotencyKey').optional(),
  })
  .superRefine((value, ctx) => {
    const { shows, visitor: v } = value
    if (v.name === '') ctx.addIssue({ code: 'custom', path: ['visitor', 'name'], message: 'v.visitor.nameRequired' })
    if (v.address === '') {
      ctx.addIssue({ code: 'custom', path: ['visitor', 'address'], message: 'v.visitor.addressRequired' })
    }
    if (value.routing === null) ctx.addIssue({ code: 'custom', path: ['routing'], message: 'v.routing.required' })
    if (value.routing === 'assigned' && value.unitId === 0) {
      ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'v.unit.required' })
    }
    if (value.routing !== null && ROUTINGS_NEEDING_BODY.includes(value.routing)) {
      if (value.routingBody === '') {
        ctx.addIssue({ code: 'custom', path: ['routingBody'], message: 'v.routing.bodyRequired' })
      }
      if (value.routingReason === '') {
        ctx.addIssue({ code: 'custom', path: ['routingReason'], message: 'v.routing.reasonRequired' })
      }
    }
    if (value.routing === 'rejected' && value.routingContact === '') {
      ctx.addIssue({ code: 'custom', path: ['routingContact'], message: 'v.routing.contactRequired' })
    }
    // 当场办结 needs 办理结果, as 办结 does; it is written in the reason field.
    if (value.routing === 'resolved' && value.routingReason === '') {
      ctx.addIssue({ code: 'custom', path: ['routingReason'], message: 'v.routing.resultRequired' })
    }
    if (value.categoryId === 0) ctx.addIssue({ code: 'custom', path: ['categoryId'], message: 'v.category.required' })
    const headcount = value.headcount ?? 0
    if (value.headcount === null) {
      ctx.addIssue({ code: 'custom', path: ['headcount'], message: 'v.headcount.number' })
    }
    if (!shows.badge || !shows.name || !shows.position || value.showsConfirmedAt === null) {
      ctx.addIssue({ code: 'custom', path: ['shows'], message: 'v.shows.incomplete' })
    }
    if (v.noId) {
      if (v.noIdReason === '') {
        ctx.addIssue({ code: 'custom', path: ['visitor', 'noIdReason'], message: 'v.visitor.noIdReasonRequired' })
      }
    } else {
      const id = parseIdNumber(v.idNumber)
      if (!id.ok) {
        ctx.addIssue({ code: 'custom', path: ['visitor', 'idNumber'], message: `v.idNumber.${id.problem}` })
      }
    }
    if (v.phone !== '' && !parsePhone(v.phone).ok) {
      ctx.addIssue({ code: 'custom', path: ['visitor', 'phone'], message: 'v.phone.invalid' })
    }
    if (value.kind === 'group') {
      if (value.headcount !== null && headcount < 2) {
        ctx.addIssue({ code: 'custom', path: ['headcount'], message: 'v.headcount.group' })
      }
      const people = value.representatives
      if (people.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['representatives'], message: 'v.representatives.required' })
      }
      if (people.length > MAX_REPRESENTATIVES) {
        ctx.addIssue({ code: 'custom', path: ['representatives'], message: 'v.representatives.tooMany' })
      }
      if (value.headcount !== null && people.length > headcount) {
        ctx.addIssue({ code: 'custom', path: ['representatives'], message: 'v.representatives.moreThanHeadcount' })
      }
      people.forEach((r, i) => {
        const at = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: ['representatives', i, field], message })
        if (r.name === '') at('name', 'v.representatives.empty')
        else if (r.name.length > LIMITS.name) at('name', 'v.tooLong')
        if (r.noId) {
          if (r.noIdReason === '') at('noIdReason', 'v.visitor.noIdReasonRequired')
        } else {
          const id = parseIdNumber(r.idNumber)
          if (!id.ok) at('idNumber', `v.idNumber.${id.problem}`)
        }
        if (r.phone !== '' && !parsePhone(r.phone).ok) at('phone', 'v.phone.invalid')
      })
    } else if (value.headcount !== null && headcount !== 1) {
      ctx.addIssue({ code: 'custom', path: ['headcount'], message: 'v.headcount.individual' })
    }
    for (const key of ANSWER_KEYS) {
      const a = value.answers[key]
      if (a.mark === null && a.text === '') {
        ctx.addIssue({ code: 'custom', path: ['answers', key, 'text'], message: 'v.answer.required' })
      }
      if (a.mark !== null && a.reason === '') {
        ctx.addIssue({ code: 'custom', path: ['answers', key, 'reason'], message: 'v.answer.reasonRequired' })
      }
    }
  })

export type IntakeInput = z.input<typeof intakeSchema>

export type IntakeValues = z.output<typeof intakeSchema>

/** An empty intake form, the starting point of every reception. */
export function emptyIntake(): IntakeInput {
  const blank = { text: '', mark: null, reason: '' }
  return {
    shows: { badge: false, name: false, position: false },
    showsConfirmedAt: null,
    visitor: { name: '', noId: false, idNumber: '', noIdReason: '', phone: '', address: '' },
    kind: 'individual',
    headcount: 1,
    representatives: [],
    answers: {
      facts: { ...blank },
      demands: { ...blank },
      difficulties: { ...blank },
      history: { ...blank },
      priorHandling: { ...blank },
    },
    // 0 means "not chosen yet"; the schema refuses it with a message.
    categoryId: 0,
    routing: null,
    routingBody: '',
    routingContact: '',
    routingReason: '',
    unitId: 0,
    intakeId: '',
    matterCaseNumber: '',
  }
}

/** Whether one of the five answers counts as done (answered, or marked with a reason). */
export function isAnswerDone(a: { text: string; mark: string | null; reason: string }): boolean {
  return a.mark === null ? a.text.trim() !== '' : a.reason.trim() !== ''
}

/** Whether a value nests no deeper than `max` levels, checked without recursion. */
export function depthWithin(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop() ?? [null, 0]
    if (typeof v !== 'object' || v === null) continue
    if (depth >= max) return false
    for (const child of Object.values(v)) stack.push([child, depth + 1])
  }
  return true
}

/**
 * A draft is whatever the form holds at the moment: any field may be missing or half-typed.
 * It is stored as given (size-limited) and checked again when it is restored.
 */
export const draftSchema = z.strictObject({
  // Depth first, without recursion: a value nested thousands deep must not reach z.json().
  values: z
    .unknown()
    .refine((v) => depthWithin(v, 12), 'v.draft.tooLarge')
    .pipe(z.json())
    .refine((v) => JSON.stringify(v).length <= 64_000, 'v.draft.tooLarge'),
  step: z.number('v.number').int('v.number').min(0, 'v.number').max(10, 'v.number'),
})

export type DraftInput = z.input<typeof draftSchema>

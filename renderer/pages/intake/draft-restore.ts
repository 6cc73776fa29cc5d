import { ANSWER_KEYS, ANSWER_MARKS, ROUTINGS, VISIT_KINDS } from '../../../shared/domain'
import type { IntakeInput } from '../../../shared/intake/schemas'
import { emptyIntake } from '../../../shared/intake/schemas'
import type { RepresentativeInput } from '../../../shared/intake/representatives'
import { emptyRepresentative } from '../../../shared/intake/representatives'

type Loose = Record<string, unknown>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A new, empty form with its idempotency key, made now that the form starts: a retry of 登记
 * with it (the answer lost on the way back) returns the first registration instead of a second.
 */
export function newIntakeForm(): IntakeInput {
  return { ...emptyIntake(), idempotencyKey: crypto.randomUUID() }
}

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback)
const bool = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback)
const oneOf = <T extends string>(list: readonly T[], v: unknown): T | undefined =>
  typeof v === 'string' && (list as readonly string[]).includes(v) ? (v as T) : undefined

/** A representative of a stored draft: a record as the form holds it, or a name (drafts saved before 身份证号 and 联系电话). */
function representative(v: unknown): RepresentativeInput {
  if (!isObject(v)) return { ...emptyRepresentative(), name: str(v, '') }
  return {
    name: str(v.name, ''),
    noId: bool(v.noId, false),
    idNumber: str(v.idNumber, ''),
    noIdReason: str(v.noIdReason, ''),
    phone: str(v.phone, ''),
  }
}

/**
 * Rebuilds the form from a stored draft field by field: whatever still fits is kept, anything
 * else falls back to the empty form, so one odd field never costs the rest of the draft.
 */
export function restoreDraft(values: unknown): IntakeInput {
  const base = newIntakeForm()
  if (!isObject(values)) return base
  const shows = isObject(values.shows) ? values.shows : {}
  const visitor = isObject(values.visitor) ? values.visitor : {}
  const answers = isObject(values.answers) ? values.answers : {}
  const restored: IntakeInput = {
    shows: {
      badge: bool(shows.badge, false),
      name: bool(shows.name, false),
      position: bool(shows.position, false),
    },
    showsConfirmedAt: typeof values.showsConfirmedAt === 'string' ? values.showsConfirmedAt : null,
    visitor: {
      name: str(visitor.name, ''),
      noId: bool(visitor.noId, false),
      idNumber: str(visitor.idNumber, ''),
      noIdReason: str(visitor.noIdReason, ''),
      phone: str(visitor.phone, ''),
      address: str(visitor.address, ''),
    },
    kind: oneOf(VISIT_KINDS, values.kind) ?? base.kind,
    headcount: typeof values.headcount === 'number' ? values.headcount : values.headcount === null ? null : base.headcount,
    representatives: Array.isArray(values.representatives) ? values.representatives.slice(0, 10).map(representative) : [],
    answers: base.answers,
    categoryId: typeof values.categoryId === 'number' ? values.categoryId : 0,
    routing: oneOf(ROUTINGS, values.routing) ?? null,
    routingBody: str(values.routingBody, ''),
    routingContact: str(values.routingContact, ''),
    routingReason: str(values.routingReason, ''),
    unitId: typeof values.unitId === 'number' ? values.unitId : 0,
    // The draft keeps the form's key: registering a restored draft again cannot make a second case.
    idempotencyKey: typeof values.idempotencyKey === 'string' && UUID.test(values.idempotencyKey) ? values.idempotencyKey : base.idempotencyKey,
    // The reception's id ties the 同一事项 decisions already recorded to the restored form.
    intakeId: typeof values.intakeId === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(values.intakeId) ? values.intakeId : '',
    matterCaseNumber: str(values.matterCaseNumber, '').slice(0, 32),
  }
  for (const key of ANSWER_KEYS) {
    const a = isObject(answers[key]) ? answers[key] : {}
    restored.answers[key] = {
      text: str(a.text, ''),
      mark: oneOf(ANSWER_MARKS, a.mark) ?? null,
      reason: str(a.reason, ''),
    }
  }
  return restored
}

/** Whether the form holds anything the receptionist typed or ticked. */
export function hasContent(values: IntakeInput): boolean {
  const v = values.visitor
  return (
    values.shows.badge ||
    values.shows.name ||
    values.shows.position ||
    v.name !== '' ||
    v.idNumber !== '' ||
    v.noIdReason !== '' ||
    v.phone !== '' ||
    v.address !== '' ||
    values.representatives.length > 0 ||
    ANSWER_KEYS.some((k) => values.answers[k].text !== '' || values.answers[k].reason !== '') ||
    values.categoryId !== 0 ||
    values.routingBody !== '' ||
    values.routingContact !== '' ||
    values.routingReason !== '' ||
    values.routing !== null
  )
}

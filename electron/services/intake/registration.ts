import type { Kysely, Transaction } from 'kysely'
import { isoDayOf } from '../../../shared/days'
import { formatCaseNumber } from '../../../shared/case-number'
import type { AnswerKey } from '../../../shared/domain'
import { ANSWER_KEYS, ROUTINGS_NEEDING_BODY } from '../../../shared/domain'
import { parseIdNumber } from '../../../shared/id-number'
import { parsePhone } from '../../../shared/phone'
import type { RegisterResult } from '../../../shared/intake/types'
import type { IntakeValues } from '../../../shared/intake/schemas'
import type { StoredRepresentative } from '../../../shared/intake/representatives'
import { AppError, fieldError } from '../../errors'
import type { Database, Hall, User } from '../../db/schema'
import { findActiveCategory } from '../../db/repositories/categories'
import { deleteDraft } from '../../db/repositories/drafts'
import { beginWriting, hallInstant, limitLockWait, nextDaySequence } from '../../db/repositories/sequences'
import { HALL_LOCK_TIMEOUT_MS, isLockTimeout, isUniqueViolation } from '../../db/postgres'
import { findVisitorByIdNumber, insertVisitorUnlessKnown, updateVisitorContact } from '../../db/repositories/visitors'
import { findVisitByIdempotencyKey, insertUnnumberedVisit, numberVisit } from '../../db/repositories/visits'
import { appendAudit } from '../audit/audit'
import type { DueColumns, NewCaseFacts } from '../cases/deadlines'
import { indexCase, insertEvent } from '../../db/repositories/cases'
import { findActiveUnit } from '../../db/repositories/units'
import { initialStatus } from '../../../shared/cases/machine'
import { toBigrams } from '../../../shared/search/bigrams'
import { change } from '../../../shared/live/changes'
import type { Announce } from '../../live/channel'
import { confirmedMatter, recordRegistration, recordRepeatVisit } from '../matters/register'

const MAX_DAILY_SEQUENCE = 9999

/** A representative as the visit stores it: the ID number checked against today, the phone normalized. */
function storedRepresentative(r: IntakeValues['representatives'][number], index: number, now: Date): StoredRepresentative {
  let idNumber: string | null = null
  if (!r.noId) {
    const parsed = parseIdNumber(r.idNumber, now)
    if (!parsed.ok) throw fieldError(`representatives.${index}.idNumber`, `v.idNumber.${parsed.problem}`)
    idNumber = parsed.value
  }
  const phone = r.phone === '' ? null : parsePhone(r.phone)
  if (phone !== null && !phone.ok) throw fieldError(`representatives.${index}.phone`, 'v.phone.invalid')
  return { name: r.name.trim(), idNumber, noIdReason: r.noId ? r.noIdReason : null, phone: phone === null ? null : phone.value }
}

function answerColumns(answers: IntakeValues['answers']) {
  // A marked answer keeps whatever the visitor did say; the reason explains the mark.
  const col = (k: AnswerKey) => ({ text: answers[k].text, mark: answers[k].mark, reason: answers[k].mark === null ? null : answers[k].reason })
  const [f, d, df, h, p] = ANSWER_KEYS.map(col) as [ReturnType<typeof col>, ReturnType<typeof col>, ReturnType<typeof col>, ReturnType<typeof col>, ReturnType<typeof col>]
  return {
    facts: f.text,
    facts_mark: f.mark,
    facts_reason: f.reason,
    demands: d.text,
    demands_mark: d.mark,
    demands_reason: d.reason,
    difficulties: df.text,
    difficulties_mark: df.mark,
    difficulties_reason: df.reason,
    history: h.text,
    history_mark: h.mark,
    history_reason: h.reason,
    prior_handling: p.text,
    prior_handling_mark: p.mark,
    prior_handling_reason: p.reason,
  }
}

export interface RegistrationHooks {
  /** The new case's due dates, stored with its row (see cases/deadlines.ts, dueOfNewCase). */
  dueDates: (trx: Transaction<Database>, c: NewCaseFacts, hall: Hall) => Promise<DueColumns>
  /** Runs inside the registration's transaction: the queue links the ticket being served to the case. */
  inRegistration?: (trx: Transaction<Database>, user: User, visitId: number, at: string) => Promise<unknown>
  /** Runs once the registration has committed, e.g. to schedule the database's housekeeping. */
  afterCommit?: () => void
  /** Tells the desks' pages about the new visit, once it has committed. */
  announce: Announce
  /**
   * Where the desk keeps drafts when that is not the hall's database (hall mode: a local file):
   * the registered draft is removed there once the registration has committed. A draft left by
   * a crash in between holds the form's idempotency key, so registering it again returns the case.
   */
  localDrafts?: Kysely<Database>
  /** Tests only: how far the hall's (fake) clock is ahead of the real one, applied to the server's clock. */
  testClockOffsetMs?: () => number
}

/** Attempts of the registration transaction when a lock wait times out (another desk is frozen). */
const LOCK_ATTEMPTS = 4

/** A retry found its key already registered: the transaction rolls back and returns that case. */
class AlreadyRegistered extends Error {
  constructor(readonly result: RegisterResult) {
    super('already registered')
  }
}

function registered(row: { id: number; case_number: string; registered_at: string }): RegisterResult {
  return { caseNumber: row.case_number, visitId: row.id, registeredAt: row.registered_at }
}

/** Registration (登记): one reception becomes a numbered case, once, however often the desk retries. */
export function createRegistration(db: Kysely<Database>, hooks: RegistrationHooks) {
  /**
   * Registers one reception: visitor, visit, the three-shows time and an audit row in one
   * transaction. The case number exists only once the transaction has committed.
   */
  async function register(hall: Hall, user: User, input: IntakeValues, now: Date): Promise<RegisterResult> {
    const v = input.visitor
    // The schema refused these already; narrowing them here keeps the types honest.
    const routing = input.routing
    if (routing === null) throw fieldError('routing', 'v.routing.required')
    const headcount = input.kind === 'group' ? (input.headcount ?? 0) : 1
    let idNumber: string | null = null
    let birthDate: string | null = null
    let sex: 'male' | 'female' | null = null
    if (!v.noId) {
      const parsed = parseIdNumber(v.idNumber, now)
      if (!parsed.ok) throw fieldError('visitor.idNumber', `v.idNumber.${parsed.problem}`)
      idNumber = parsed.value
      birthDate = parsed.birthDate
      sex = parsed.sex
    }
    const phone = v.phone === '' ? null : parsePhone(v.phone)
    if (phone !== null && !phone.ok) throw fieldError('visitor.phone', 'v.phone.invalid')
    const phoneValue = phone === null ? null : phone.value
    const representatives = input.kind === 'group' ? input.representatives.map((r, i) => storedRepresentative(r, i, now)) : []
    const key = input.idempotencyKey ?? null
    if (key !== null) {
      const first = await findVisitByIdempotencyKey(db, key)
      if (first !== undefined) return registered(first)
    }

    const attempt = () => db.transaction().execute(async (trx) => {
      // The instant and the hall day: the desk's clock on SQLite, the server's in a hall (see hallInstant).
      const { instant, day } = await hallInstant(trx, hall.time_zone, now, hooks.testClockOffsetMs?.() ?? 0)
      const iso = instant.toISOString()
      // A clock that drifted between the form and the core must not put the shows in the future.
      const shownAt = input.showsConfirmedAt === null ? iso : new Date(Math.min(Date.parse(input.showsConfirmedAt), instant.getTime())).toISOString()
      await limitLockWait(trx, HALL_LOCK_TIMEOUT_MS)
      await beginWriting(trx)
      if (key !== null) {
        // A retry whose first attempt has committed since the check above. One still open is
        // waited for by the key's unique index when the visit is stored, and refused there.
        const first = await findVisitByIdempotencyKey(trx, key)
        if (first !== undefined) throw new AlreadyRegistered(registered(first))
      }
      const category = await findActiveCategory(trx, input.categoryId)
      if (category === undefined) throw fieldError('categoryId', 'v.category.unknown')
      let unitId: number | null = null
      if (routing === 'assigned') {
        const unit = await findActiveUnit(trx, input.unitId)
        if (unit === undefined) throw fieldError('unitId', 'v.unit.unknown')
        unitId = unit.id
      }
      const localDay = isoDayOf(day)
      const matter = await confirmedMatter(trx, input.matterCaseNumber, routing)

      let existing = idNumber === null ? undefined : await findVisitorByIdNumber(trx, idNumber)
      let visitorId = existing?.id
      if (existing === undefined) {
        visitorId = await insertVisitorUnlessKnown(trx, {
          id_number: idNumber,
          name: v.name,
          birth_date: birthDate,
          sex,
          phone: phoneValue,
          address: v.address,
          created_at: iso,
          updated_at: iso,
        })
        // Another desk registered the same person a moment ago (its transaction has committed).
        if (visitorId === undefined && idNumber !== null) existing = await findVisitorByIdNumber(trx, idNumber)
      }
      if (existing !== undefined) {
        visitorId = existing.id
        await updateVisitorContact(trx, visitorId, { name: v.name, phone: phoneValue ?? existing.phone, address: v.address, updated_at: iso })
      }
      if (visitorId === undefined) throw new Error('the visitor was neither found nor stored')
      const status = initialStatus(routing)
      const due = await hooks.dueDates(trx, { status, routing, hall_day: day, clock_start: localDay, extension_days: null, closed_day: null, clock_paused: 0 }, hall)
      // Everything that needs no case number is written first, the visit under a provisional
      // number: the day's counter, which every desk of the hall queues on to the commit, is
      // taken last (with the audit chain's lock), so desks wait only for each other's last steps.
      const visitId = await insertUnnumberedVisit(trx, {
        hall_day: day,
        visitor_id: visitorId,
        visitor_name: v.name,
        visitor_phone: phoneValue,
        visitor_address: v.address,
        no_id_reason: v.noId ? v.noIdReason : null,
        kind: input.kind,
        headcount,
        representatives: JSON.stringify(representatives),
        category_id: category.id,
        routing,
        routing_body: ROUTINGS_NEEDING_BODY.includes(routing) ? input.routingBody : null,
        routing_reason: ROUTINGS_NEEDING_BODY.includes(routing) ? input.routingReason : null,
        routing_contact: ROUTINGS_NEEDING_BODY.includes(routing) && input.routingContact !== '' ? input.routingContact : null,
        ...answerColumns(input.answers),
        receptionist_id: user.id,
        shown_badge_no: user.badge_no,
        shown_name: user.name,
        shown_position: user.position,
        shows_confirmed_at: shownAt,
        registered_at: iso,
        idempotency_key: key,
        repeat_visit: existing === undefined ? 0 : 1,
        status,
        unit_id: unitId,
        clock_start: localDay,
        no_further_acceptance: 0,
        matter_visit_id: matter?.id ?? null,
        ...due,
        ...(routing === 'resolved' ? { closed_at: iso, result: input.routingReason } : {}),
      })
      await insertEvent(trx, {
        visit_id: visitId,
        at: iso,
        day: localDay,
        user_id: user.id,
        action: 'register',
        from_status: null,
        to_status: status,
        note: '',
        data: JSON.stringify({ routing }),
      })
      await hooks.inRegistration?.(trx, user, visitId, iso)
      await indexCase(trx, visitId, toBigrams(v.name), toBigrams(ANSWER_KEYS.map((k) => input.answers[k].text).join('\n')))
      await recordRegistration(trx, {
        visitId,
        intakeId: input.intakeId,
        matter,
        userId: user.id,
        at: iso,
        day: localDay,
        status,
        categoryId: category.id,
        facts: input.answers.facts.text,
        demands: input.answers.demands.text,
        representatives: representatives.map((r) => r.name),
      })
      if (hooks.localDrafts === undefined) await deleteDraft(trx, user.id)
      const seq = await nextDaySequence(trx, day)
      if (seq > MAX_DAILY_SEQUENCE) throw new AppError('LIMIT')
      const caseNumber = formatCaseNumber(hall.code, day, seq)
      await numberVisit(trx, visitId, caseNumber, seq)
      await recordRepeatVisit(trx, { matter, caseNumber, userId: user.id, at: iso, day: localDay })
      await appendAudit(trx, instant, {
        userId: user.id,
        action: 'intake.register',
        entity: 'visit',
        entityId: caseNumber,
        detail: { kind: input.kind, headcount, categoryId: category.id, routing: input.routing, ...(matter === null ? {} : { matter: matter.caseNumber }) },
      })
      return { caseNumber, visitId, registeredAt: iso }
    })

    let result: RegisterResult | undefined
    for (let i = 1; result === undefined; i++) {
      try {
        result = await attempt()
      } catch (error) {
        if (error instanceof AlreadyRegistered) return error.result
        // Another desk holds the day's counter (one frozen mid-transaction loses its session after
        // HALL_IDLE_IN_TRANSACTION_MS). Nothing was written: try again.
        if (isLockTimeout(error)) {
          if (i < LOCK_ATTEMPTS) continue
          throw new AppError('HALL_UNAVAILABLE', 'e.HALL_BUSY')
        }
        // Two first attempts of one key at once: the unique key refused the second.
        if (key !== null && isUniqueViolation(error)) {
          const first = await findVisitByIdempotencyKey(db, key)
          if (first !== undefined) return registered(first)
        }
        throw error
      }
    }
    // Only a registration this call committed: a retry answered with the first one's case announces nothing.
    hooks.announce(change('visit', [result.caseNumber]))
    if (hooks.localDrafts !== undefined) await deleteDraft(hooks.localDrafts, user.id)
    hooks.afterCommit?.()
    return result
  }

  return { register }
}

export type Registration = ReturnType<typeof createRegistration>

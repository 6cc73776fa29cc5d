import type { Kysely } from 'kysely'
import type { z } from 'zod'
import { hallDay } from '../../../shared/case-number'
import type { AnswerMark } from '../../../shared/domain'
import { maskIdNumber, parseIdNumber } from '../../../shared/id-number'
import type { idLookupSchema, IntakeValues } from '../../../shared/intake/schemas'
import type { Category, PriorVisit, RegisterResult, TodayLogRow, VisitorHistory } from '../../../shared/intake/types'
import { fieldError } from '../../errors'
import type { Database } from '../../db/schema'
import { listActiveCategories } from '../../db/repositories/categories'
import { findVisitorByIdNumber } from '../../db/repositories/visitors'
import { answersOfVisit, listVisitsOfDay, listVisitsOfVisitor } from '../../db/repositories/visits'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import type { Privacy } from '../privacy/privacy'
import type { Registration } from './registration'

/** The intake desk: the categories offered, registration, a visitor's history and today's log. */
export function createIntake(db: Kysely<Database>, registration: Registration, privacy: Privacy) {
  /** The categories a new case may be filed under. */
  function categories(): Promise<Category[]> {
    return listActiveCategories(db)
  }

  /** Registers one reception by the signed-in receptionist (registration.ts). */
  function register(ctx: CallContext, input: IntakeValues): Promise<RegisterResult> {
    const { hall, user, now } = signedIn(ctx)
    return registration.register(hall, user, input, now)
  }

  /** The visitor's history; the lookup by a full ID number is audited, found or not. */
  async function history(ctx: CallContext, input: z.output<typeof idLookupSchema>): Promise<VisitorHistory> {
    const { user, now } = signedIn(ctx)
    const found = await visitorHistory(input.idNumber, now)
    await privacy.idLookup(user, input.idNumber, 'intake.history', found.visits.length, now)
    return found
  }

  /** A visitor's earlier visits, looked up as soon as a valid ID number is typed. */
  async function visitorHistory(idNumberInput: string, now: Date): Promise<VisitorHistory> {
    const parsed = parseIdNumber(idNumberInput, now)
    if (!parsed.ok) throw fieldError('idNumber', `v.idNumber.${parsed.problem}`)
    const visitor = await findVisitorByIdNumber(db, parsed.value)
    if (visitor === undefined) return { visitor: null, visits: [] }
    const rows = await listVisitsOfVisitor(db, visitor.id)
    // Only the latest visit's answers are offered as starting text: read just those.
    const latest = rows[0] === undefined ? undefined : await answersOfVisit(db, rows[0].id)
    const answer = (text: string, mark: AnswerMark | null, reason: string | null) => ({ text, mark, reason: reason ?? '' })
    const latestAnswers =
      latest === undefined
        ? null
        : {
            facts: answer(latest.facts, latest.facts_mark, latest.facts_reason),
            demands: answer(latest.demands, latest.demands_mark, latest.demands_reason),
            difficulties: answer(latest.difficulties, latest.difficulties_mark, latest.difficulties_reason),
            history: answer(latest.history, latest.history_mark, latest.history_reason),
            priorHandling: answer(latest.prior_handling, latest.prior_handling_mark, latest.prior_handling_reason),
          }
    const visits: PriorVisit[] = rows.map((r, i) => ({
      caseNumber: r.case_number,
      registeredAt: r.registered_at,
      category: r.category,
      routing: r.routing,
      answers: i === 0 ? latestAnswers : null,
    }))
    // The last phone and address the visitor gave (a visit without a phone keeps the one before),
    // offered back to the desk that typed the full number.
    const contact = { phone: visitor.phone ?? '', address: visitor.address }
    return { visitor: { name: visitor.name, birthDate: visitor.birth_date, sex: visitor.sex, ...contact }, visits }
  }

  /** Today's registrations in the hall's local day, newest first, ID numbers masked. */
  async function today(ctx: CallContext): Promise<TodayLogRow[]> {
    const { hall, now } = signedIn(ctx)
    const rows = await listVisitsOfDay(db, hallDay(now, hall.time_zone))
    return rows.map((r) => ({
      caseNumber: r.case_number,
      registeredAt: r.registered_at,
      visitorName: r.visitor_name,
      maskedIdNumber: maskIdNumber(r.id_number),
      kind: r.kind,
      headcount: r.headcount,
      category: r.category,
      routing: r.routing,
      receptionist: r.receptionist,
      receptionistId: r.receptionist_id,
      desk: r.desk,
    }))
  }

  return { categories, register, history, today }
}

export type Intake = ReturnType<typeof createIntake>

import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { caseActSchema, revealSchema } from '../../../shared/cases/schemas'
import type { CaseDetail } from '../../../shared/cases/types'
import { AppError } from '../../errors'
import type { Database } from '../../db/schema'
import { findCase } from '../../db/repositories/cases'
import type { Announce } from '../../live/channel'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import type { Calendar } from '../calendar/calendar'
import type { Privacy } from '../privacy/privacy'
import { createCaseDeadlines } from './deadlines'
import { createCaseDetail } from './detail'
import { createCaseSteps } from './steps'

/**
 * A case: its page (detail.ts), its steps (steps.ts) and the full identity shown on request;
 * with the deadline clocks (deadlines.ts) that registration, receipts, the rules and the
 * holidays keep in step.
 */
export function createCases(db: Kysely<Database>, calendar: Calendar, privacy: Privacy, announce: Announce) {
  const deadlines = createCaseDeadlines(db, calendar, announce)
  const get = createCaseDetail(db, deadlines)
  const take = createCaseSteps(db, calendar, deadlines, announce)

  /** One step on the case, then the case as it stands after it. */
  async function act(ctx: CallContext, input: z.output<typeof caseActSchema>): Promise<CaseDetail> {
    await take(ctx, input)
    return get(ctx, input)
  }

  /** The full ID number and phone, once the view and its reason are in the audit trail. */
  async function revealIdentity(ctx: CallContext, input: z.output<typeof revealSchema>): Promise<{ idNumber: string | null; phone: string | null }> {
    const { user, now } = signedIn(ctx)
    const c = await findCase(db, input.caseNumber)
    if (c === undefined) throw new AppError('NOT_FOUND', 'e.CASE_NOT_FOUND', { caseNumber: input.caseNumber })
    await db.transaction().execute((trx) => privacy.reveal(trx, user, input.caseNumber, input.reason, now))
    return { idNumber: c.id_number, phone: c.visitor_phone }
  }

  return { ...deadlines, get, act, revealIdentity }
}

export type Cases = ReturnType<typeof createCases>

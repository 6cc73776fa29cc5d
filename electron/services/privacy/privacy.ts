import type { Kysely } from 'kysely'
import { maskIdNumber } from '../../../shared/id-number'
import { toHalfWidth } from '../../../shared/text'
import type { Database, User } from '../../db/schema'
import { appendAudit } from '../audit/audit'

/**
 * PIPL art. 28 / GB/T 35273: a full ID number is sensitive personal information. Every lookup
 * by one is recorded (who, when, at which desk, the number masked), so that a receptionist
 * looking up a neighbour leaves a trace the auditor can find.
 */
export function createPrivacy(db: Kysely<Database>, desk: string) {
  async function idLookup(user: User, idNumber: string, via: 'intake.history' | 'cases.search' | 'matters.candidates', found: number, now: Date): Promise<void> {
    await db.transaction().execute((trx) =>
      appendAudit(trx, now, {
        userId: user.id,
        action: 'visitor.lookupIdNumber',
        entity: 'visitor',
        detail: { idNumber: maskIdNumber(toHalfWidth(idNumber).replace(/\s+/g, '').toUpperCase()), desk, via, found },
      }),
    )
  }
  /** A full ID number and phone shown on a case, with the reason the user gave. */
  async function reveal(trx: Kysely<Database>, user: User, caseNumber: string, reason: string, now: Date): Promise<void> {
    await appendAudit(trx, now, {
      userId: user.id,
      action: 'visitor.viewIdNumber',
      entity: 'visit',
      entityId: caseNumber,
      detail: { reason, desk, fields: ['idNumber', 'phone'] },
    })
  }

  return { idLookup, reveal, desk }
}

export type Privacy = ReturnType<typeof createPrivacy>

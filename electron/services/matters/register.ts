import type { Kysely } from 'kysely'
import { OPEN_STATUSES } from '../../../shared/cases/machine'
import type { CaseStatus } from '../../../shared/cases/machine'
import type { Routing } from '../../../shared/domain'
import { fieldError } from '../../errors'
import type { Database } from '../../db/schema'
import { insertEvent } from '../../db/repositories/cases'
import { decisionsOfIntake, findMatterCase, indexMatterDoc, insertDecision, insertRepresentatives, linkDecisions, matterCases } from '../../db/repositories/matters'
import { noFurtherError } from './matters'

// The registration's part of issue #16, run inside intake.register's transaction.

/**
 * The matter a reception was confirmed to belong to (its first case), checked: a matter that
 * has been through 复核 admits only 不予受理. Null when the receptionist confirmed none.
 */
export async function confirmedMatter(trx: Kysely<Database>, caseNumber: string, routing: Routing): Promise<{ id: number; caseNumber: string } | null> {
  if (caseNumber === '') return null
  const c = await findMatterCase(trx, caseNumber)
  if (c === undefined) throw fieldError('matterCaseNumber', 'v.matter.unknown')
  const [root] = await matterCases(trx, [c.matter_visit_id ?? c.id])
  if (root === undefined) throw fieldError('matterCaseNumber', 'v.matter.unknown')
  if (root.no_further_acceptance === 1 && routing !== 'rejected') throw noFurtherError(root.case_number)
  return { id: root.id, caseNumber: root.case_number }
}

/**
 * After the visit row exists (before it has its case number): the reception's decisions are
 * tied to the visit, and the visit enters the matter index and the representatives table.
 */
export async function recordRegistration(
  trx: Kysely<Database>,
  r: {
    visitId: number
    intakeId: string
    matter: { id: number; caseNumber: string } | null
    userId: number
    at: string
    day: string
    status: CaseStatus
    categoryId: number
    facts: string
    demands: string
    representatives: readonly string[]
  },
): Promise<void> {
  if (r.matter !== null) {
    const decided = r.intakeId === '' ? undefined : (await decisionsOfIntake(trx, r.intakeId)).get(r.matter.id)
    // Registering with a matter chosen is itself the confirmation when the desk did not record one first.
    if (decided !== 'same') {
      await insertDecision(trx, { intakeId: r.intakeId === '' ? `visit-${r.visitId}` : r.intakeId, userId: r.userId, candidateVisitId: r.matter.id, decision: 'same', reasons: [], at: r.at })
    }
  }
  if (r.intakeId !== '') await linkDecisions(trx, r.intakeId, r.visitId)
  if (r.matter !== null && r.intakeId === '') await linkDecisions(trx, `visit-${r.visitId}`, r.visitId)
  await insertRepresentatives(trx, r.visitId, r.representatives)
  await indexMatterDoc(trx, {
    visitId: r.visitId,
    categoryId: r.categoryId,
    facts: r.facts,
    demands: r.demands,
    closedDay: OPEN_STATUSES.includes(r.status) ? null : r.day,
  })
}

/**
 * Once the visit has its case number: the repeat visit goes on the matter's timeline (its
 * deadlines do not move: a 'repeatVisit' event is no step of any clock).
 */
export async function recordRepeatVisit(
  trx: Kysely<Database>,
  r: { matter: { id: number; caseNumber: string } | null; caseNumber: string; userId: number; at: string; day: string },
): Promise<void> {
  if (r.matter === null) return
  await insertEvent(trx, {
    visit_id: r.matter.id,
    at: r.at,
    day: r.day,
    user_id: r.userId,
    action: 'repeatVisit',
    from_status: null,
    to_status: null,
    note: '',
    data: JSON.stringify({ caseNumber: r.caseNumber }),
  })
}

import type { Kysely } from 'kysely'
import type { CaseAction, CaseStatus } from '../../../shared/cases/machine'
import { ACTION_ROLES, TRANSITIONS, canTransition, isTransition, PAUSABLE } from '../../../shared/cases/machine'
import { writtenDate } from '../../../shared/deadlines'
import type { CaseStep } from '../../../shared/cases/schemas'
import { hallDate } from '../../../shared/time'
import { zhText } from '../../../shared/i18n/zh-text'
import { change } from '../../../shared/live/changes'
import { AppError, fieldError } from '../../errors'
import type { Database } from '../../db/schema'
import { findCase, insertEvent, updateCase } from '../../db/repositories/cases'
import { syncMatterDoc } from '../../db/repositories/matters'
import { findActiveUnit } from '../../db/repositories/units'
import type { Announce } from '../../live/channel'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import { appendAudit } from '../audit/audit'
import type { Calendar } from '../calendar/calendar'
import type { CaseDeadlines } from './deadlines'

/** The steps on a case (受理, 交办, 延期, 办结 …), each in one transaction with its due dates. */
export function createCaseSteps(db: Kysely<Database>, calendar: Calendar, deadlines: CaseDeadlines, announce: Announce) {
  /** One step on a case: checked against the state machine and the role, recorded on the timeline and in the audit trail. */
  return async function take(ctx: CallContext, input: { caseNumber: string; step: CaseStep }): Promise<void> {
    const { user, hall, now } = signedIn(ctx)
    const { caseNumber, step } = input
    const action: CaseAction = step.action
    if (!ACTION_ROLES[action].includes(user.role)) throw new AppError('FORBIDDEN')
    const day = hallDate(now, hall.time_zone)
    await db.transaction().execute(async (trx) => {
      const c = await findCase(trx, caseNumber)
      if (c === undefined) throw new AppError('NOT_FOUND', 'e.CASE_NOT_FOUND', { caseNumber })
      const from: CaseStatus = c.status
      let to: CaseStatus = from
      // Said plainly, before the status is looked at: a second extension is refused because of the
      // rule (延期 once only), not because 已延期 is no status to extend from.
      if (action === 'extend' && c.extension_days !== null) throw new AppError('CONFLICT', 'e.EXTENDED_ONCE')
      if (isTransition(action)) {
        if (!canTransition(action, from)) {
          throw new AppError('CONFLICT', 'e.TRANSITION', {
            action: zhText(`case.actions.${action}`),
            status: zhText(`case.status.${from}`),
          })
        }
        if (c.clock_paused === 1 && action !== 'close') throw new AppError('CONFLICT', 'e.CASE_PAUSED')
        to = TRANSITIONS[action].to
      }
      const changes: Parameters<typeof updateCase>[2] = {}
      let note = 'note' in step ? step.note : ''
      const data: Record<string, unknown> = {}
      // A step taken after its period ended (延期 after the handling period, 复查/复核 asked after the
      // visitor's window) needs a written reason; both go on the timeline.
      if ('lateReason' in step) {
        const watched = step.action === 'extend' ? 'handling' : step.action === 'requestReview' ? 'reviewRequest' : 'recheckRequest'
        const due = (await deadlines.clocksOf(c, hall, trx)).find((k) => k.key === watched)?.due ?? null
        if (due !== null && due < day) {
          if (step.lateReason === '') throw fieldError('lateReason', 'v.case.lateReasonRequired', { due: writtenDate(due) })
          Object.assign(data, { lateDue: due, lateReason: step.lateReason })
        }
      }
      switch (step.action) {
        case 'assign': {
          const unit = await findActiveUnit(trx, step.unitId)
          if (unit === undefined) throw fieldError('unitId', 'v.unit.unknown')
          // 交办 after 受理 does not restart the handling clock: it runs from 受理 (DESIGN §3).
          Object.assign(changes, { unit_id: unit.id, routing: 'assigned' })
          data.unit = unit.name
          break
        }
        case 'transfer':
        case 'reject':
          Object.assign(changes, {
            routing: step.action === 'transfer' ? 'transferred' : 'rejected',
            routing_body: step.body,
            routing_reason: step.reason,
            routing_contact: step.contact === '' ? null : step.contact,
          })
          note = step.reason
          data.body = step.body
          if (step.contact !== '') data.contact = step.contact
          break
        case 'start':
          break
        case 'extend': {
          // The limit of the rules the case is counted by (kept when the hall's changed without moving it).
          const max = (await calendar.regime(trx, c.regime_id, hall)).rules.extensionMax
          if (step.days > max) throw fieldError('days', 'v.case.extensionTooLong', { max })
          changes.extension_days = step.days
          note = step.reason
          data.days = step.days
          break
        }
        case 'close':
          // The handling deadline as it stood when closing: 按期办结率 compares the two days.
          // closed_due_date (what 按期办结率 compares) is the handling clock's due, set by refreshDue below.
          Object.assign(changes, { result: step.result, closed_at: now.toISOString(), closed_day: day, closed_due_date: c.due_date ?? day })
          note = step.result
          break
        case 'followUp':
          changes.satisfaction = step.satisfaction
          data.satisfaction = step.satisfaction
          break
        case 'requestReview':
        case 'requestRecheck':
          break
        case 'review':
          note = step.result
          break
        case 'recheck':
          // After 复核 the same matter is not accepted again (信访工作条例).
          changes.no_further_acceptance = 1
          note = step.result
          break
        case 'plan':
        case 'note':
          break
        case 'pause':
          if (!PAUSABLE.includes(from) || c.clock_paused === 1) throw new AppError('CONFLICT', 'e.CANNOT_PAUSE')
          changes.clock_paused = 1
          break
        case 'resume':
          if (c.clock_paused !== 1) throw new AppError('CONFLICT', 'e.NOT_PAUSED')
          changes.clock_paused = 0
          break
        case 'leader':
          changes.leader_name = step.leaderName
          data.leader = step.leaderName
          break
        case 'link': {
          const target = await findCase(trx, step.caseNumber)
          if (target === undefined || target.id === c.id) throw fieldError('caseNumber', 'v.case.linkUnknown')
          if (target.visitor_id !== c.visitor_id || target.registered_at >= c.registered_at) throw fieldError('caseNumber', 'v.case.linkOtherVisitor')
          changes.linked_visit_id = target.id
          data.caseNumber = target.case_number
          break
        }
      }
      if (to !== from) changes.status = to
      if (Object.keys(changes).length > 0) await updateCase(trx, c.id, changes)
      await insertEvent(trx, {
        visit_id: c.id,
        at: now.toISOString(),
        day,
        user_id: user.id,
        action,
        from_status: isTransition(action) ? from : null,
        to_status: isTransition(action) ? to : null,
        note,
        data: JSON.stringify(data),
      })
      await appendAudit(trx, now, {
        userId: user.id,
        action: `case.${action}`,
        entity: 'visit',
        entityId: caseNumber,
        detail: { before: { status: from }, after: { status: to }, ...data },
      })
      // The matter index follows the status: a closed case is compared for the hall's window only.
      if (to !== from) await syncMatterDoc(trx, c.id, day, hall.matter_recent_days)
      await deadlines.refreshDue(trx, caseNumber, hall)
    })
    announce(change('case', [caseNumber]))
  }
}

import type { Kysely } from 'kysely'
import { availableActions } from '../../../shared/cases/machine'
import { caseNotices } from '../../../shared/cases/notices'
import { daysLeft } from '../../../shared/deadlines'
import { maskIdNumber } from '../../../shared/id-number'
import { maskPhone } from '../../../shared/phone'
import type { CaseDetail } from '../../../shared/cases/types'
import { hallDate } from '../../../shared/time'
import { AppError } from '../../errors'
import type { Database } from '../../db/schema'
import { findCase, listEvents, otherVisitsOf } from '../../db/repositories/cases'
import { listPrintsOfVisit } from '../../db/repositories/receipt-prints'
import { repeatCounts } from '../../db/repositories/matters'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import type { CaseDeadlines, CaseRow } from './deadlines'

/** The case page's read model: the case with its clocks, timeline, prints and the steps the user may take. */
export function createCaseDetail(db: Kysely<Database>, deadlines: CaseDeadlines) {
  return async function get(ctx: CallContext, input: { caseNumber: string }): Promise<CaseDetail> {
    const { user, hall, now } = signedIn(ctx)
    const { caseNumber } = input
    const c = await findCase(db, caseNumber)
    if (c === undefined) throw new AppError('NOT_FOUND', 'e.CASE_NOT_FOUND', { caseNumber })
    const today = hallDate(now, hall.time_zone)
    const [events, prints, others, receptionist, leaders, clocks, repeats] = await Promise.all([
      listEvents(db, c.id),
      listPrintsOfVisit(db, c.id),
      otherVisitsOf(db, c.visitor_id, c.id),
      db.selectFrom('users').select(['badge_no', 'name', 'position']).where('id', '=', c.receptionist_id).executeTakeFirstOrThrow(),
      db
        .selectFrom('leader_reception_cases as lc')
        .innerJoin('leader_receptions as r', 'r.id', 'lc.reception_id')
        .select(['r.day', 'r.leader_name'])
        .where('lc.visit_id', '=', c.id)
        .execute(),
      deadlines.clocksOf(c, hall),
      repeatCounts(db, [c.id]),
    ])
    const answer = (text: string, mark: CaseRow['facts_mark'], reason: string | null) => ({ text, mark, reason: reason ?? '' })
    return {
      caseNumber: c.case_number,
      status: c.status,
      routing: c.routing,
      registeredAt: c.registered_at,
      visitor: {
        name: c.visitor_name,
        maskedIdNumber: maskIdNumber(c.id_number),
        noIdReason: c.no_id_reason,
        birthDate: c.birth_date,
        sex: c.sex,
        maskedPhone: maskPhone(c.visitor_phone),
        address: c.visitor_address,
      },
      kind: c.kind,
      headcount: c.headcount,
      representatives: JSON.parse(c.representatives) as string[],
      answers: {
        facts: answer(c.facts, c.facts_mark, c.facts_reason),
        demands: answer(c.demands, c.demands_mark, c.demands_reason),
        difficulties: answer(c.difficulties, c.difficulties_mark, c.difficulties_reason),
        history: answer(c.history, c.history_mark, c.history_reason),
        priorHandling: answer(c.prior_handling, c.prior_handling_mark, c.prior_handling_reason),
      },
      category: c.category_name,
      unit: c.unit_name,
      routingBody: c.routing_body,
      routingReason: c.routing_reason,
      routingContact: c.routing_contact,
      leaderName: c.leader_name,
      result: c.result,
      satisfaction: c.satisfaction,
      noFurtherAcceptance: c.no_further_acceptance === 1,
      extensionDays: c.extension_days,
      paused: c.clock_paused === 1,
      receptionist: { badgeNo: receptionist.badge_no, name: receptionist.name, position: receptionist.position },
      showsConfirmedAt: c.shows_confirmed_at,
      clocks: clocks.map((k) => ({ ...k, daysLeft: k.due === null || k.doneOn !== null ? null : daysLeft(today, k.due) })),
      events: events.map((e) => ({
        id: e.id,
        at: e.at,
        action: e.action,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        note: e.note,
        data: JSON.parse(e.data) as Record<string, unknown>,
        userName: e.user_name,
      })),
      prints: prints.map((p) => ({
        id: p.id,
        copyNo: p.copy_no,
        target: p.target,
        printer: p.printer,
        layout: p.layout,
        status: p.status,
        failureReason: p.failure_reason,
        requestedAt: p.requested_at,
        completedAt: p.completed_at,
        userName: p.user_name,
        document: p.document,
      })),
      otherVisits: others.map((o) => ({ caseNumber: o.case_number, registeredAt: o.registered_at, category: o.category, status: o.status })),
      linkedCaseNumber: c.linked_case_number,
      matterCaseNumber: c.matter_case_number,
      repeatVisits: repeats.get(c.id) ?? 0,
      actions: availableActions(c.status, user.role, { extended: c.extension_days !== null, paused: c.clock_paused === 1 }),
      leaderReceptions: leaders.map((l) => ({ day: l.day, leaderName: l.leader_name })),
      notices: caseNotices({
        routing: c.routing,
        handled: clocks.some((k) => k.key === 'handling'),
        unitName: c.unit_name,
        extensionDays: c.extension_days,
        result: c.result,
        actions: events.map((e) => e.action),
      }),
    }
  }
}

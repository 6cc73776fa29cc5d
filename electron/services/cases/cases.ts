import type { Kysely, Transaction } from 'kysely'
import type { CaseAction, CaseStatus } from '../../../shared/cases/machine'
import { ACTION_ROLES, OPEN_STATUSES, TRANSITIONS, availableActions, canTransition, isTransition, PAUSABLE } from '../../../shared/cases/machine'
import type { CaseClock } from '../../../shared/cases/clocks'
import { caseClocks, mainClockKey } from '../../../shared/cases/clocks'
import { caseNotices } from '../../../shared/cases/notices'
import type { DeadlineRules } from '../../../shared/deadlines'
import { daysLeft, writtenDate } from '../../../shared/deadlines'
import { maskIdNumber } from '../../../shared/id-number'
import { maskPhone } from '../../../shared/phone'
import type { CaseDetail } from '../../../shared/cases/types'
import type { CaseStep } from '../../../shared/cases/schemas'
import { hallDate } from '../../../shared/time'
import { zhText } from '../../../shared/i18n/zh-text'
import { AppError, fieldError } from '../../errors'
import type { CaseEvent, Database, Hall, NewVisit, User } from '../../db/schema'
import { findCase, firstPrintAt, insertEvent, listEvents, openCaseIds, otherVisitsOf, updateCase } from '../../db/repositories/cases'
import { listPrintsOfVisit } from '../../db/repositories/receipt-prints'
import { repeatCounts, syncMatterDoc } from '../../db/repositories/matters'
import { findActiveUnit } from '../../db/repositories/units'
import { appendAudit } from '../audit/audit'
import type { Calendar, Regime } from '../calendar/calendar'
import { rulesOf } from '../calendar/calendar'
import { change } from '../../../shared/live/changes'
import type { Announce } from '../../live/channel'
import { listHolidays } from '../../db/repositories/holidays'
import { insertRegime, pinCurrentCases, unpinCases } from '../../db/repositories/regimes'
import { maskRepresentative, parseStoredRepresentatives } from '../../../shared/intake/representatives'

type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>
/** What a case's clocks are worked out from, besides its events and prints; a new case has no row id yet. */
export type NewCaseFacts = Pick<CaseRow, 'status' | 'routing' | 'hall_day' | 'clock_start' | 'extension_days' | 'closed_day' | 'clock_paused'> & { regime_id?: number | null }
type ClockFacts = NewCaseFacts & Pick<CaseRow, 'id'>
type ClockEvent = Pick<CaseEvent, 'action' | 'day' | 'note'>
export type DueColumns = Pick<NewVisit, 'due_date' | 'clock_paused' | 'notice_due' | 'notice_day' | 'closed_day' | 'closed_due_date'>

const isoDay = (hallDay: string) => `${hallDay.slice(0, 4)}-${hallDay.slice(4, 6)}-${hallDay.slice(6, 8)}`

export function createCases(db: Kysely<Database>, calendar: Calendar, announce: Announce) {
  /** The clocks of a case with these events and this first printed receipt. */
  async function clocksFrom(c: NewCaseFacts, events: ClockEvent[], printed: string | null, hall: Hall, db2: Kysely<Database>, regime?: Regime): Promise<CaseClock[]> {
    const { rules, cal } = regime ?? (await calendar.regime(db2, c.regime_id ?? null, hall))
    return caseClocks(
      {
        status: c.status,
        routing: c.routing,
        registeredOn: isoDay(c.hall_day),
        clockStart: c.clock_start,
        extensionDays: c.extension_days,
        noticeOn: printed === null ? null : hallDate(new Date(printed), hall.time_zone),
        events: events.map((e) => ({ action: e.action, day: e.day, note: e.note })),
      },
      rules,
      cal,
    )
  }

  /** The case's clocks, from its stored events and first printed receipt. */
  async function clocksOf(c: ClockFacts, hall: Hall, db2: Kysely<Database> = db, regime?: Regime): Promise<CaseClock[]> {
    return clocksFrom(c, await listEvents(db2, c.id), await firstPrintAt(db2, c.id), hall, db2, regime)
  }

  /** The stored due dates (what 督办 sorts and counts by, and statistics read) for the case's clocks. */
  function dueColumns(c: NewCaseFacts, clocks: CaseClock[]): DueColumns {
    const key = mainClockKey(c.status)
    const clock = key === null ? undefined : clocks.find((k) => k.key === key)
    const notice = clocks.find((k) => k.key === 'notice')
    const handling = clocks.find((k) => k.key === 'handling')
    return {
      // Null only while the watched clock itself is stopped; an overdue case paused keeps its day.
      due_date: clock?.due ?? null,
      // Whether the case is paused is its own state (pause/resume steps), not the clock's.
      clock_paused: c.clock_paused,
      notice_due: notice?.due ?? null,
      notice_day: notice?.doneOn ?? null,
      // 按期办结率 compares the closing day with the handling clock as the engine computes it, the
      // same due date the case page shows (pauses counted only while the clock ran).
      ...(c.closed_day !== null && handling?.due != null ? { closed_due_date: handling.due } : {}),
      // 当场办结: closed on the day of registration, in time by definition.
      ...(c.routing === 'resolved' && c.closed_day === null ? { closed_day: isoDay(c.hall_day), closed_due_date: isoDay(c.hall_day) } : {}),
    }
  }

  /** Keeps the case's main due date (what 督办 sorts and counts by) in step with its clocks. */
  async function refreshDue(trx: Transaction<Database>, caseNumber: string, hall: Hall): Promise<void> {
    const c = await findCase(trx, caseNumber)
    if (c === undefined) return
    await updateCase(trx, c.id, dueColumns(c, await clocksOf(c, hall, trx)))
  }

  /**
   * The due dates of a case being registered, stored with its row: nothing printed yet, and
   * its only event the registration (same day, no note).
   */
  async function dueOfNewCase(trx: Transaction<Database>, c: NewCaseFacts, hall: Hall): Promise<DueColumns> {
    const events = [{ action: 'register' as const, day: isoDay(c.hall_day), note: '' }]
    return dueColumns(c, await clocksFrom(c, events, null, hall, trx))
  }

  async function get(user: User, hall: Hall, caseNumber: string, now: Date): Promise<CaseDetail> {
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
      clocksOf(c, hall),
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
      representatives: parseStoredRepresentatives(c.representatives).map(maskRepresentative),
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

  /** One step on a case: checked against the state machine and the role, recorded on the timeline and in the audit trail. */
  async function act(user: User, hall: Hall, caseNumber: string, step: CaseStep, now: Date): Promise<void> {
    const action: CaseAction = step.action
    if (!ACTION_ROLES[action].includes(user.role)) throw new AppError('FORBIDDEN')
    const day = hallDate(now, hall.time_zone)
    await db.transaction().execute(async (trx) => {
      const c = await findCase(trx, caseNumber)
      if (c === undefined) throw new AppError('NOT_FOUND', 'e.CASE_NOT_FOUND', { caseNumber })
      const from: CaseStatus = c.status
      let to: CaseStatus = from
      // Said plainly: a second extension is refused because of the rule, not the status.
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
        const due = (await clocksOf(c, hall, trx)).find((k) => k.key === watched)?.due ?? null
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
          if (c.extension_days !== null) throw new AppError('CONFLICT', 'e.EXTENDED_ONCE')
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
      await refreshDue(trx, caseNumber, hall)
    })
    announce(change('case', [caseNumber]))
  }

  /** Recomputes every open case's due date, after the calendar or the rules changed. */
  async function refreshOpen(hall: Hall, onlyMissing = false): Promise<number> {
    const numbers = await openCaseIds(db, OPEN_STATUSES, onlyMissing)
    await db.transaction().execute(async (trx) => {
      for (const n of numbers) await refreshDue(trx, n, hall)
    })
    if (numbers.length > 0) announce(change('case', numbers))
    return numbers.length
  }

  /**
   * How many open cases a change of the rules or holidays to `proposed` would move: those with a
   * due date (any clock) that differs from the one they have now.
   */
  async function impactOf(executor: Kysely<Database>, hall: Hall, proposed: Regime): Promise<{ openCases: number; moved: number }> {
    const numbers = await openCaseIds(executor, OPEN_STATUSES)
    let moved = 0
    for (const n of numbers) {
      const c = await findCase(executor, n)
      if (c === undefined) continue
      const [events, printed] = [await listEvents(executor, c.id), await firstPrintAt(executor, c.id)]
      const now = await clocksFrom(c, events, printed, hall, executor)
      const then = await clocksFrom(c, events, printed, hall, executor, proposed)
      const key = (clocks: CaseClock[]) => clocks.map((k) => `${k.key}:${k.due ?? ''}`).join(',')
      if (key(now) !== key(then)) moved++
    }
    return { openCases: numbers.length, moved }
  }

  /**
   * Before the hall's rules or holidays change (in the changing transaction): keeps the current
   * ones as a regime and pins to it every case that followed them, so that the change applies to
   * cases registered afterwards. With `moveOpen`, the open cases follow the new ones instead
   * (those pinned by an earlier change too); call refreshOpenIn after the change. Returns how many
   * open cases move (null when they stay).
   */
  async function beforeRegimeChange(trx: Transaction<Database>, hall: Hall, proposed: Regime, moveOpen: boolean, now: Date): Promise<number | null> {
    const moved = moveOpen ? (await impactOf(trx, hall, proposed)).moved : null
    const regimeId = await insertRegime(trx, rulesOf(hall), await listHolidays(trx), now.toISOString())
    await pinCurrentCases(trx, regimeId, moveOpen ? OPEN_STATUSES : [])
    if (moveOpen) await unpinCases(trx, OPEN_STATUSES)
    return moved
  }

  /** Recomputes the stored due dates of every open case inside the changing transaction. */
  async function refreshOpenIn(trx: Transaction<Database>, hall: Hall): Promise<void> {
    for (const n of await openCaseIds(trx, OPEN_STATUSES)) await refreshDue(trx, n, hall)
  }

  /** The full ID number and phone, for a role that needs them; every view is audited. */
  /** The full ID number and phone, once `record` has written the reveal to the audit trail. */
  async function revealIdentity(
    user: User,
    caseNumber: string,
    record: (trx: Kysely<Database>) => Promise<void>,
  ): Promise<{ idNumber: string | null; phone: string | null }> {
    const c = await findCase(db, caseNumber)
    if (c === undefined) throw new AppError('NOT_FOUND', 'e.CASE_NOT_FOUND', { caseNumber })
    await db.transaction().execute(record)
    return { idNumber: c.id_number, phone: c.visitor_phone }
  }

  /** At start-up: open cases without a computed due date (e.g. from before an upgrade) get one. */
  const refreshMissing = (hall: Hall) => refreshOpen(hall, true)

  /**
   * The clocks of a case by its number and the periods it runs on (the notices print both);
   * no clocks and the hall's periods when there is no such case.
   */
  async function deadlinesByNumber(caseNumber: string, hall: Hall): Promise<{ clocks: CaseClock[]; rules: DeadlineRules }> {
    const c = await findCase(db, caseNumber)
    if (c === undefined) return { clocks: [], rules: rulesOf(hall) }
    const regime = await calendar.regime(db, c.regime_id, hall)
    return { clocks: await clocksOf(c, hall, db, regime), rules: regime.rules }
  }

  return { get, act, refreshDue, dueOfNewCase, refreshOpen, refreshMissing, revealIdentity, deadlinesByNumber, impactOf, beforeRegimeChange, refreshOpenIn }
}

export type Cases = ReturnType<typeof createCases>

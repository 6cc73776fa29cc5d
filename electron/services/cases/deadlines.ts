import type { Kysely, Transaction } from 'kysely'
import { isoDayOf } from '../../../shared/days'
import { OPEN_STATUSES } from '../../../shared/cases/machine'
import type { CaseClock } from '../../../shared/cases/clocks'
import { caseClocks, mainClockKey } from '../../../shared/cases/clocks'
import type { DeadlineRules } from '../../../shared/deadlines'
import { hallDate } from '../../../shared/time'
import { change } from '../../../shared/live/changes'
import type { CaseEvent, Database, Hall, NewVisit } from '../../db/schema'
import { findCase, firstPrintAt, listEvents, openCaseIds, updateCase } from '../../db/repositories/cases'
import { listHolidays } from '../../db/repositories/holidays'
import { insertRegime, pinCurrentCases, unpinCases } from '../../db/repositories/regimes'
import type { Announce } from '../../live/channel'
import type { Calendar, Regime } from '../calendar/calendar'
import { rulesOf } from '../calendar/calendar'

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>
/** What a case's clocks are worked out from, besides its events and prints; a new case has no row id yet. */
export type NewCaseFacts = Pick<CaseRow, 'status' | 'routing' | 'hall_day' | 'clock_start' | 'extension_days' | 'closed_day' | 'clock_paused'> & { regime_id?: number | null }
type ClockFacts = NewCaseFacts & Pick<CaseRow, 'id'>
type ClockEvent = Pick<CaseEvent, 'action' | 'day' | 'note'>
export type DueColumns = Pick<NewVisit, 'due_date' | 'clock_paused' | 'notice_due' | 'notice_day' | 'closed_day' | 'closed_due_date'>


/**
 * A case's deadline clocks and the due dates stored from them (what 督办 sorts and counts by,
 * and statistics read), kept in step with its steps, its printed receipt and changes of the
 * hall's rules or holidays.
 */
export function createCaseDeadlines(db: Kysely<Database>, calendar: Calendar, announce: Announce) {
  /** The clocks of a case with these events and this first printed receipt. */
  async function clocksFrom(c: NewCaseFacts, events: ClockEvent[], printed: string | null, hall: Hall, db2: Kysely<Database>, regime?: Regime): Promise<CaseClock[]> {
    const { rules, cal } = regime ?? (await calendar.regime(db2, c.regime_id ?? null, hall))
    return caseClocks(
      {
        status: c.status,
        routing: c.routing,
        registeredOn: isoDayOf(c.hall_day),
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
      ...(c.routing === 'resolved' && c.closed_day === null ? { closed_day: isoDayOf(c.hall_day), closed_due_date: isoDayOf(c.hall_day) } : {}),
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
    const events = [{ action: 'register' as const, day: isoDayOf(c.hall_day), note: '' }]
    return dueColumns(c, await clocksFrom(c, events, null, hall, trx))
  }

  /** At start-up: open cases without a computed due date (e.g. from before an upgrade) get one. */
  async function refreshMissing(hall: Hall): Promise<number> {
    const numbers = await openCaseIds(db, OPEN_STATUSES, true)
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

  return { clocksOf, refreshDue, dueOfNewCase, refreshMissing, impactOf, beforeRegimeChange, refreshOpenIn, deadlinesByNumber }
}

export type CaseDeadlines = ReturnType<typeof createCaseDeadlines>

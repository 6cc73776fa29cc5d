import type { HolidayCalendar } from '../deadlines/calendar'
import type { DeadlineRules } from '../deadlines/rules'
import type { Pause } from '../deadlines/periods'
import { addCalendarPeriod, addWorkingPeriod, dueDate } from '../deadlines/periods'
import type { Routing } from '../domain'
import type { CaseStatus } from './machine'

/** What the clocks of a case are computed from: its facts and its timeline. */
export interface CaseClockInput {
  status: CaseStatus
  routing: Routing
  /** Hall-local days, YYYY-MM-DD. */
  registeredOn: string
  clockStart: string
  extensionDays: number | null
  /** The first day a receipt (the written notice of how the matter is handled) was printed. */
  noticeOn: string | null
  events: readonly { action: string; day: string; note: string }[]
}

export const CLOCK_KEYS = ['notice', 'handling', 'objection', 'reviewOpinion', 'recheckOpinion', 'reviewRequest', 'recheckRequest'] as const
export type ClockKey = (typeof CLOCK_KEYS)[number]

export interface CaseClock {
  key: ClockKey
  start: string
  /** Null while paused. */
  due: string | null
  paused: boolean
  /** The day the obligation was met, or null while it runs. */
  doneOn: string | null
  /** The visitor's own window (e.g. to ask for a review): shown, never counted as overdue. */
  visitorSide: boolean
  /** Handling: the end of the statutory period without the extension (what the 受理告知书 states). */
  dueBeforeExtension?: string | null
}

function dayOf(events: CaseClockInput['events'], action: string): string | null {
  return events.find((e) => e.action === action)?.day ?? null
}

/** Pause and resume events, in order, as the deadline engine's pauses. */
export function pausesOf(events: CaseClockInput['events']): Pause[] {
  const pauses: Pause[] = []
  for (const e of events) {
    if (e.action === 'pause') pauses.push({ from: e.day, to: null, reason: e.note })
    if (e.action === 'resume') {
      const open = pauses.at(-1)
      if (open !== undefined && open.to === null) open.to = e.day
    }
  }
  return pauses
}

/**
 * The pauses that can touch a clock that started on `start` and was met on `doneOn`: a pause
 * begun before the start or after the obligation was met does not touch it, and a pause still
 * open when it was met counts only up to that day.
 */
function pausesWithin(pauses: readonly Pause[], start: string, doneOn: string | null): Pause[] {
  return pauses
    .filter((p) => p.from >= start && (doneOn === null || p.from <= doneOn))
    .map((p) => (doneOn !== null && (p.to === null || p.to > doneOn) ? { ...p, to: doneOn } : p))
}

/** Every clock of a case (DESIGN §3), computed, never typed by hand. */
export function caseClocks(c: CaseClockInput, rules: DeadlineRules, cal: HolidayCalendar): CaseClock[] {
  const clocks: CaseClock[] = []
  const pauses = pausesOf(c.events)
  const closedOn = dayOf(c.events, 'close') ?? (c.routing === 'resolved' ? c.registeredOn : null)

  clocks.push({
    key: 'notice',
    start: c.registeredOn,
    due: addCalendarPeriod(c.registeredOn, rules.writtenNotice, cal),
    paused: false,
    // A printed receipt is the written notice; a case closed, transferred or refused has been answered.
    doneOn: c.noticeOn ?? closedOn ?? dayOf(c.events, 'transfer') ?? dayOf(c.events, 'reject') ?? (c.status === 'transferred' || c.status === 'rejected' ? c.registeredOn : null),
    visitorSide: false,
  })

  const handled = c.routing === 'accepted' || c.routing === 'assigned' || dayOf(c.events, 'start') !== null
  if (handled && c.status !== 'transferred' && c.status !== 'rejected') {
    const within = pausesWithin(pauses, c.clockStart, closedOn)
    const d = dueDate({ start: c.clockStart, days: rules.handling, unit: 'calendar', pauses: within, extensionDays: c.extensionDays ?? 0 }, cal)
    const base = c.extensionDays === null ? d : dueDate({ start: c.clockStart, days: rules.handling, unit: 'calendar', pauses: within, extensionDays: 0 }, cal)
    clocks.push({ key: 'handling', start: c.clockStart, due: d.due, paused: d.paused, doneOn: closedOn, visitorSide: false, dueBeforeExtension: base.due })
  }

  const assignedOn = dayOf(c.events, 'assign') ?? (c.routing === 'assigned' ? c.registeredOn : null)
  if (assignedOn !== null) {
    clocks.push({
      key: 'objection',
      start: assignedOn,
      due: addWorkingPeriod(assignedOn, rules.competenceObjection, cal),
      paused: false,
      doneOn: dayOf(c.events, 'start') ?? closedOn,
      visitorSide: false,
    })
  }

  if (closedOn !== null && c.status !== 'transferred' && c.status !== 'rejected') {
    clocks.push({
      key: 'reviewRequest',
      start: closedOn,
      due: addCalendarPeriod(closedOn, rules.reviewRequest, cal),
      paused: false,
      doneOn: dayOf(c.events, 'requestReview'),
      visitorSide: true,
    })
  }
  const reviewRequested = dayOf(c.events, 'requestReview')
  if (reviewRequested !== null) {
    const reviewedOn = dayOf(c.events, 'review')
    const d = dueDate({ start: reviewRequested, days: rules.reviewOpinion, unit: 'calendar', pauses: pausesWithin(pauses, reviewRequested, reviewedOn) }, cal)
    clocks.push({ key: 'reviewOpinion', start: reviewRequested, due: d.due, paused: d.paused, doneOn: reviewedOn, visitorSide: false })
  }
  const reviewedOn = dayOf(c.events, 'review')
  if (reviewedOn !== null) {
    clocks.push({
      key: 'recheckRequest',
      start: reviewedOn,
      due: addCalendarPeriod(reviewedOn, rules.recheckRequest, cal),
      paused: false,
      doneOn: dayOf(c.events, 'requestRecheck'),
      visitorSide: true,
    })
  }
  const recheckRequested = dayOf(c.events, 'requestRecheck')
  if (recheckRequested !== null) {
    const recheckedOn = dayOf(c.events, 'recheck')
    const d = dueDate({ start: recheckRequested, days: rules.recheckOpinion, unit: 'calendar', pauses: pausesWithin(pauses, recheckRequested, recheckedOn) }, cal)
    clocks.push({ key: 'recheckOpinion', start: recheckRequested, due: d.due, paused: d.paused, doneOn: recheckedOn, visitorSide: false })
  }
  return clocks
}

/** The clock that 督办 watches for a status, or null when the office owes nothing now. */
export function mainClockKey(status: CaseStatus): ClockKey | null {
  switch (status) {
    case 'accepted':
    case 'assigned':
    case 'in_progress':
    case 'extended':
      return 'handling'
    case 'review_requested':
      return 'reviewOpinion'
    case 'recheck_requested':
      return 'recheckOpinion'
    default:
      return null
  }
}

import { addDays, diffDays, isIsoDate, isWorkingDay, nextWorkingDay } from './calendar'
import type { HolidayCalendar } from './calendar'

/** Calendar days (日) or working days (工作日). */
export type PeriodUnit = 'calendar' | 'working'

/**
 * A stretch of time that does not count (听证 and the like). `from` is the day the clock stopped,
 * `to` the day it resumed, null while it is still stopped.
 */
export type Pause = { from: string; to: string | null; reason: string }

/** One statutory clock: its start (not counted), its length, its pauses and any approved extension. */
export type Clock = {
  start: string
  days: number
  unit: PeriodUnit
  pauses: readonly Pause[]
  /** 延期: calendar days added after the end of the original period. */
  extensionDays?: number
}

/** The due date of a clock; null while the clock is paused. */
export type DueDate = { due: string | null; paused: boolean }

/** How a running clock is shown: past due, due within DUE_SOON_DAYS, or neither. */
export type ClockStatus = 'overdue' | 'dueSoon' | 'running'

/** A clock with this many calendar days left or fewer (but not overdue) is due soon. */
export const DUE_SOON_DAYS = 3

function assertDays(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number ≥ 0, got ${n}`)
}

/**
 * The end of a period of calendar days: the start day is not counted (2026-03-01 + 15 days is
 * 2026-03-16), and a last day that is a rest day or holiday moves to the next working day.
 */
export function addCalendarPeriod(start: string, days: number, cal: HolidayCalendar): string {
  assertDays(days, 'days')
  return nextWorkingDay(addDays(start, days), cal)
}

/**
 * The end of a period of working days: the start day is not counted, then only working days
 * count (weekdays that are not holidays, and weekend days made working days by 调休).
 */
export function addWorkingPeriod(start: string, days: number, cal: HolidayCalendar): string {
  assertDays(days, 'days')
  if (days === 0) return nextWorkingDay(start, cal)
  let day = start
  for (let counted = 0; counted < days;) {
    day = addDays(day, 1)
    if (isWorkingDay(day, cal)) counted += 1
  }
  return day
}

// The end of a clock that has lost `lost` days to pauses, before any extension.
function endAfter(clock: Clock, lost: number, cal: HolidayCalendar): string {
  const days = clock.days + lost
  return clock.unit === 'calendar' ? addCalendarPeriod(clock.start, days, cal) : addWorkingPeriod(clock.start, days, cal)
}

/**
 * The due date of a clock. A pause stops only a clock still running: a pause that begins after
 * the clock's end (as moved by the pauses before it) moves nothing, and an overdue clock stays
 * overdue. A pause begun while the clock runs stops it on the days of [from, to): `from` is not
 * counted, `to` counts again; each such day after the start day pushes the end one day further
 * (every day for a calendar clock, only working days for a working-day clock; days covered by
 * two pauses count once). While such a pause is open the due date is null. The end then
 * follows the counting rules, and an extension adds its calendar days from that end, moving
 * off a rest day again.
 */
export function dueDate(clock: Clock, cal: HolidayCalendar): DueDate {
  assertDays(clock.days, 'days')
  const extension = clock.extensionDays ?? 0
  assertDays(extension, 'extensionDays')
  for (const p of clock.pauses) {
    if (!isIsoDate(p.from) || (p.to !== null && !isIsoDate(p.to))) throw new RangeError('A pause has a bad date')
    if (p.to !== null && diffDays(p.from, p.to) < 0) throw new RangeError(`A pause ends (${p.to}) before it starts (${p.from})`)
  }
  const pauses = [...clock.pauses].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
  const lost = new Set<string>()
  const withExtension = (end: string) => (extension > 0 ? addCalendarPeriod(end, extension, cal) : end)
  let end = endAfter(clock, 0, cal)
  for (const pause of pauses) {
    // The period (with any extension) had already ended when this pause began; later ones begin later still.
    if (pause.from > withExtension(end)) break
    if (pause.to === null) return { due: null, paused: true }
    for (let day = pause.from; day < pause.to; day = addDays(day, 1)) {
      // The start day is never counted, so stopping the clock on it loses nothing.
      if (diffDays(clock.start, day) <= 0) continue
      if (clock.unit === 'working' && !isWorkingDay(day, cal)) continue
      lost.add(day)
    }
    end = endAfter(clock, lost.size, cal)
  }
  return { due: withExtension(end), paused: false }
}

/** Calendar days from today to the due date: 0 = due today, negative = overdue. */
export function daysLeft(today: string, due: string): number {
  return diffDays(today, due)
}

/** Whether a clock is overdue, due within DUE_SOON_DAYS (0–3 days left), or running. */
export function clockStatus(today: string, due: string): ClockStatus {
  const left = daysLeft(today, due)
  if (left < 0) return 'overdue'
  if (left <= DUE_SOON_DAYS) return 'dueSoon'
  return 'running'
}

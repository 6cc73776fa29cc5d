import { isoDay, type IsoDay } from '../days'
// Dates here are the hall's local calendar days written 'YYYY-MM-DD'. The arithmetic runs on
// UTC midnights so that neither the machine's time zone nor daylight saving can shift a day.

const MS_PER_DAY = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A hall's calendar of exceptions to the Monday–Friday week. */
export type HolidayCalendar = {
  /** Statutory days off: the holidays themselves and the 调休 days off around them. */
  holidays: ReadonlySet<string>
  /** Weekend days made working days by 调休 (调休上班). */
  workdays: ReadonlySet<string>
}

/** One row of a holiday schedule, as an admin keeps it or as the national schedule ships. */
export type HolidayEntry = {
  date: string
  kind: 'holiday' | 'workday'
  name: string
}

function dayNumber(date: string): number | null {
  const m = ISO_DATE.exec(date)
  if (m === null) return null
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  const at = new Date(0)
  at.setUTCFullYear(year, month - 1, day)
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return null
  return at.getTime() / MS_PER_DAY
}

function toDayNumber(date: string): number {
  const n = dayNumber(date)
  if (n === null) throw new RangeError(`Not an ISO date: ${JSON.stringify(date)}`)
  return n
}

function fromDayNumber(n: number): IsoDay {
  return isoDay(new Date(n * MS_PER_DAY).toISOString().slice(0, 10))
}

/** Whether a string is a real calendar date written 'YYYY-MM-DD' (refuses 2026-02-30). */
export function isIsoDate(s: string): boolean {
  return dayNumber(s) !== null
}

/** The date n calendar days after (n < 0: before) an ISO date; throws RangeError on a bad date. */
export function addDays(date: string, n: number): IsoDay {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`)
  return fromDayNumber(toDayNumber(date) + n)
}

/** Calendar days from one ISO date to another (to − from): 2026-03-01 → 2026-03-16 is 15. */
export function diffDays(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from)
}

/** The day of the week of an ISO date, 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(toDayNumber(date) * MS_PER_DAY).getUTCDay()
}

/** Whether a day is off: a holiday, or a Saturday or Sunday not made a working day by 调休. */
export function isRestDay(date: string, cal: HolidayCalendar): boolean {
  if (cal.holidays.has(date)) return true
  const day = weekday(date)
  return (day === 0 || day === 6) && !cal.workdays.has(date)
}

/** Whether a day is a working day: the opposite of isRestDay. */
export function isWorkingDay(date: string, cal: HolidayCalendar): boolean {
  return !isRestDay(date, cal)
}

/** The first working day on or after an ISO date (the date itself when it is a working day). */
export function nextWorkingDay(date: string, cal: HolidayCalendar): string {
  let day = date
  // Terminates: the holiday set is finite, so an ordinary weekday always comes.
  while (isRestDay(day, cal)) day = addDays(day, 1)
  return day
}

/** Builds a calendar from schedule rows; throws RangeError on a bad date or a day listed as both kinds. */
export function makeCalendar(entries: readonly HolidayEntry[]): HolidayCalendar {
  const holidays = new Set<string>()
  const workdays = new Set<string>()
  for (const entry of entries) {
    if (!isIsoDate(entry.date)) throw new RangeError(`Not an ISO date: ${JSON.stringify(entry.date)}`)
    if (entry.kind === 'holiday') holidays.add(entry.date)
    else workdays.add(entry.date)
  }
  for (const date of holidays) {
    if (workdays.has(date)) throw new RangeError(`${date} is listed both as a holiday and as a working day`)
  }
  return { holidays, workdays }
}

/** A day written out as in a legal document: 2026-12-07 → 2026年12月7日. */
export function writtenDate(date: string): string {
  const m = ISO_DATE.exec(date)
  if (m === null || !isIsoDate(date)) throw new RangeError(`Not an ISO date: ${JSON.stringify(date)}`)
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
}

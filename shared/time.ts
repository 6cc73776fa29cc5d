import type { IsoDay } from './days'
import { isoDay } from './days'
import { dateTimeFormat } from './intl'

/** The hall's local clock time of an instant, e.g. 14:05, for messages such as a lock's end. */
export function hallClockTime(at: Date, timeZone: string): string {
  return dateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at)
}

/** The hall-local calendar day of an instant, as YYYY-MM-DD (the deadline engine's days). */
export function hallDate(at: Date, timeZone: string): IsoDay {
  return isoDay(dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at))
}

/** What the hall's wall clock shows: the one place the time-zone arithmetic reads a clock. */
export interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

/** The hall's wall clock at an instant. */
export function wallClock(at: Date, timeZone: string): WallClock {
  const parts = dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at)
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') }
}

const asUtc = (w: WallClock) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)

/** How far the hall's wall clock is ahead of UTC at an instant, in milliseconds. */
function zoneOffsetMs(at: number, timeZone: string): number {
  return asUtc(wallClock(new Date(at), timeZone)) - (at - (((at % 1000) + 1000) % 1000))
}

/** The instant the hall's wall clock shows `wall` (the later one where summer time repeats an hour). */
export function instantOfWallClock(wall: WallClock, timeZone: string): Date {
  const utc = asUtc(wall)
  // Twice: the offset at the first guess may differ from the one at the answer (summer time).
  const first = utc - zoneOffsetMs(utc, timeZone)
  return new Date(utc - zoneOffsetMs(first, timeZone))
}

/** The instant a hall-local day (YYYY-MM-DD) begins: 2026-11-22 in Asia/Shanghai is 2026-11-21T16:00Z. */
export function hallDayStart(day: string, timeZone: string): Date {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number)
  const midnightUtc = Date.UTC(y, m - 1, d)
  // Twice: the offset at the first guess may differ from the one at the answer (summer time).
  const first = midnightUtc - zoneOffsetMs(midnightUtc, timeZone)
  const second = midnightUtc - zoneOffsetMs(first, timeZone)
  // Where summer time starts at midnight, 00:00 never happens: the day begins at the jump.
  const start = [first, second].sort((a, b) => a - b).find((at) => hallDate(new Date(at), timeZone) === day)
  return new Date(start ?? second)
}

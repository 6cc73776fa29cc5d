import { addDays, weekday } from '../deadlines/calendar'
import { isoDay } from '../days'
import type { IsoDay } from '../days'

export interface Period {
  from: IsoDay
  to: IsoDay
}

/**
 * The statistical month containing `today`, for halls that count from day `startDay` (e.g. the
 * 21st to the 20th). Today is always inside it.
 */
export function statsMonth(today: string, startDay: number): Period {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number]
  if (startDay <= 1) {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
    return { from: isoDay(`${today.slice(0, 8)}01`), to: isoDay(`${today.slice(0, 8)}${String(last).padStart(2, '0')}`) }
  }
  const startMonth = d >= startDay ? m : m - 1
  const from = new Date(Date.UTC(y, startMonth - 1, startDay))
  const to = new Date(Date.UTC(y, startMonth, startDay - 1))
  return { from: isoDay(from.toISOString().slice(0, 10)), to: isoDay(to.toISOString().slice(0, 10)) }
}

/** Monday to Sunday of the week before `today` (周一研判 looks back on it). */
export function previousWeek(today: string): Period {
  const offset = (weekday(today) + 6) % 7 // days since Monday
  const thisMonday = addDays(today, -offset)
  return { from: addDays(thisMonday, -7), to: addDays(thisMonday, -1) }
}

/** Every day of a period, in order. */
export function daysOf(p: Period): IsoDay[] {
  const days: IsoDay[] = []
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) days.push(d)
  return days
}

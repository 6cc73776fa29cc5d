import type { HolidayCalendar } from '../../shared/deadlines'
import { addDays, isRestDay } from '../../shared/deadlines'
import type { Random } from './random'

export interface DayPlan {
  /** Hall-local day, YYYY-MM-DD. */
  day: string
  count: number
}

export interface Schedule {
  days: DayPlan[]
  todayCount: number
  lastYear: { from: string; to: string; visits: number }
}

const MAX_PER_DAY = 9999

/** Splits `total` over the days by weight, largest remainders first, so the counts add up exactly. */
function apportion(days: string[], weight: (day: string) => number, total: number): DayPlan[] {
  const weights = days.map(weight)
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((w) => (total * w) / sum)
  const plans = days.map((day, i) => ({ day, count: Math.floor(exact[i] ?? 0) }))
  let left = total - plans.reduce((a, p) => a + p.count, 0)
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0])
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const plan = plans[order[k]?.[1] ?? 0]
    if (plan !== undefined) plan.count += 1
  }
  return plans
}

/**
 * The hall's days: `todayCount` visits today, a year (today included) of up to 100,000 visits,
 * and the rest over the three years before. Weekends and holidays see a sixth of a weekday.
 */
export function planDays(visits: number, today: string, cal: HolidayCalendar): Schedule {
  const todayCount = Math.min(2000, Math.floor(visits / 10))
  const yearVisits = Math.max(todayCount, Math.min(100_000, Math.floor(visits / 2)))
  const yearFrom = addDays(today, -364)
  const earlierFrom = addDays(yearFrom, -3 * 365)
  const span = (from: string, n: number) => Array.from({ length: n }, (_, i) => addDays(from, i))
  const weight = (day: string) => (isRestDay(day, cal) ? 0.15 : 1)
  const days = [
    ...apportion(span(earlierFrom, 3 * 365), weight, visits - yearVisits),
    ...apportion(span(yearFrom, 364), weight, yearVisits - todayCount),
    { day: today, count: todayCount },
  ]
  const busiest = Math.max(...days.map((d) => d.count))
  if (busiest > MAX_PER_DAY)
    throw new Error(`${busiest} visits on one day exceed the ${MAX_PER_DAY} case numbers of a day`)
  return { days, todayCount, lastYear: { from: yearFrom, to: today, visits: yearVisits } }
}

export interface VisitorPlan {
  /** For each visit, in time order, the visitor it belongs to (0-based). */
  slots: Int32Array
  visitors: number
  /** Visitors 0 … singles − 1 come once; the others (repeat visitors) come at least twice. */
  singles: number
}

/**
 * About 30% as many visitors as visits, a fifth of them repeat visitors who share the rest of
 * the visits in a long-tailed way (a few come hundreds of times), in random order over time.
 */
export function planVisitors(visits: number, random: Random): VisitorPlan {
  let visitors = Math.max(1, Math.round(visits * 0.3))
  let singles = Math.round(visitors * 0.8)
  let repeaters = visitors - singles
  if (singles + 2 * repeaters > visits) {
    repeaters = Math.floor((visits - singles) / 2)
    visitors = singles + repeaters
  }
  if (repeaters === 0) {
    singles = visits
    visitors = visits
  }
  const weights = Array.from({ length: repeaters }, () => Math.exp(1.2 * random.gaussian()))
  const sum = weights.reduce((a, b) => a + b, 0)
  const extraTotal = visits - singles - 2 * repeaters
  const counts = weights.map((w) => 2 + Math.min(400, Math.floor((extraTotal * w) / sum)))
  let left = visits - singles - counts.reduce((a, b) => a + b, 0)
  for (let i = 0; left > 0; i = (i + 1) % repeaters, left--) counts[i] = (counts[i] ?? 0) + 1
  const slots = new Int32Array(visits)
  let k = 0
  for (let v = 0; v < singles; v++) slots[k++] = v
  counts.forEach((n, r) => {
    for (let j = 0; j < n; j++) slots[k++] = singles + r
  })
  random.shuffle(slots)
  return { slots, visitors, singles }
}

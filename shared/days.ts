import { z } from 'zod'
import { isIsoDate } from './deadlines/calendar'

/**
 * The two ways the desk writes a hall day, each its own type, so that passing one where the
 * other belongs is a compile error:
 * - `IsoDay`, 2026-12-02: the deadline engine, the pages, every day on the wire;
 * - `HallDay`, 20261202: the `hall_day` columns, the case number's middle part and the day counters.
 * One converter each way; `hallDate` (shared/time.ts) reads the hall's wall clock as an IsoDay.
 */
export const isoDaySchema = z.string('v.date').refine(isIsoDate, 'v.date').brand<'IsoDay'>()
export type IsoDay = z.output<typeof isoDaySchema>

export const hallDaySchema = z.string().regex(/^\d{8}$/).brand<'HallDay'>()
export type HallDay = z.output<typeof hallDaySchema>

/** A day known to be written YYYY-MM-DD (a computed one, or one already checked): no check is made. */
export const isoDay = (day: string): IsoDay => day as IsoDay

/** 2026-12-02 → 20261202. */
export function hallDayOf(day: IsoDay): HallDay {
  return day.replaceAll('-', '') as HallDay
}

/** 20261202 → 2026-12-02. */
export function isoDayOf(day: HallDay): IsoDay {
  return `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}` as IsoDay
}

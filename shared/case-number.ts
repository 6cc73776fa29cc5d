import type { HallDay } from './days'
import { hallDayOf } from './days'
import { hallDate } from './time'

/** A hall code: 2 to 6 capital letters, the prefix of every case number. */
export const HALL_CODE_PATTERN = /^[A-Z]{2,6}$/

const CASE_NUMBER = /^([A-Z]{2,6})-(\d{8})-(\d{4})$/

/** The hall's local day (YYYYMMDD) of an instant, in the hall's time zone. */
export function hallDay(at: Date, timeZone: string): HallDay {
  return hallDayOf(hallDate(at, timeZone))
}

/** Formats a case number: WH-20261122-0007. */
export function formatCaseNumber(hallCode: string, day: string, seq: number): string {
  if (!HALL_CODE_PATTERN.test(hallCode)) throw new Error(`Bad hall code: ${hallCode}`)
  if (!/^\d{8}$/.test(day)) throw new Error(`Bad day: ${day}`)
  if (!Number.isInteger(seq) || seq < 1 || seq > 9999) throw new Error(`Bad sequence: ${seq}`)
  return `${hallCode}-${day}-${String(seq).padStart(4, '0')}`
}

/** Splits a case number into its parts, or null when it is not one. */
export function parseCaseNumber(
  value: string,
): { hallCode: string; day: string; seq: number } | null {
  const m = CASE_NUMBER.exec(value)
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) return null
  const seq = Number(m[3])
  if (seq < 1) return null
  return { hallCode: m[1], day: m[2], seq }
}

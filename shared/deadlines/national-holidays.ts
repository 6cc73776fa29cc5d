import { addDays, diffDays, makeCalendar } from './calendar'
import type { HolidayCalendar, HolidayEntry } from './calendar'

function daysOff(from: string, to: string, name: string): HolidayEntry[] {
  return Array.from({ length: diffDays(from, to) + 1 }, (_, i) => ({
    date: addDays(from, i),
    kind: 'holiday' as const,
    name,
  }))
}

function workday(date: string, name: string): HolidayEntry {
  return { date, kind: 'workday', name }
}

// 国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）.
const Y2026: readonly HolidayEntry[] = [
  ...daysOff('2026-01-01', '2026-01-03', '元旦'),
  workday('2026-01-04', '元旦'),
  workday('2026-02-14', '春节'),
  ...daysOff('2026-02-15', '2026-02-23', '春节'),
  workday('2026-02-28', '春节'),
  ...daysOff('2026-04-04', '2026-04-06', '清明节'),
  ...daysOff('2026-05-01', '2026-05-05', '劳动节'),
  workday('2026-05-09', '劳动节'),
  ...daysOff('2026-06-19', '2026-06-21', '端午节'),
  workday('2026-09-20', '国庆节'),
  ...daysOff('2026-09-25', '2026-09-27', '中秋节'),
  ...daysOff('2026-10-01', '2026-10-07', '国庆节'),
  workday('2026-10-10', '国庆节'),
]

// An estimate, not an official schedule. Lunar dates: 除夕 Fri 5 Feb (春节 Sat 6 Feb; the new
// moon falls minutes before Beijing midnight, and ICU's Chinese calendar puts 初一 on 7 Feb),
// 端午 Wed 9 Jun, 中秋 Wed 15 Sep; 清明 Mon 5 Apr. The pattern is that of the 2025 rules
// (春节 8 days from 除夕, 劳动节 5 days, 国庆节 7 days; a Wednesday holiday stands alone) and of
// 2021, whose 国庆节 fell on the same weekdays (1 Oct a Friday; 26 Sep and 9 Oct worked).
const Y2027: readonly HolidayEntry[] = [
  ...daysOff('2027-01-01', '2027-01-03', '元旦'),
  workday('2027-01-31', '春节'),
  ...daysOff('2027-02-05', '2027-02-12', '春节'),
  workday('2027-02-20', '春节'),
  ...daysOff('2027-04-03', '2027-04-05', '清明节'),
  ...daysOff('2027-05-01', '2027-05-05', '劳动节'),
  workday('2027-05-08', '劳动节'),
  ...daysOff('2027-06-09', '2027-06-09', '端午节'),
  ...daysOff('2027-09-15', '2027-09-15', '中秋节'),
  workday('2027-09-26', '国庆节'),
  ...daysOff('2027-10-01', '2027-10-07', '国庆节'),
  workday('2027-10-09', '国庆节'),
]

/** The national holiday schedule shipped as each hall's default: days off and 调休 working days. */
export const NATIONAL_HOLIDAYS: readonly HolidayEntry[] = [...Y2026, ...Y2027]

/**
 * Years of NATIONAL_HOLIDAYS that are estimates, not the State Council's published notice: an
 * admin must check them against the official notice (国务院办公厅关于…年部分节假日安排的通知).
 */
export const ESTIMATED_YEARS: readonly number[] = [2027]

/** The national schedule as a HolidayCalendar. */
export function nationalCalendar(): HolidayCalendar {
  return makeCalendar(NATIONAL_HOLIDAYS)
}

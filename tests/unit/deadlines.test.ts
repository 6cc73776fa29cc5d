import { describe, expect, it } from 'vitest'
import {
  DEADLINE_UNITS,
  DEFAULT_DEADLINE_RULES,
  ESTIMATED_YEARS,
  NATIONAL_HOLIDAYS,
  addCalendarPeriod,
  addDays,
  addWorkingPeriod,
  clockStatus,
  daysLeft,
  deadlineRulesSchema,
  diffDays,
  dueDate,
  isIsoDate,
  isRestDay,
  isWorkingDay,
  makeCalendar,
  nationalCalendar,
  nextWorkingDay,
  weekday,
} from '../../shared/deadlines'
import type { Clock, HolidayCalendar } from '../../shared/deadlines'

const cal = nationalCalendar()
const noHolidays: HolidayCalendar = makeCalendar([])

describe('calendar helpers', () => {
  it.each([
    ['2026-02-28', true, 'an ordinary date'],
    ['2026-02-30', false, 'February never has a 30th'],
    ['2026-04-31', false, 'April has 30 days'],
    ['2028-02-29', true, '2028 is a leap year'],
    ['2027-02-29', false, '2027 is not a leap year'],
    ['2100-02-29', false, '2100 is a century not divisible by 400'],
    ['2000-02-29', true, '2000 is divisible by 400'],
    ['2026-13-01', false, 'there is no 13th month'],
    ['2026-00-10', false, 'there is no month 0'],
    ['2026-2-3', false, 'month and day need two digits'],
    ['2026-02-28T00:00:00Z', false, 'a timestamp is not a date'],
    ['', false, 'empty'],
  ])('isIsoDate(%j) is %s: %s', (s, valid) => {
    expect(isIsoDate(s)).toBe(valid)
  })

  it.each([
    ['2026-10-01', 4, 'National Day 2026 is a Thursday'],
    ['2026-02-15', 0, 'the first day of the 2026 Spring Festival break is a Sunday'],
    ['2026-02-28', 6, 'the adjusted working day is a Saturday'],
    ['2028-02-29', 2, 'leap day 2028 is a Tuesday'],
    ['1970-01-01', 4, 'the Unix epoch was a Thursday'],
  ])('weekday(%s) is %i: %s', (date, day) => {
    expect(weekday(date)).toBe(day)
  })

  it('adds days across a year end, back across a month end and back over a leap day', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
  })

  it('counts 365 days in 2026, 366 in 2028, and negative spans backwards', () => {
    expect(diffDays('2026-01-01', '2027-01-01')).toBe(365)
    expect(diffDays('2028-01-01', '2029-01-01')).toBe(366)
    expect(diffDays('2026-03-16', '2026-03-01')).toBe(-15)
  })

  it('refuses impossible dates and fractional days', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError)
    expect(() => addDays('2026-03-01', 1.5)).toThrow(RangeError)
    expect(() => diffDays('2026-03-01', '26-03-02')).toThrow(RangeError)
  })

  it('makeCalendar reads holidays and adjusted working days', () => {
    const own = makeCalendar([
      { date: '2026-03-04', kind: 'holiday', name: '本地节日' },
      { date: '2026-03-07', kind: 'workday', name: '调休' },
    ])
    expect([...own.holidays]).toEqual(['2026-03-04'])
    expect([...own.workdays]).toEqual(['2026-03-07'])
    expect(isRestDay('2026-03-04', own)).toBe(true) // a Wednesday made a holiday
    expect(isWorkingDay('2026-03-07', own)).toBe(true) // a Saturday made a working day
    expect(isRestDay('2026-03-08', own)).toBe(true) // an ordinary Sunday
    expect(isWorkingDay('2026-03-05', own)).toBe(true) // an ordinary Thursday
  })

  it('makeCalendar refuses a bad date and a day listed as both kinds', () => {
    expect(() => makeCalendar([{ date: '2026-02-30', kind: 'holiday', name: 'x' }])).toThrow(RangeError)
    expect(() =>
      makeCalendar([
        { date: '2026-03-07', kind: 'holiday', name: 'x' },
        { date: '2026-03-07', kind: 'workday', name: 'x' },
      ]),
    ).toThrow(RangeError)
  })

  it.each([
    ['2026-03-04', '2026-03-04', 'an ordinary Wednesday is itself a working day'],
    ['2026-03-07', '2026-03-09', 'Saturday moves to Monday'],
    ['2026-10-01', '2026-10-08', 'National Day moves past the 1–7 October break'],
    ['2026-02-14', '2026-02-14', 'the adjusted working Saturday before Spring Festival stays'],
    ['2026-01-01', '2026-01-04', "New Year's Day moves to the adjusted working Sunday 4 January"],
  ])('nextWorkingDay(%s) is %s: %s', (date, expected) => {
    expect(nextWorkingDay(date, cal)).toBe(expected)
  })
})

describe('addCalendarPeriod: the start day is not counted; a last rest day moves to the next working day', () => {
  it.each([
    ['2026-03-01', 15, '2026-03-16', 'start not counted; Monday 16 March is a working day'],
    ['2026-01-31', 30, '2026-03-02', 'month end: 28 days of February, then 2 March, a Monday'],
    ['2026-08-31', 30, '2026-09-30', 'month end: September has 30 days; Wednesday 30 September'],
    ['2028-02-14', 15, '2028-02-29', 'leap year: 15 days land on leap day, a Tuesday'],
    ['2028-02-20', 15, '2028-03-06', 'leap year: 9 days to 29 February, 6 more to Monday 6 March'],
    ['2027-02-15', 15, '2027-03-02', 'common year: 13 days to 28 February, 2 more to Tuesday 2 March'],
    ['2026-09-20', 15, '2026-10-08', 'ends 5 October inside the National Day break → Thursday 8 October'],
    [
      '2026-02-05',
      15,
      '2026-02-24',
      'ends 20 February inside the Spring Festival break → Tuesday 24 February',
    ],
    ['2026-02-08', 15, '2026-02-24', 'ends 23 February, the last day of the Spring Festival break'],
    ['2026-03-07', 15, '2026-03-23', 'ends on Sunday 22 March → Monday'],
    ['2026-03-06', 15, '2026-03-23', 'ends on Saturday 21 March → Monday'],
    ['2026-02-13', 15, '2026-02-28', 'ends on Saturday 28 February, an adjusted working day: stays'],
    ['2025-12-20', 15, '2026-01-04', 'ends on Sunday 4 January, an adjusted working day: stays'],
    ['2025-12-17', 15, '2026-01-04', "ends on New Year's Day → the adjusted working Sunday 4 January"],
    ['2026-03-21', 15, '2026-04-07', 'ends 5 April inside Qingming (4–6 April) → Tuesday 7 April'],
    ['2026-04-16', 15, '2026-05-06', 'ends 1 May inside Labour Day (1–5 May) → Wednesday 6 May'],
    ['2026-06-04', 15, '2026-06-22', 'ends 19 June, Dragon Boat (19–21 June) → Monday 22 June'],
    ['2026-09-10', 15, '2026-09-28', 'ends 25 September, Mid-Autumn (25–27 September) → Monday 28'],
    ['2026-09-05', 15, '2026-09-20', 'ends on Sunday 20 September, an adjusted working day: stays'],
    ['2026-09-25', 15, '2026-10-10', 'ends on Saturday 10 October, an adjusted working day: stays'],
    ['2026-03-02', 60, '2026-05-06', 'handling: 60 days end on 1 May (Labour Day) → Wednesday 6 May'],
    ['2026-01-10', 60, '2026-03-11', 'handling: 21 + 28 + 11 days → Wednesday 11 March'],
    ['2025-12-20', 60, '2026-02-24', 'handling: ends 18 February inside Spring Festival → 24 February'],
  ])('%s + %i days → %s: %s', (start, days, expected) => {
    expect(addCalendarPeriod(start, days, cal)).toBe(expected)
  })

  it('without the holiday calendar, 5 October 2026 (a Monday) would stand', () => {
    expect(addCalendarPeriod('2026-09-20', 15, noHolidays)).toBe('2026-10-05')
  })

  it('refuses a negative or fractional number of days', () => {
    expect(() => addCalendarPeriod('2026-03-01', -1, cal)).toThrow(RangeError)
    expect(() => addCalendarPeriod('2026-03-01', 2.5, cal)).toThrow(RangeError)
  })
})

describe('addWorkingPeriod: the start day is not counted; only working days count', () => {
  it.each([
    [
      '2026-09-29',
      5,
      '2026-10-12',
      'Sep 30; Oct 1–7 off; Oct 8, 9, 10 (adjusted Saturday); Sunday off; Oct 12',
    ],
    ['2026-02-12', 5, '2026-02-26', 'Feb 13, Feb 14 (adjusted Saturday); Feb 15–23 off; Feb 24, 25, 26'],
    ['2026-03-06', 5, '2026-03-13', 'from a Friday: the weekend is skipped, Monday 9 to Friday 13'],
    ['2026-03-07', 5, '2026-03-13', 'from a Saturday: Monday 9 to Friday 13'],
    ['2026-04-30', 5, '2026-05-11', 'May 1–5 off; May 6, 7, 8, 9 (adjusted Saturday); Sunday off; May 11'],
    ['2025-12-31', 1, '2026-01-04', 'Jan 1–3 off; Sunday 4 January is an adjusted working day'],
  ])('%s + %i working days → %s: %s', (start, days, expected) => {
    expect(addWorkingPeriod(start, days, cal)).toBe(expected)
  })
})

describe('dueDate: pauses and extensions', () => {
  const fifteen: Clock = { start: '2026-03-02', days: 15, unit: 'calendar', pauses: [] }
  const hearing = (from: string, to: string | null) => ({ from, to, reason: '听证' })

  it('without pauses, 2 March + 15 days → Tuesday 17 March', () => {
    expect(dueDate(fifteen, cal)).toEqual({ due: '2026-03-17', paused: false })
  })

  it('a pause from 5 to 8 March loses 5, 6, 7 March (3 days) → Friday 20 March', () => {
    const clock = { ...fifteen, pauses: [hearing('2026-03-05', '2026-03-08')] }
    expect(dueDate(clock, cal)).toEqual({ due: '2026-03-20', paused: false })
  })

  it('a pause stopped and resumed on the same day loses nothing → 17 March', () => {
    const clock = { ...fifteen, pauses: [hearing('2026-03-05', '2026-03-05')] }
    expect(dueDate(clock, cal)).toEqual({ due: '2026-03-17', paused: false })
  })

  it('a pause still open has no due date', () => {
    const clock = { ...fifteen, pauses: [hearing('2026-03-05', '2026-03-08'), hearing('2026-03-10', null)] }
    expect(dueDate(clock, cal)).toEqual({ due: null, paused: true })
  })

  it('a pause from the start day loses only 3 March, the start day being uncounted → 18 March', () => {
    const clock = { ...fifteen, pauses: [hearing('2026-03-02', '2026-03-04')] }
    expect(dueDate(clock, cal)).toEqual({ due: '2026-03-18', paused: false })
  })

  it('overlapping pauses count each day once: 5–9 March (5 days) → Sunday 22 → Monday 23 March', () => {
    const clock = {
      ...fifteen,
      pauses: [hearing('2026-03-05', '2026-03-08'), hearing('2026-03-07', '2026-03-10')],
    }
    expect(dueDate(clock, cal)).toEqual({ due: '2026-03-23', paused: false })
  })

  it('a working-day clock loses only working days: a pause Sat 7 – Tue 10 March loses Monday 9 → 16 March', () => {
    const clock: Clock = {
      start: '2026-03-06',
      days: 5,
      unit: 'working',
      pauses: [hearing('2026-03-07', '2026-03-10')],
    }
    expect(dueDate(clock, cal)).toEqual({ due: '2026-03-16', paused: false })
  })

  it('a working-day clock paused over a weekend only loses nothing → Friday 13 March', () => {
    const clock: Clock = {
      start: '2026-03-06',
      days: 5,
      unit: 'working',
      pauses: [hearing('2026-03-07', '2026-03-09')],
    }
    expect(dueDate(clock, cal)).toEqual({ due: '2026-03-13', paused: false })
  })

  it('a working-day clock paused 30 Sep – 9 Oct 2026 loses Sep 30 and Oct 8 (2 days) → 14 October', () => {
    const clock: Clock = {
      start: '2026-09-29',
      days: 5,
      unit: 'working',
      pauses: [hearing('2026-09-30', '2026-10-09')],
    }
    expect(dueDate(clock, cal)).toEqual({ due: '2026-10-14', paused: false })
  })

  it('a 30-day extension counts from the end of the period as moved off Labour Day (6 May) → Friday 5 June', () => {
    const clock: Clock = { start: '2026-03-02', days: 60, unit: 'calendar', pauses: [], extensionDays: 30 }
    expect(dueDate(clock, cal)).toEqual({ due: '2026-06-05', paused: false })
  })

  it('an extension ending on National Day moves again: 3 Jul + 60 → 1 Sep, + 30 → 1 Oct → 8 October', () => {
    const clock: Clock = { start: '2026-07-03', days: 60, unit: 'calendar', pauses: [], extensionDays: 30 }
    expect(dueDate(clock, cal)).toEqual({ due: '2026-10-08', paused: false })
  })

  it('a 10-day pause and an extension: 2 Mar + 70 → Monday 11 May, + 30 → Wednesday 10 June', () => {
    const clock: Clock = {
      start: '2026-03-02',
      days: 60,
      unit: 'calendar',
      pauses: [hearing('2026-03-05', '2026-03-15')],
      extensionDays: 30,
    }
    expect(dueDate(clock, cal)).toEqual({ due: '2026-06-10', paused: false })
  })

  it('refuses a pause that resumes before it stopped, and a negative extension', () => {
    expect(() => dueDate({ ...fifteen, pauses: [hearing('2026-03-08', '2026-03-05')] }, cal)).toThrow(
      RangeError,
    )
    expect(() => dueDate({ ...fifteen, extensionDays: -1 }, cal)).toThrow(RangeError)
  })
})

describe('daysLeft and clockStatus, due Tuesday 17 March 2026', () => {
  it.each([
    ['2026-03-13', 4, 'running', 'four days before: not yet due soon'],
    ['2026-03-14', 3, 'dueSoon', 'three days before: due soon'],
    ['2026-03-17', 0, 'dueSoon', 'the due day itself: still in time'],
    ['2026-03-18', -1, 'overdue', 'the day after: overdue'],
  ])('on %s, %i days left, %s: %s', (today, left, status) => {
    expect(daysLeft(today, '2026-03-17')).toBe(left)
    expect(clockStatus(today, '2026-03-17')).toBe(status)
  })

  it('counts calendar days across a month end: 27 February → 2 March is 3 days', () => {
    expect(daysLeft('2026-02-27', '2026-03-02')).toBe(3)
  })
})

describe('deadline rules', () => {
  it('defaults to the periods of the 2022 regulation', () => {
    expect(DEFAULT_DEADLINE_RULES).toEqual({
      transferOrAssign: 15,
      writtenNotice: 15,
      competenceObjection: 5,
      handling: 60,
      extensionMax: 30,
      reviewRequest: 30,
      reviewOpinion: 30,
      recheckRequest: 30,
      recheckOpinion: 30,
    })
    expect(DEADLINE_UNITS.competenceObjection).toBe('working')
    expect(DEADLINE_UNITS.handling).toBe('calendar')
  })

  it('accepts the defaults and the bounds', () => {
    expect(deadlineRulesSchema.parse(DEFAULT_DEADLINE_RULES)).toEqual(DEFAULT_DEADLINE_RULES)
    expect(
      deadlineRulesSchema.safeParse({ ...DEFAULT_DEADLINE_RULES, handling: 365, extensionMax: 30 }).success,
    ).toBe(true)
    expect(
      deadlineRulesSchema.safeParse({ ...DEFAULT_DEADLINE_RULES, handling: 1, extensionMax: 1 }).success,
    ).toBe(true)
  })

  it.each([
    ['handling', 0, 'v.deadlines.days'],
    ['handling', 366, 'v.deadlines.days'],
    ['writtenNotice', 1.5, 'v.deadlines.days'],
    ['transferOrAssign', '15', 'v.deadlines.days'],
    // 信访工作条例: an extension may not exceed 30 days, and no hall setting raises that cap.
    ['extensionMax', 31, 'v.deadlines.extensionCap'],
    ['extensionMax', 90, 'v.deadlines.extensionCap'],
    ['extensionMax', 0, 'v.deadlines.extensionDays'],
  ])('refuses %s = %j with %s', (key, value, message) => {
    const result = deadlineRulesSchema.safeParse({ ...DEFAULT_DEADLINE_RULES, [key]: value })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.message)).toEqual([message])
  })

  it('refuses an unknown period', () => {
    expect(deadlineRulesSchema.safeParse({ ...DEFAULT_DEADLINE_RULES, lunch: 1 }).success).toBe(false)
  })
})

describe('the national holiday schedule', () => {
  it('has only real ISO dates with Chinese names', () => {
    for (const row of NATIONAL_HOLIDAYS) {
      expect(isIsoDate(row.date), row.date).toBe(true)
      expect(row.name).toMatch(/^\p{Script=Han}+$/u)
    }
  })

  it('never lists a date as both a holiday and a working day, nor twice', () => {
    const holidays = NATIONAL_HOLIDAYS.filter((r) => r.kind === 'holiday').map((r) => r.date)
    const workdays = new Set(NATIONAL_HOLIDAYS.filter((r) => r.kind === 'workday').map((r) => r.date))
    expect(holidays.filter((d) => workdays.has(d))).toEqual([])
    expect(new Set(NATIONAL_HOLIDAYS.map((r) => r.date)).size).toBe(NATIONAL_HOLIDAYS.length)
    expect(() => nationalCalendar()).not.toThrow()
  })

  it('makes only weekend days into working days', () => {
    for (const row of NATIONAL_HOLIDAYS.filter((r) => r.kind === 'workday')) {
      expect([0, 6], row.date).toContain(weekday(row.date))
    }
  })

  it('follows the 2026 notice: 33 days off and six adjusted working days', () => {
    const in2026 = NATIONAL_HOLIDAYS.filter((r) => r.date.startsWith('2026-'))
    expect(in2026.filter((r) => r.kind === 'holiday')).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7)
    expect(in2026.filter((r) => r.kind === 'workday').map((r) => r.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ])
  })

  it('covers 2026 and 2027, and flags 2027 as an estimate', () => {
    const years = new Set(NATIONAL_HOLIDAYS.map((r) => Number(r.date.slice(0, 4))))
    expect([...years]).toEqual([2026, 2027])
    expect(ESTIMATED_YEARS).toEqual([2027])
  })
})

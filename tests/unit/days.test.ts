import { describe, expect, expectTypeOf, it } from 'vitest'
import type { HallDay, IsoDay } from '../../shared/days'
import { hallDayOf, hallDaySchema, isoDayOf, isoDaySchema } from '../../shared/days'
import { hallDay } from '../../shared/case-number'
import { hallDate } from '../../shared/time'

describe('the two ways a hall day is written', () => {
  it('converts each way: 2026-12-02 is the hall day 20261202 of WH-20261202-0001, and back', () => {
    const iso = isoDaySchema.parse('2026-12-02')
    expect(hallDayOf(iso)).toBe('20261202')
    expect(isoDayOf(hallDaySchema.parse('20261202'))).toBe('2026-12-02')
    expect(isoDayOf(hallDayOf(isoDaySchema.parse('2027-01-31')))).toBe('2027-01-31')
  })

  it('refuses a day that is not on the calendar, and a hall day that is not eight digits', () => {
    expect(isoDaySchema.safeParse('2026-02-30').success).toBe(false)
    expect(isoDaySchema.safeParse('20261202').success).toBe(false)
    expect(hallDaySchema.safeParse('2026-12-02').success).toBe(false)
  })

  it('reads the wall clock once: the case number day is the hall date written without dashes', () => {
    // 2026-12-02T16:30Z is already 3 December in Shanghai (UTC+8), still 2 December in UTC.
    const at = new Date('2026-12-02T16:30:00Z')
    expect(hallDate(at, 'Asia/Shanghai')).toBe('2026-12-03')
    expect(hallDay(at, 'Asia/Shanghai')).toBe('20261203')
    expect(hallDay(at, 'UTC')).toBe('20261202')
  })

  it('does not let one be passed where the other belongs (a compile error)', () => {
    expectTypeOf<HallDay>().not.toEqualTypeOf<IsoDay>()
    expectTypeOf<string>().not.toExtend<IsoDay>()
    // @ts-expect-error an IsoDay is not a HallDay
    hallDayOf(hallDaySchema.parse('20261202'))
    // @ts-expect-error a plain string is neither
    isoDayOf('20261202')
  })
})

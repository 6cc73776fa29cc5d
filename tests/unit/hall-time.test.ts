import { describe, expect, it } from 'vitest'
import { hallDate, hallDayStart } from '../../shared/time'

describe('hallDayStart', () => {
  it('is midnight in the hall, as a UTC instant', () => {
    expect(hallDayStart('2026-11-22', 'Asia/Shanghai').toISOString()).toBe('2026-11-21T16:00:00.000Z')
    expect(hallDayStart('2026-01-01', 'UTC').toISOString()).toBe('2026-01-01T00:00:00.000Z')
  })

  it('follows summer time on the day the clocks change', () => {
    expect(hallDayStart('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z')
    expect(hallDayStart('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z')
    expect(hallDayStart('2026-10-25', 'Europe/Berlin').toISOString()).toBe('2026-10-24T22:00:00.000Z')
  })

  it('is the first instant of that hall day and no earlier', () => {
    for (const [day, zone] of [
      ['2026-11-22', 'Asia/Shanghai'],
      ['2026-03-29', 'Europe/Berlin'],
      ['2026-09-06', 'America/Santiago'],
    ] as const) {
      const start = hallDayStart(day, zone)
      expect(hallDate(start, zone)).toBe(day)
      expect(hallDate(new Date(start.getTime() - 1), zone)).not.toBe(day)
    }
  })
})

import { describe, expect, it } from 'vitest'
import { instantOfWallClock, wallClock } from '../../shared/time'
import { parseTimeStamp, timeStamp } from '../../electron/services/backup/stamps'

// One wall-clock reading and its inverse serve the hall day, the backup names and the day starts.
describe('the hall’s wall clock', () => {
  it('reads an instant in the hall’s time zone: 2026-12-31T16:30Z is 00:30 on New Year’s Day in Wuhan', () => {
    expect(wallClock(new Date('2026-12-31T16:30:00Z'), 'Asia/Shanghai')).toEqual({ year: 2027, month: 1, day: 1, hour: 0, minute: 30, second: 0 })
  })
  it('finds the instant a wall-clock time stands for', () => {
    expect(instantOfWallClock({ year: 2027, month: 1, day: 1, hour: 0, minute: 30, second: 0 }, 'Asia/Shanghai').toISOString()).toBe('2026-12-31T16:30:00.000Z')
  })
  it('takes the later of a repeated hour when summer time ends (Berlin, 25 October 2026, 02:30 CET)', () => {
    expect(instantOfWallClock({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, 'Europe/Berlin').toISOString()).toBe('2026-10-25T01:30:00.000Z')
  })
  it('names a backup by the hall’s wall clock and reads the name back to the same instant', () => {
    const at = new Date('2026-11-22T02:05:09Z')
    expect(timeStamp(at, 'Asia/Shanghai')).toBe('20261122-100509')
    expect(parseTimeStamp('20261122-100509', 'Asia/Shanghai')?.toISOString()).toBe(at.toISOString())
    expect(parseTimeStamp('2026-11-22', 'Asia/Shanghai')).toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import type { CallCount, TimedTicket } from '../../shared/queue/times'
import { median, queueTimesBy, serviceMinutes, todaysServiceMinutes, waitMinutes } from '../../shared/queue/times'

// Written from the rule (issue #15): the waiting time runs from 取号 to the first 叫号, the
// service time from that 叫号 to 登记; averages and medians in minutes, one decimal; a ticket
// never called has no waiting time, one not registered no service time. The clock is fixed:
// every instant below is 22 November 2026, 09:MM hall time (01:MM UTC).

const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 1, 0) + minute * 60_000).toISOString()

function ticket(kind: TimedTicket['kind'], issued: number, called: number | null, served: number | null, window: number | null, hallDay = '2026-11-22'): TimedTicket {
  const calledAt = called === null ? null : at(called)
  return { kind, hallDay, window, issuedAt: at(issued), calledAt, lastCalledAt: calledAt, servedAt: served === null ? null : at(served) }
}

describe('waiting and service times (取号 → 叫号 → 登记)', () => {
  it('measures each ticket in minutes', () => {
    // Taken 09:00, called 09:12, registered 09:32: 12 minutes waiting, 20 minutes served.
    const a = ticket('individual', 0, 12, 32, 1)
    expect(waitMinutes(a)).toBe(12)
    expect(serviceMinutes(a)).toBe(20)
    // Called but not registered (still at the window, or 过号): waiting time only.
    expect(serviceMinutes(ticket('individual', 0, 5, null, 1))).toBeNull()
    // Never called: neither.
    const waiting = ticket('individual', 0, null, null, null)
    expect(waitMinutes(waiting)).toBeNull()
    expect(serviceMinutes(waiting)).toBeNull()
    // Called 09:12, 过号, back and called again 09:40, registered 09:55: waited 12 minutes (to the
    // first call), served 15 (from the call the visitor answered).
    expect(waitMinutes({ ...a, lastCalledAt: at(40), servedAt: at(55) })).toBe(12)
    expect(serviceMinutes({ ...a, lastCalledAt: at(40), servedAt: at(55) })).toBe(15)
    // 90 seconds: 1.5 minutes.
    expect(waitMinutes({ ...a, calledAt: new Date(Date.parse(a.issuedAt) + 90_000).toISOString() })).toBe(1.5)
  })

  it('takes the median of an odd and of an even count', () => {
    expect(median([])).toBeNull()
    expect(median([7])).toBe(7)
    expect(median([30, 10, 20])).toBe(20)
    expect(median([40, 10, 20, 30])).toBe(25)
  })

  it('groups per window, per kind and per day, with the counts of tickets, calls and 过号', () => {
    const tickets = [
      // Window 1: waits 10 and 20, services 20 and 40 (A001, A002).
      ticket('individual', 0, 10, 30, 1),
      ticket('individual', 5, 25, 65, 1),
      // Window 2: a 绿色通道 ticket, waits 2, service 13; a 集体访 ticket waits 30, skipped, never registered.
      ticket('priority', 10, 12, 25, 2),
      ticket('group', 0, 30, null, 2),
      // Still waiting: counted as a ticket of its kind and day, at no window.
      ticket('individual', 60, null, null, null),
      // The next day: waits 4, service 6 at window 1.
      ticket('individual', 24 * 60, 24 * 60 + 4, 24 * 60 + 10, 1, '2026-11-23'),
    ]
    const calls: CallCount[] = [
      { hallDay: '2026-11-22', kind: 'individual', window: 1, action: 'call', n: 2 },
      { hallDay: '2026-11-22', kind: 'priority', window: 2, action: 'call', n: 1 },
      // The 集体访 ticket: called, 过号, came back and was called again.
      { hallDay: '2026-11-22', kind: 'group', window: 2, action: 'call', n: 2 },
      { hallDay: '2026-11-22', kind: 'group', window: 2, action: 'skip', n: 1 },
      { hallDay: '2026-11-22', kind: 'group', window: 2, action: 'recall', n: 1 },
      { hallDay: '2026-11-23', kind: 'individual', window: 1, action: 'call', n: 1 },
    ]

    expect(queueTimesBy('window', tickets, calls)).toEqual([
      // Waits 10, 20, 4 → mean 11.3, median 10; services 20, 40, 6 → mean 22, median 20.
      { key: '1', tickets: 3, calls: 3, skipped: 0, served: 3, avgWaitMinutes: 11.3, medianWaitMinutes: 10, avgServiceMinutes: 22, medianServiceMinutes: 20 },
      // Waits 2 and 30 → mean 16, median 16; one service of 13.
      { key: '2', tickets: 2, calls: 3, skipped: 1, served: 1, avgWaitMinutes: 16, medianWaitMinutes: 16, avgServiceMinutes: 13, medianServiceMinutes: 13 },
    ])

    const byKind = queueTimesBy('kind', tickets, calls)
    expect(byKind.map((k) => k.key)).toEqual(['individual', 'group', 'priority'])
    // 个人访: four tickets, three called (waits 10, 20, 4), three served (20, 40, 6).
    expect(byKind[0]).toEqual({ key: 'individual', tickets: 4, calls: 3, skipped: 0, served: 3, avgWaitMinutes: 11.3, medianWaitMinutes: 10, avgServiceMinutes: 22, medianServiceMinutes: 20 })
    expect(byKind[1]).toEqual({ key: 'group', tickets: 1, calls: 2, skipped: 1, served: 0, avgWaitMinutes: 30, medianWaitMinutes: 30, avgServiceMinutes: null, medianServiceMinutes: null })

    const byDay = queueTimesBy('day', tickets, calls)
    // The 22nd: waits 10, 20, 2, 30 → mean 15.5, median 15; services 20, 40, 13 → mean 24.3, median 20.
    expect(byDay[0]).toEqual({ key: '2026-11-22', tickets: 5, calls: 5, skipped: 1, served: 3, avgWaitMinutes: 15.5, medianWaitMinutes: 15, avgServiceMinutes: 24.3, medianServiceMinutes: 20 })
    expect(byDay[1]).toEqual({ key: '2026-11-23', tickets: 1, calls: 1, skipped: 0, served: 1, avgWaitMinutes: 4, medianWaitMinutes: 4, avgServiceMinutes: 6, medianServiceMinutes: 6 })
  })

  it('feeds the estimated wait with today’s average service time only, else the hall’s minutes', () => {
    const yesterday = ticket('individual', -24 * 60, -24 * 60 + 1, -24 * 60 + 61, 1, '2026-11-21')
    // Nobody served today: the hall's 15 minutes, whatever yesterday took.
    expect(todaysServiceMinutes([yesterday], '2026-11-22', 15)).toBe(15)
    // Today's two services of 20 and 40 minutes: 30 minutes per visitor.
    const today = [ticket('individual', 0, 10, 30, 1), ticket('individual', 5, 25, 65, 2), ticket('individual', 6, 30, null, 1)]
    expect(todaysServiceMinutes([yesterday, ...today], '2026-11-22', 15)).toBe(30)
  })
})

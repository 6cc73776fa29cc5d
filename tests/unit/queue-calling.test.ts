import { describe, expect, it } from 'vitest'
import type { QueuedTicket } from '../../shared/queue/calling'
import { estimatedWaitMinutes, mayReturn, nextTicket, priorityStreak } from '../../shared/queue/calling'
import type { TicketKind } from '../../shared/queue/domain'
import { formatTicketNumber } from '../../shared/queue/domain'

// Vectors written from the rule (DESIGN §7, issue #15), not from the code: first come first
// served within a kind; 绿色通道 first, but at most `cap` priority calls in a row while others
// wait; a ticket transferred to a window (转窗口) is that window's next call and no other's.

function t(id: number, kind: TicketKind, minute: number, targetWindow: number | null = null): QueuedTicket {
  return { id, kind, queuedAt: new Date(Date.UTC(2026, 10, 22, 1, minute)).toISOString(), targetWindow }
}

/** Calls every ticket from one window, as the rule would, and returns the order of ids. */
function drain(waiting: QueuedTicket[], cap: number, window = 1, recent: TicketKind[] = []): number[] {
  const left = [...waiting]
  const kinds = [...recent]
  const order: number[] = []
  for (;;) {
    const next = nextTicket(left, window, kinds, cap)
    if (next === null) return order
    order.push(next.id)
    kinds.unshift(next.kind)
    left.splice(left.indexOf(next), 1)
  }
}

describe('the calling rule', () => {
  it('calls first come first served within a kind, whatever order the rows come in', () => {
    // A001 at 9:01, A002 at 9:02, A003 at 9:03: called 1, 2, 3 even if listed 3, 1, 2.
    expect(drain([t(3, 'individual', 3), t(1, 'individual', 1), t(2, 'individual', 2)], 3)).toEqual([1, 2, 3])
  })

  it('serves 个人访, 集体访 and 预约 in arrival order across the kinds', () => {
    // B at 9:01 came before A at 9:02 and C at 9:03: nobody picks, arrival decides.
    expect(drain([t(1, 'individual', 2), t(2, 'group', 1), t(3, 'appointment', 3)], 3)).toEqual([2, 1, 3])
  })

  it('calls 绿色通道 before those who came earlier', () => {
    // A at 9:00 and 9:01, then an elderly visitor's G at 9:05: G is called first.
    expect(drain([t(1, 'individual', 0), t(2, 'individual', 1), t(3, 'priority', 5)], 3)).toEqual([3, 1, 2])
  })

  it('makes at most `cap` priority calls in a row while others wait, then one other, then priority again', () => {
    // cap 2, priority G1..G4 and A1, A2 waiting (A first in time): G1 G2 | A1 | G3 G4 | A2.
    const waiting = [t(10, 'individual', 0), t(11, 'individual', 1), t(1, 'priority', 2), t(2, 'priority', 3), t(3, 'priority', 4), t(4, 'priority', 5)]
    expect(drain(waiting, 2)).toEqual([1, 2, 10, 3, 4, 11])
  })

  it('keeps calling priority tickets past the cap when nobody else waits (the cap never idles a window)', () => {
    expect(drain([t(1, 'priority', 0), t(2, 'priority', 1), t(3, 'priority', 2)], 1)).toEqual([1, 2, 3])
  })

  it('counts the streak across desks: the hall day’s latest calls, newest first', () => {
    // Two priority calls were just made at other windows (cap 2): this window takes the A ticket.
    expect(nextTicket([t(1, 'individual', 0), t(2, 'priority', 1)], 3, ['priority', 'priority', 'individual'], 2)?.id).toBe(1)
    // One other call broke the streak: priority comes first again.
    expect(nextTicket([t(1, 'individual', 0), t(2, 'priority', 1)], 3, ['individual', 'priority', 'priority'], 2)?.id).toBe(2)
    expect(priorityStreak(['priority', 'priority', 'individual', 'priority'])).toBe(2)
    expect(priorityStreak([])).toBe(0)
  })

  it('gives a transferred ticket (转窗口) to its window first, and never to another', () => {
    const waiting = [t(1, 'priority', 0), t(2, 'individual', 1), t(3, 'individual', 9, 5)]
    // Window 5: the ticket sent there, before the waiting priority ticket.
    expect(nextTicket(waiting, 5, [], 3)?.id).toBe(3)
    // Window 2 never sees it: the priority ticket, then A, then nothing.
    expect(drain(waiting, 3, 2)).toEqual([1, 2])
  })

  it('calls nobody when nobody waits', () => {
    expect(nextTicket([], 1, [], 3)).toBeNull()
  })
})

describe('skip and return (过号)', () => {
  const skippedAt = '2026-11-22T02:00:00.000Z'
  it('lets a skipped ticket come back within the hall’s minutes, and not after', () => {
    expect(mayReturn(skippedAt, new Date('2026-11-22T02:29:59.000Z'), 30)).toBe(true)
    expect(mayReturn(skippedAt, new Date('2026-11-22T02:30:00.000Z'), 30)).toBe(true)
    expect(mayReturn(skippedAt, new Date('2026-11-22T02:30:01.000Z'), 30)).toBe(false)
    // 0 minutes: a skipped ticket never comes back (the hall chose so).
    expect(mayReturn(skippedAt, new Date('2026-11-22T02:00:01.000Z'), 0)).toBe(false)
  })
})

describe('the ticket and the estimate', () => {
  it('numbers a kind with its letter and three digits', () => {
    expect(formatTicketNumber('individual', 12)).toBe('A012')
    expect(formatTicketNumber('group', 1)).toBe('B001')
    expect(formatTicketNumber('appointment', 999)).toBe('C999')
    expect(formatTicketNumber('priority', 7)).toBe('G007')
  })

  it('estimates the wait from the people ahead, minutes per visitor and open windows, rounded up', () => {
    // 5 ahead × 12 min over 2 windows = 30; 1 ahead × 10 over 3 windows = 3.33 → 4; nobody ahead → 0.
    expect(estimatedWaitMinutes(5, 12, 2)).toBe(30)
    expect(estimatedWaitMinutes(1, 10, 3)).toBe(4)
    expect(estimatedWaitMinutes(0, 15, 1)).toBe(0)
    expect(estimatedWaitMinutes(2, 15, 0)).toBe(30)
  })
})

import { TICKET_KINDS, type QueueAction, type TicketKind } from './domain'
import type { QueueTimes } from './types'

/** What the times need of a ticket: its kind, day and window, and the three instants (ISO). */
export interface TimedTicket {
  kind: TicketKind
  hallDay: string
  /** The window that called it; null while it has not been called. */
  window: number | null
  issuedAt: string
  /** The first call (叫号): the end of the waiting time; a 过号 ticket that came back keeps it. */
  calledAt: string | null
  /** The latest call (重呼, or the call after 过号 or 转窗口): the visitor came to the window then. */
  lastCalledAt: string | null
  /** 登记 of the case linked to it. */
  servedAt: string | null
}

/** How many of one action a window made for one kind on one day. */
export interface CallCount {
  hallDay: string
  kind: TicketKind
  window: number
  action: QueueAction
  n: number
}

export type TimesDimension = 'window' | 'kind' | 'day'

const round1 = (m: number) => Math.round(m * 10) / 10

/** Minutes between two ISO instants, or null when either is missing or they run backwards. */
function minutesBetween(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null
  const m = (Date.parse(to) - Date.parse(from)) / 60_000
  return Number.isFinite(m) && m >= 0 ? m : null
}

/** 等候时长: 取号 → 叫号, in minutes; null while it has not been called. */
export function waitMinutes(t: TimedTicket): number | null {
  const m = minutesBetween(t.issuedAt, t.calledAt)
  return m === null ? null : round1(m)
}

/**
 * 服务时长: 叫号 → 登记, in minutes, from the ticket's latest call (the visitor did not come at a
 * call that had to be repeated); null until a case is registered from it.
 */
export function serviceMinutes(t: TimedTicket): number | null {
  const m = minutesBetween(t.lastCalledAt ?? t.calledAt, t.servedAt)
  return m === null ? null : round1(m)
}

/** The mean, one decimal; null with no values. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : round1(values.reduce((s, v) => s + v, 0) / values.length)
}

/** The median (the mean of the middle two for an even count), one decimal; null with no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const m = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
  return round1(m)
}

function exact(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null)
}

function keyOf(dimension: TimesDimension, x: { kind: TicketKind; hallDay: string; window: number | null }): string | null {
  if (dimension === 'window') return x.window === null ? null : String(x.window)
  return dimension === 'kind' ? x.kind : x.hallDay
}

/** Windows by number, kinds in their order (个人访, 集体访, 预约, 绿色通道), days by date. */
function byKey(dimension: TimesDimension): (a: string, b: string) => number {
  if (dimension === 'window') return (a, b) => Number(a) - Number(b)
  if (dimension === 'kind') return (a, b) => TICKET_KINDS.indexOf(a as TicketKind) - TICKET_KINDS.indexOf(b as TicketKind)
  return (a, b) => (a < b ? -1 : a > b ? 1 : 0)
}

/**
 * The queue's figures per window, kind or day: tickets (取号), calls (叫号, 叫下一位 and 指定叫号),
 * 过号, served (登记), and the mean and median waiting and service times in minutes. A ticket
 * counts at the window that called it; one never called counts for its kind and day only.
 */
export function queueTimesBy(dimension: TimesDimension, tickets: readonly TimedTicket[], calls: readonly CallCount[]): QueueTimes[] {
  const groups = new Map<string, { tickets: TimedTicket[]; calls: number; skipped: number }>()
  const group = (key: string) => {
    const g = groups.get(key) ?? { tickets: [], calls: 0, skipped: 0 }
    groups.set(key, g)
    return g
  }
  for (const t of tickets) {
    const key = keyOf(dimension, t)
    if (key !== null) group(key).tickets.push(t)
  }
  for (const c of calls) {
    if (c.action !== 'call' && c.action !== 'skip') continue
    const g = group(keyOf(dimension, c) ?? '')
    if (c.action === 'call') g.calls += c.n
    else g.skipped += c.n
  }
  return [...groups.entries()]
    .sort(([a], [b]) => byKey(dimension)(a, b))
    .map(([key, g]) => {
      const waits = exact(g.tickets.map(waitMinutes))
      const services = exact(g.tickets.map(serviceMinutes))
      return {
        key,
        tickets: g.tickets.length,
        calls: g.calls,
        skipped: g.skipped,
        served: g.tickets.filter((t) => t.servedAt !== null).length,
        avgWaitMinutes: mean(waits),
        medianWaitMinutes: median(waits),
        avgServiceMinutes: mean(services),
        medianServiceMinutes: median(services),
      }
    })
}

/**
 * Minutes per visitor for the estimated wait (the ticket and the hall screen): today's mean
 * service time once today has served someone, else the hall's setting. Other days never count.
 */
export function todaysServiceMinutes(tickets: readonly TimedTicket[], today: string, hallMinutes: number): number {
  return mean(exact(tickets.filter((t) => t.hallDay === today).map(serviceMinutes))) ?? hallMinutes
}

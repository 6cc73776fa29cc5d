import type { TicketKind } from './domain'

/** A ticket that may be called: its place in the queue and, after 转窗口, the window it waits for. */
export interface QueuedTicket {
  id: number
  kind: TicketKind
  /** When it joined the queue (取号); a returned 过号 ticket keeps its original time. */
  queuedAt: string
  /** Set when another desk transferred it (转窗口): only that window calls it, and first. */
  targetWindow: number | null
}

/** Earliest first; the id breaks ties (two tickets taken in the same millisecond). */
function byArrival(a: QueuedTicket, b: QueuedTicket): number {
  return a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : a.id - b.id
}

/** How many of the latest first calls (newest first) were 绿色通道 ones, counted back to the first other. */
export function priorityStreak(recentKinds: readonly TicketKind[]): number {
  const other = recentKinds.findIndex((k) => k !== 'priority')
  return other === -1 ? recentKinds.length : other
}

/**
 * The calling rule (DESIGN §7): nobody picks.
 * 1. A ticket transferred to this window (转窗口) comes first, earliest first.
 * 2. Then 绿色通道, earliest first, unless `cap` priority calls in a row were made while
 *    other visitors waited: then the earliest other ticket.
 * 3. Otherwise first come first served across 个人访, 集体访 and 预约 (so within each kind too).
 * Tickets transferred to another window are never called here.
 * `recentKinds` are the kinds of the hall day's latest first calls, newest first.
 */
export function nextTicket(
  waiting: readonly QueuedTicket[],
  window: number,
  recentKinds: readonly TicketKind[],
  cap: number,
): QueuedTicket | null {
  const open = waiting.filter((t) => t.targetWindow === null || t.targetWindow === window)
  const transferred = open.filter((t) => t.targetWindow === window).sort(byArrival)
  if (transferred[0] !== undefined) return transferred[0]
  const priority = open.filter((t) => t.kind === 'priority').sort(byArrival)
  const others = open.filter((t) => t.kind !== 'priority').sort(byArrival)
  const capped = others.length > 0 && priorityStreak(recentKinds) >= cap
  if (priority[0] !== undefined && !capped) return priority[0]
  return others[0] ?? priority[0] ?? null
}

/** Whether a skipped (过号) ticket may still come back: within the hall's minutes of the skip. */
export function mayReturn(skippedAt: string, now: Date, minutes: number): boolean {
  return now.getTime() - Date.parse(skippedAt) <= minutes * 60_000
}

/**
 * The estimated wait in whole minutes for a visitor with `ahead` people before them: each
 * open window serves one visitor per `serviceMinutes` (today's average once there is one).
 */
export function estimatedWaitMinutes(ahead: number, serviceMinutes: number, windows: number): number {
  if (ahead <= 0) return 0
  return Math.ceil((ahead * serviceMinutes) / Math.max(1, windows))
}

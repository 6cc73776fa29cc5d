import type { Insertable } from 'kysely'
import type { CaseStatus, Satisfaction } from '../../shared/cases/machine'
import type { HolidayCalendar } from '../../shared/deadlines'
import { DEFAULT_DEADLINE_RULES, addCalendarPeriod, addDays } from '../../shared/deadlines'
import type { Routing } from '../../shared/domain'
import type { CaseEventTable, VisitTable } from '../../electron/db/schema'
import { hallInstant } from './common'
import type { Random } from './random'

type Event = Omit<Insertable<CaseEventTable>, 'visit_id'>
type CaseColumns = Pick<
  Insertable<VisitTable>,
  | 'status'
  | 'clock_start'
  | 'due_date'
  | 'clock_paused'
  | 'closed_at'
  | 'result'
  | 'satisfaction'
  | 'notice_due'
  | 'notice_day'
  | 'closed_day'
  | 'closed_due_date'
>

export interface Lifecycle {
  columns: CaseColumns
  /** The timeline after the 'register' event. */
  later: Event[]
  /** Whether a receipt (the written notice) was printed right after registration. */
  printed: boolean
  open: boolean
}

const RESULTS = [
  '已协调相关单位解决',
  '经调查，诉求部分支持',
  '已答复信访人，依法依规处理',
  '不支持其诉求，已告知救济途径',
  '已督促责任单位落实整改',
]
const SATISFACTIONS: readonly Satisfaction[] = [
  'satisfied',
  'satisfied',
  'satisfied',
  'satisfied',
  'satisfied',
  'satisfied',
  'satisfied',
  'basically_satisfied',
  'basically_satisfied',
  'unsatisfied',
]

/**
 * Where a case stands today, as the services would have left it: the columns that refreshDue
 * keeps (due date, notice day and deadline, closing day and its deadline) and the timeline.
 * Deadlines come from the same engine and the same national calendar as the app's.
 */
export class Lifecycles {
  private readonly noticeDue = new Map<string, string>()
  private readonly handlingDue = new Map<string, string>()

  constructor(
    private readonly random: Random,
    private readonly cal: HolidayCalendar,
    private readonly today: string,
    private readonly officerId: number,
  ) {}

  private due(cache: Map<string, string>, day: string, days: number): string {
    let d = cache.get(day)
    if (d === undefined) {
      d = addCalendarPeriod(day, days, this.cal)
      cache.set(day, d)
    }
    return d
  }

  private event(
    day: string,
    hour: number,
    action: Event['action'],
    from: CaseStatus | null,
    to: CaseStatus | null,
    note = '',
    data: Record<string, unknown> = {},
  ): Event {
    const at = new Date(hallInstant(day, hour, this.random.int(0, 59))).toISOString()
    return {
      at,
      day,
      user_id: this.officerId,
      action,
      from_status: from,
      to_status: to,
      note,
      data: JSON.stringify(data),
    }
  }

  of(routing: Routing, day: string, registeredAt: string): Lifecycle {
    const r = this.random
    const noticeDue = this.due(this.noticeDue, day, DEFAULT_DEADLINE_RULES.writtenNotice)
    const base = {
      clock_start: day,
      clock_paused: 0,
      notice_due: noticeDue,
      due_date: null,
      closed_at: null,
      result: null,
      satisfaction: null,
      closed_day: null,
      closed_due_date: null,
    }
    const later: Event[] = []
    if (routing === 'transferred' || routing === 'rejected') {
      return { columns: { ...base, status: routing, notice_day: day }, later, printed: false, open: false }
    }
    if (routing === 'resolved') {
      let status: CaseStatus = 'closed'
      let satisfaction: Satisfaction | null = null
      const followDay = addDays(day, r.int(3, 20))
      if (followDay < this.today && r.chance(0.3)) {
        satisfaction = r.pick(SATISFACTIONS)
        later.push(this.event(followDay, 10, 'followUp', 'closed', 'followed_up', '', { satisfaction }))
        status = 'followed_up'
      }
      const columns = {
        ...base,
        status,
        satisfaction,
        notice_day: day,
        closed_at: registeredAt,
        result: '当场办结',
        closed_day: day,
        closed_due_date: day,
      }
      return { columns, later, printed: false, open: false }
    }
    // Accepted or assigned: the 60-day handling clock runs from registration.
    const handlingDue = this.due(this.handlingDue, day, DEFAULT_DEADLINE_RULES.handling)
    const closeAfter = r.int(5, 75)
    const closedDay = addDays(day, closeAfter)
    const startDay = addDays(day, r.int(1, 4))
    const started = r.chance(0.6) && startDay < this.today
    let status: CaseStatus = routing
    if (started) {
      later.push(this.event(startDay, 9, 'start', status, 'in_progress'))
      status = 'in_progress'
    }
    if (closedDay >= this.today || !r.chance(0.97)) {
      return {
        columns: { ...base, status, notice_day: day, due_date: handlingDue },
        later,
        printed: true,
        open: true,
      }
    }
    const result = r.pick(RESULTS)
    later.push(this.event(closedDay, 15, 'close', status, 'closed', result))
    status = 'closed'
    let satisfaction: Satisfaction | null = null
    const followDay = addDays(closedDay, r.int(3, 20))
    if (followDay < this.today && r.chance(0.5)) {
      satisfaction = r.pick(SATISFACTIONS)
      later.push(this.event(followDay, 10, 'followUp', 'closed', 'followed_up', '', { satisfaction }))
      status = 'followed_up'
    }
    const closedAt = new Date(hallInstant(closedDay, 15, r.int(0, 59))).toISOString()
    const columns = {
      ...base,
      status,
      satisfaction,
      notice_day: day,
      closed_at: closedAt,
      result,
      closed_day: closedDay,
      closed_due_date: handlingDue,
    }
    return { columns, later, printed: true, open: false }
  }
}

import { describe, expect, it } from 'vitest'
import type { CaseClockInput } from '../../shared/cases/clocks'
import { caseClocks } from '../../shared/cases/clocks'
import { DEFAULT_DEADLINE_RULES, dueDate, nationalCalendar } from '../../shared/deadlines'

// Vectors written from the 信访工作条例 (2022) and DESIGN.md §3, on the shipped 2026 calendar.
// A case accepted (受理) on Monday 1 June 2026: the 60-day handling period ends on Friday
// 31 July 2026 (June 1 not counted; 29 days of June + 31 of July = 60), a working day.
const cal = nationalCalendar()
const rules = DEFAULT_DEADLINE_RULES
type Ev = CaseClockInput['events'][number]

function accepted(events: Ev[], over: Partial<CaseClockInput> = {}): CaseClockInput {
  return { status: 'in_progress', routing: 'accepted', registeredOn: '2026-06-01', clockStart: '2026-06-01', extensionDays: null, noticeOn: '2026-06-01', events: [{ action: 'register', day: '2026-06-01', note: '' }, ...events], ...over }
}
const clock = (c: CaseClockInput, key: string) => caseClocks(c, rules, cal).find((k) => k.key === key)
const pause = (day: string): Ev => ({ action: 'pause', day, note: '听证' })
const resume = (day: string): Ev => ({ action: 'resume', day, note: '' })

describe('a pause stops only a clock still running', () => {
  it('without pauses, 1 June + 60 days → Friday 31 July', () => {
    expect(clock(accepted([]), 'handling')?.due).toBe('2026-07-31')
  })

  it('a pause 1–11 July while the clock runs loses 10 days → Monday 10 August', () => {
    expect(clock(accepted([pause('2026-07-01'), resume('2026-07-11')]), 'handling')?.due).toBe('2026-08-10')
  })

  it('a pause 10–20 August, after the period ended on 31 July, moves nothing: still 31 July', () => {
    expect(dueDate({ start: '2026-06-01', days: 60, unit: 'calendar', pauses: [{ from: '2026-08-10', to: '2026-08-20', reason: '' }] }, cal).due).toBe('2026-07-31')
    expect(clock(accepted([pause('2026-08-10'), resume('2026-08-20')]), 'handling')?.due).toBe('2026-07-31')
  })

  it('an overdue case paused on 10 August stays overdue: the due date stays 31 July, the clock is not shown as paused', () => {
    const k = clock(accepted([pause('2026-08-10')], { status: 'in_progress' }), 'handling')
    expect(k?.due).toBe('2026-07-31')
    expect(k?.paused).toBe(false)
  })

  it('a pause 25 July – 4 August begun while the clock ran counts whole (10 days) → 10 August', () => {
    expect(clock(accepted([pause('2026-07-25'), resume('2026-08-04')]), 'handling')?.due).toBe('2026-08-10')
  })

  it('a second pause 5–8 August counts because the first moved the end to 10 August (3 days → Thursday 13 August); one from 12 August would not', () => {
    const first = [pause('2026-07-01'), resume('2026-07-11')]
    expect(clock(accepted([...first, pause('2026-08-05'), resume('2026-08-08')]), 'handling')?.due).toBe('2026-08-13')
    expect(clock(accepted([...first, pause('2026-08-12'), resume('2026-08-15')]), 'handling')?.due).toBe('2026-08-10')
  })

  it('a case closed on 15 August while paused since 10 August keeps its 31 July due date (closed late)', () => {
    const k = clock(accepted([pause('2026-08-10'), { action: 'close', day: '2026-08-15', note: '已办结' }], { status: 'closed' }), 'handling')
    expect(k).toMatchObject({ due: '2026-07-31', doneOn: '2026-08-15', paused: false })
  })

  it('a case closed on 25 July while paused since 20 July: the pause counts up to the close (5 days) → 5 August, closed in time', () => {
    const k = clock(accepted([pause('2026-07-20'), { action: 'close', day: '2026-07-25', note: '已办结' }], { status: 'closed' }), 'handling')
    expect(k).toMatchObject({ due: '2026-08-05', doneOn: '2026-07-25', paused: false })
  })
})

describe('a pause moves only the clocks running when it happens', () => {
  // Closed 20 July; 复查 requested 27 July; a 10-day hearing 3–13 August during 复查.
  const events: Ev[] = [
    { action: 'close', day: '2026-07-20', note: '已办结' },
    { action: 'requestReview', day: '2026-07-27', note: '' },
    pause('2026-08-03'),
    resume('2026-08-13'),
  ]
  const c = accepted(events, { status: 'review_requested' })

  it('the finished handling clock keeps 31 July and its done day 20 July', () => {
    expect(clock(c, 'handling')).toMatchObject({ due: '2026-07-31', doneOn: '2026-07-20' })
  })

  it('the review opinion clock: 27 July + 30 → 26 August, + 10 paused → Saturday 5 September → Monday 7 September', () => {
    expect(clock(c, 'reviewOpinion')?.due).toBe('2026-09-07')
  })

  it("the visitor's 复查 request window: 20 July + 30 → Wednesday 19 August, met on 27 July", () => {
    expect(clock(c, 'reviewRequest')).toMatchObject({ due: '2026-08-19', doneOn: '2026-07-27', visitorSide: true })
  })
})

describe("the visitor's 复核 request window (30 days from the review opinion)", () => {
  const events: Ev[] = [
    { action: 'close', day: '2026-07-20', note: '已办结' },
    { action: 'requestReview', day: '2026-07-27', note: '' },
    { action: 'review', day: '2026-08-20', note: '维持' },
  ]

  it('review opinion Thursday 20 August + 30 → Saturday 19 September → Sunday 20 September, a 调休 working day', () => {
    expect(clock(accepted(events, { status: 'reviewed' }), 'recheckRequest')).toMatchObject({ start: '2026-08-20', due: '2026-09-20', doneOn: null, visitorSide: true })
  })

  it('is met by the 复核 request on 1 September; the 复核 opinion is due 1 September + 30 → Thursday 1 October, National Day → Thursday 8 October', () => {
    const c = accepted([...events, { action: 'requestRecheck', day: '2026-09-01', note: '' }], { status: 'recheck_requested' })
    expect(clock(c, 'recheckRequest')?.doneOn).toBe('2026-09-01')
    expect(clock(c, 'recheckOpinion')?.due).toBe('2026-10-08')
  })
})

describe('交办 after 受理 does not restart the handling clock', () => {
  it('accepted 1 June, assigned 20 June: handling still runs from 1 June to 31 July', () => {
    const c = accepted([{ action: 'assign', day: '2026-06-20', note: '' }], { status: 'assigned' })
    expect(clock(c, 'handling')).toMatchObject({ start: '2026-06-01', due: '2026-07-31' })
  })
})

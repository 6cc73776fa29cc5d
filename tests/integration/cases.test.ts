import { describe, expect } from 'vitest'
import type { CaseAction, CaseStatus, TransitionAction } from '../../shared/cases/machine'
import {
  ACTION_ROLES,
  NOTE_ACTIONS,
  CASE_STATUSES,
  TRANSITIONS,
  canTransition,
  isTransition,
} from '../../shared/cases/machine'
import { mainClockKey } from '../../shared/cases/clocks'
import { addDays, dueDate, isWorkingDay, makeCalendar } from '../../shared/deadlines'
import type { HolidayCalendar } from '../../shared/deadlines'
import type { Role, Routing } from '../../shared/domain'
import { translate } from '../../shared/i18n/translate'
import { zhCN } from '../../shared/i18n/zh-CN'
import type { ErrorCode, RpcError, RpcResult } from '../../shared/rpc/result'
import type { CaseDetail } from '../../shared/cases/types'
import type { CaseStepInput } from '../../shared/cases/schemas'
import type { IntakeInput } from '../../shared/intake/schemas'
import { HALL_SETTINGS, it, type TestCore } from './fixtures'
import { call, ok, validIntake } from './helpers'

// The fake clock starts at 2026-11-22T02:00:00Z, 2026-11-22 10:00 in Asia/Shanghai (a Sunday).
const DAY0 = '2026-11-22'
const VISITOR = '420106196503120311'
const OTHER_VISITOR = '110105198807300426'
const THIRD_VISITOR = '330105195201010173'
/** Seeded units: 1 市住房和城乡建设局, 2 市人力资源和社会保障局, 3 市民政局. */
const UNIT_HOUSING = 1
const UNIT_HR = 2
const UNIT_CIVIL = 3
const HOUR = 3_600_000

type StepOf<A extends TransitionAction> = Extract<CaseStepInput, { action: A }>

/** A valid step for every transition, and the note its timeline entry shows. */
const STEPS: { [A in TransitionAction]: { step: StepOf<A>; note: string } } = {
  assign: {
    step: { action: 'assign', unitId: UNIT_HOUSING, note: '交办市住建局办理' },
    note: '交办市住建局办理',
  },
  transfer: {
    step: { action: 'transfer', body: '区人民政府', reason: '属区政府职权范围' },
    note: '属区政府职权范围',
  },
  reject: { step: { action: 'reject', body: '人民法院', contact: '中山路 100 号，电话 027-88880000', reason: '已进入诉讼程序' }, note: '已进入诉讼程序' },
  start: { step: { action: 'start', note: '责任单位已签收' }, note: '责任单位已签收' },
  extend: { step: { action: 'extend', days: 30, reason: '需现场勘查排水管网' }, note: '需现场勘查排水管网' },
  close: {
    step: { action: 'close', result: '已督促施工单位修复排水管网' },
    note: '已督促施工单位修复排水管网',
  },
  followUp: {
    step: { action: 'followUp', satisfaction: 'basically_satisfied', note: '电话回访，基本满意' },
    note: '电话回访，基本满意',
  },
  requestReview: { step: { action: 'requestReview', note: '来访人对赔偿不服' }, note: '来访人对赔偿不服' },
  review: { step: { action: 'review', result: '维持原处理意见' }, note: '维持原处理意见' },
  requestRecheck: {
    step: { action: 'requestRecheck', note: '来访人对复查意见不服' },
    note: '来访人对复查意见不服',
  },
  recheck: { step: { action: 'recheck', result: '复核维持，不再受理' }, note: '复核维持，不再受理' },
}


/**
 * The steps each status allows, written by hand from DESIGN.md §2–§3 (not read from TRANSITIONS,
 * the table under test):
 * - 已受理: the case registered to this office awaits its routing: 交办 to a unit, 转送 to the
 *   competent body, 不予受理 (with body and reason), 开始办理 here, or 办结;
 * - 已交办: the unit starts (开始办理) or the case is closed;
 * - 办理中: the one 延期, or 办结; 已延期: only 办结 (once only, §3);
 * - 已办结: 回访, or the visitor asks for 复查 (30 days after the written reply); 已回访: 复查;
 * - 复查中 → 复查意见; 已复查 → 申请复核; 复核中 → 复核意见;
 * - 已转送, 不予受理 and 已复核 end the matter here ("after it the same matter is not accepted again").
 */
const ALLOWED: Record<CaseStatus, readonly TransitionAction[]> = {
  accepted: ['assign', 'transfer', 'reject', 'start', 'close'],
  assigned: ['start', 'close'],
  in_progress: ['extend', 'close'],
  extended: ['close'],
  closed: ['followUp', 'requestReview'],
  followed_up: ['requestReview'],
  transferred: [],
  rejected: [],
  review_requested: ['review'],
  reviewed: ['requestRecheck'],
  recheck_requested: ['recheck'],
  rechecked: [],
}

/** Where each step leads, by hand from the same sections. */
const LEADS_TO: Record<TransitionAction, CaseStatus> = {
  assign: 'assigned',
  transfer: 'transferred',
  reject: 'rejected',
  start: 'in_progress',
  extend: 'extended',
  close: 'closed',
  followUp: 'followed_up',
  requestReview: 'review_requested',
  review: 'reviewed',
  requestRecheck: 'recheck_requested',
  recheck: 'rechecked',
}

/** A way to every status: the routing chosen at registration and the steps after it. */
const PATHS: Record<CaseStatus, { routing: Routing; steps: TransitionAction[] }> = {
  accepted: { routing: 'accepted', steps: [] },
  assigned: { routing: 'assigned', steps: [] },
  in_progress: { routing: 'accepted', steps: ['start'] },
  extended: { routing: 'accepted', steps: ['start', 'extend'] },
  closed: { routing: 'resolved', steps: [] },
  followed_up: { routing: 'resolved', steps: ['followUp'] },
  transferred: { routing: 'transferred', steps: [] },
  rejected: { routing: 'rejected', steps: [] },
  review_requested: { routing: 'resolved', steps: ['requestReview'] },
  reviewed: { routing: 'resolved', steps: ['requestReview', 'review'] },
  recheck_requested: { routing: 'resolved', steps: ['requestReview', 'review', 'requestRecheck'] },
  rechecked: { routing: 'resolved', steps: ['requestReview', 'review', 'requestRecheck', 'recheck'] },
}

const STATUSES = Object.keys(ALLOWED) as CaseStatus[]

/**
 * Who may take each step, by hand from DESIGN.md §1: duty officers (and administrators) move cases
 * along — 交办, 转送, 延期, 办结, 回访, the review steps, pauses, leader receptions; anyone may record
 * the day's handling plan (一日工作法, §2), a note or a link to an earlier case.
 */
const OFFICERS: readonly Role[] = ['duty_officer', 'admin']
const ANYONE: readonly Role[] = ['receptionist', 'duty_officer', 'admin']
const STEP_ROLES: Record<CaseAction, readonly Role[]> = {
  assign: OFFICERS,
  transfer: OFFICERS,
  reject: OFFICERS,
  start: OFFICERS,
  extend: OFFICERS,
  close: OFFICERS,
  followUp: OFFICERS,
  requestReview: OFFICERS,
  review: OFFICERS,
  requestRecheck: OFFICERS,
  recheck: OFFICERS,
  pause: OFFICERS,
  resume: OFFICERS,
  leader: OFFICERS,
  plan: ANYONE,
  link: ANYONE,
  note: ANYONE,
}
const ACTIONS = Object.keys(LEADS_TO) as TransitionAction[]

function statusLabel(status: CaseStatus): string {
  return translate(zhCN, `case.status.${status}`)
}

// Cases live for weeks: the idle lock would otherwise lock every session when the clock moves.
it.override({ settings: HALL_SETTINGS, users: { r1: ['receptionist', 'R001'], d1: ['duty_officer', 'D001'] } })

/** Fails the test unless the call was refused with the code; returns the error. */
function refused(result: RpcResult<unknown>, code: ErrorCode): RpcError {
  if (result.ok) throw new Error(`expected ${code}, the call succeeded`)
  expect(result.error.code, result.error.message).toBe(code)
  return result.error
}

/** Registers a case as the receptionist with a routing (交办 to unit 1 unless told). */
async function register(core: TestCore, 
  routing: Routing = 'accepted',
  idNumber = VISITOR,
  overrides: Partial<IntakeInput> = {},
): Promise<string> {
  const extra: Partial<IntakeInput> =
    routing === 'assigned'
      ? { unitId: UNIT_HOUSING }
      : routing === 'transferred' || routing === 'rejected'
        ? { routingBody: '区人民政府', routingContact: '区政府信访办，电话 027-88881234', routingReason: '属区政府职权范围' }
        : {}
  const { caseNumber } = await ok(
    core,
    'r1',
    'intake.register',
    validIntake(idNumber, { routing, ...extra, ...overrides }),
  )
  return caseNumber
}

async function act(core: TestCore, caseNumber: string, step: CaseStepInput, session = 'd1'): Promise<CaseDetail> {
  return ok(core, session, 'cases.act', { caseNumber, step })
}

async function get(core: TestCore, caseNumber: string, session = 'd1'): Promise<CaseDetail> {
  return ok(core, session, 'cases.get', { caseNumber })
}

function clockDue(detail: CaseDetail, key = 'handling'): string | null | undefined {
  return detail.clocks.find((k) => k.key === key)?.due
}

async function hallCalendar(core: TestCore): Promise<HolidayCalendar> {
  return makeCalendar(await ok(core, 'admin', 'holidays.list', {}))
}

async function supervision(core: TestCore, 
  today: string | null = null,
  filter: { unitId?: number; categoryId?: number } = {},
) {
  return ok(core, 'd1', 'cases.supervision', {
    unitId: filter.unitId ?? null,
    categoryId: filter.categoryId ?? null,
    today,
  })
}

function auditRows(core: TestCore, caseNumber: string): { action: string; user_id: number | null; detail: string }[] {
  return core.connection.raw
    .prepare('SELECT action, user_id, detail FROM audit_log WHERE entity_id = ? ORDER BY id')
    .all(caseNumber) as { action: string; user_id: number | null; detail: string }[]
}

function userId(core: TestCore, badgeNo: string): number {
  return core.connection.raw.prepare('SELECT id FROM users WHERE badge_no = ?').pluck().get(badgeNo) as number
}

describe('the state machine', () => {
  it('the hand-written tables cover every status and every step', () => {
    expect([...STATUSES].sort()).toEqual([...CASE_STATUSES].sort())
    expect([...ACTIONS].sort()).toEqual(Object.keys(TRANSITIONS).sort())
  })

  it('canTransition agrees with the hand-written table for every step from every status', () => {
    for (const status of STATUSES)
      for (const action of ACTIONS)
        expect(canTransition(action, status), `${action} from ${status}`).toBe(ALLOWED[status].includes(action))
    for (const action of ACTIONS) expect(TRANSITIONS[action].to, action).toBe(LEADS_TO[action])
  })

  it('ACTION_ROLES agrees with the hand-written roles of every step', () => {
    expect(Object.keys(STEP_ROLES).sort()).toEqual([...ACTIONS, ...NOTE_ACTIONS].sort())
    for (const action of Object.keys(STEP_ROLES) as CaseAction[])
      expect([...ACTION_ROLES[action]].sort(), action).toEqual([...STEP_ROLES[action]].sort())
  })

  it('takes a case through every allowed step to 复核, each on the timeline and in the audit trail', async ({ core }) => {
    const caseNumber = await register(core, 'accepted')
    const walk: TransitionAction[] = [
      'assign',
      'start',
      'extend',
      'close',
      'followUp',
      'requestReview',
      'review',
      'requestRecheck',
      'recheck',
    ]
    const times: string[] = []
    let status: CaseStatus = 'accepted'
    for (const action of walk) {
      core.clock.advance(HOUR)
      times.push(core.clock().toISOString())
      const detail = await act(core, caseNumber, STEPS[action].step)
      expect(detail.status, action).toBe(LEADS_TO[action])
      status = detail.status
    }
    expect(status).toBe('rechecked')

    const detail = await get(core, caseNumber)
    expect(detail).toMatchObject({
      status: 'rechecked',
      noFurtherAcceptance: true,
      unit: '市住房和城乡建设局',
      routing: 'assigned',
      extensionDays: 30,
      result: '已督促施工单位修复排水管网',
      satisfaction: 'basically_satisfied',
    })
    // The timeline: registration, then each step with who, when, the statuses and the note.
    expect(detail.events).toHaveLength(walk.length + 1)
    expect(detail.events[0]).toMatchObject({ action: 'register', toStatus: 'accepted', userName: '用户R001' })
    let from: CaseStatus = 'accepted'
    walk.forEach((action, i) => {
      expect(detail.events[i + 1], action).toMatchObject({
        action,
        at: times[i],
        fromStatus: from,
        toStatus: LEADS_TO[action],
        note: STEPS[action].note,
        userName: '用户D001',
      })
      from = LEADS_TO[action]
    })
    expect(detail.events[1]?.data).toMatchObject({ unit: '市住房和城乡建设局' })
    expect(detail.events[3]?.data).toMatchObject({ days: 30 })
    expect(detail.events[5]?.data).toMatchObject({ satisfaction: 'basically_satisfied' })

    // After 复核 the office owes nothing more: no step moves the case on.
    expect(detail.actions.filter((a) => isTransition(a as TransitionAction))).toEqual([])
    expect(clockDue(detail, 'recheckOpinion')).not.toBeNull()
    expect(detail.clocks.find((k) => k.key === 'recheckOpinion')?.doneOn).toBe(DAY0)

    const audit = auditRows(core, caseNumber).filter((r) => r.action.startsWith('case.'))
    expect(audit.map((r) => r.action)).toEqual(walk.map((a) => `case.${a}`))
    const officer = userId(core, 'D001')
    let before: CaseStatus = 'accepted'
    audit.forEach((row, i) => {
      const action = walk[i] as TransitionAction
      expect(row.user_id).toBe(officer)
      expect(JSON.parse(row.detail)).toMatchObject({
        before: { status: before },
        after: { status: LEADS_TO[action] },
      })
      before = LEADS_TO[action]
    })
    // Nothing in the audit trail names the visitor's ID number.
    expect(JSON.stringify(auditRows(core, caseNumber))).not.toContain(VISITOR)
  })

  it('a case registered as resolved (当场办结) starts closed, and 回访 and 复查 follow', async ({ core }) => {
    const caseNumber = await register(core, 'resolved')
    expect((await get(core, caseNumber)).status).toBe('closed')
    expect((await act(core, caseNumber, STEPS.followUp.step)).status).toBe('followed_up')
    expect((await act(core, caseNumber, STEPS.requestReview.step)).status).toBe('review_requested')
  })

  describe('takes each step its status allows, to the status the step leads to', () => {
    it.for(STATUSES.flatMap((status) => ALLOWED[status].map((action) => ({ status, action, ...PATHS[status] }))))(
      '$action from $status',
      async ({ status, action, routing, steps }, { core }) => {
        const caseNumber = await register(core, routing)
        for (const step of steps) await act(core, caseNumber, STEPS[step].step)
        expect((await get(core, caseNumber)).status).toBe(status)
        const officer = (await get(core, caseNumber)).actions.filter((a) => isTransition(a as TransitionAction))
        expect([...officer].sort(), 'the steps the case page offers').toEqual([...ALLOWED[status]].sort())
        // Allowed by the status, not by the role: a receptionist is refused it and nothing moves.
        if (!STEP_ROLES[action].includes('receptionist'))
          refused(await call(core, 'r1', 'cases.act', { caseNumber, step: STEPS[action].step }), 'FORBIDDEN')
        expect((await get(core, caseNumber)).status).toBe(status)
        expect((await act(core, caseNumber, STEPS[action].step)).status).toBe(LEADS_TO[action])
      },
    )
  })

  describe('refuses every step its status does not allow', () => {
    it.for(STATUSES.map((status) => ({ status, ...PATHS[status] })))(
      'from $status (registered $routing, then $steps)',
      async ({ status, routing, steps }, { core }) => {
        const caseNumber = await register(core, routing)
        for (const action of steps) await act(core, caseNumber, STEPS[action].step)
        const before = await get(core, caseNumber)
        expect(before.status).toBe(status)
        const refusedActions = ACTIONS.filter((a) => !ALLOWED[status].includes(a))
        expect(refusedActions).toHaveLength(ACTIONS.length - ALLOWED[status].length)
        for (const action of refusedActions) {
          const error = refused(
            await call(core, 'd1', 'cases.act', { caseNumber, step: STEPS[action].step }),
            'CONFLICT',
          )
          // An extended case asked for a second extension is told the once-only rule instead.
          if (action === 'extend' && status === 'extended') {
            expect(error.message).toContain('已延期一次')
            continue
          }
          expect(error.message, action).toContain('不能进行')
          expect(error.message, action).toContain(`“${statusLabel(status)}”`)
          expect(error.message, action).toContain(translate(zhCN, `case.actions.${action}`))
        }
        const after = await get(core, caseNumber)
        expect(after.status).toBe(status)
        expect(after.events).toEqual(before.events)
        expect(after.unit).toBe(before.unit)
        expect(after.extensionDays).toBe(before.extensionDays)
        expect(auditRows(core, caseNumber).filter((r) => r.action.startsWith('case.'))).toHaveLength(steps.length)
      },
    )
  })
})

describe('due dates stored at registration', () => {
  it.for<Routing>(['resolved', 'accepted', 'assigned', 'transferred', 'rejected'])(
    'a %s case is stored with the due dates its clocks give, as 督办 and statistics read them',
    async (routing, { core }) => {
      const caseNumber = await register(core, routing)
      const row = core.connection.raw
        .prepare('SELECT status, due_date, clock_paused, notice_due, notice_day, closed_day, closed_due_date FROM visits WHERE case_number = ?')
        .get(caseNumber) as Record<string, unknown>
      const detail = await get(core, caseNumber)
      const main = mainClockKey(detail.status)
      const notice = detail.clocks.find((k) => k.key === 'notice')
      expect(row).toEqual({
        status: detail.status,
        due_date: main === null ? null : clockDue(detail, main),
        clock_paused: 0,
        notice_due: notice?.due,
        notice_day: notice?.doneOn,
        closed_day: routing === 'resolved' ? DAY0 : null,
        closed_due_date: routing === 'resolved' ? DAY0 : null,
      })
      if (routing === 'accepted' || routing === 'assigned')
        expect(row.due_date).toBe(dueDate({ start: DAY0, days: 60, unit: 'calendar', pauses: [] }, await hallCalendar(core)).due)
    },
  )
})

describe('延期', () => {
  it('moves the handling due date by the extension, at most the hall’s 30 days, and only once', async ({ core }) => {
    const caseNumber = await register(core, 'assigned')
    await act(core, caseNumber, STEPS.start.step)
    const cal = await hallCalendar(core)
    const original = dueDate({ start: DAY0, days: 60, unit: 'calendar', pauses: [] }, cal).due
    expect(original).toBe('2027-01-21')
    expect(clockDue(await get(core, caseNumber))).toBe(original)

    const tooLong = refused(
      await call(core, 'd1', 'cases.act', {
        caseNumber,
        step: { action: 'extend', days: 31, reason: '需要更多时间' },
      }),
      'VALIDATION',
    )
    // 31 days is over the regulation's cap: refused by the step's own schema, naming 30.
    expect(tooLong.fields?.[0]?.path).toBe('step.days')
    expect(tooLong.message).toBe(translate(zhCN, 'v.case.extensionCap'))
    expect(tooLong.message).toContain('30')
    expect((await get(core, caseNumber)).status).toBe('in_progress')
    expect(clockDue(await get(core, caseNumber))).toBe(original)

    const extended = await act(core, caseNumber, { action: 'extend', days: 30, reason: '需现场勘查' })
    const expected = dueDate(
      { start: DAY0, days: 60, unit: 'calendar', pauses: [], extensionDays: 30 },
      cal,
    ).due
    // 2027-01-21 + 30 days is Saturday 2027-02-20, a 调休 working day in the shipped 2027 schedule.
    expect(expected).toBe('2027-02-20')
    expect(extended).toMatchObject({ status: 'extended', extensionDays: 30 })
    expect(clockDue(extended)).toBe(expected)
    const row = (await supervision(core)).rows.find((r) => r.caseNumber === caseNumber)
    expect(row).toMatchObject({ dueDate: expected, extended: true, status: 'extended' })

    const again = refused(
      await call(core, 'd1', 'cases.act', {
        caseNumber,
        step: { action: 'extend', days: 10, reason: '再次延期' },
      }),
      'CONFLICT',
    )
    expect(again.message).toContain('延期')
    const after = await get(core, caseNumber)
    expect(after).toMatchObject({ status: 'extended', extensionDays: 30 })
    expect(clockDue(after)).toBe(expected)
  })

  // Regression: the state-machine check once ran before the once-only check, so the dedicated
  // message (此案件已延期一次，按规定不能再次延期。) could never be shown.
  it('a second 延期 is refused with the once-only message (已延期一次)', async ({ core }) => {
    const caseNumber = await register(core, 'assigned')
    await act(core, caseNumber, STEPS.start.step)
    await act(core, caseNumber, { action: 'extend', days: 20, reason: '需现场勘查' })
    const again = refused(
      await call(core, 'd1', 'cases.act', {
        caseNumber,
        step: { action: 'extend', days: 10, reason: '再次延期' },
      }),
      'CONFLICT',
    )
    expect(again.message).toContain('已延期一次')
  })
})

describe('roles', () => {
  it('a receptionist may not move a case along but may record a plan and a note', async ({ core }) => {
    const caseNumber = await register(core, 'accepted')
    for (const step of [
      STEPS.close.step,
      STEPS.assign.step,
      STEPS.extend.step,
      STEPS.start.step,
    ] as CaseStepInput[]) {
      refused(await call(core, 'r1', 'cases.act', { caseNumber, step }), 'FORBIDDEN')
    }
    expect((await get(core, caseNumber)).status).toBe('accepted')
    expect(auditRows(core, caseNumber).filter((r) => r.action.startsWith('case.'))).toEqual([])

    await act(core, caseNumber, { action: 'plan', note: '先联系施工单位核实' }, 'r1')
    const detail = await act(core, caseNumber, { action: 'note', note: '来访人下午再来电' }, 'r1')
    expect(detail.status).toBe('accepted')
    expect(detail.events.slice(1)).toMatchObject([
      { action: 'plan', note: '先联系施工单位核实', userName: '用户R001', fromStatus: null, toStatus: null },
      { action: 'note', note: '来访人下午再来电', userName: '用户R001', fromStatus: null, toStatus: null },
    ])
    expect(
      auditRows(core, caseNumber)
        .map((r) => r.action)
        .filter((a) => a.startsWith('case.')),
    ).toEqual(['case.plan', 'case.note'])
  })

  it('cases.get lists no transition among a receptionist’s actions, and the officer’s by status', async ({ core }) => {
    const caseNumber = await register(core, 'accepted')
    const mine = (await get(core, caseNumber, 'r1')).actions
    expect(mine).toEqual(expect.arrayContaining(['plan', 'note']))
    expect(mine.filter((a) => isTransition(a as TransitionAction))).toEqual([])
    const officers = (await get(core, caseNumber, 'd1')).actions
    expect(officers.filter((a) => isTransition(a as TransitionAction)).sort()).toEqual(
      [...ALLOWED.accepted].sort(),
    )
  })
})

describe('暂停计时', () => {
  it('pauses the handling clock, drops the case from the overdue count, and resuming after N days adds N days', async ({ core }) => {
    const caseNumber = await register(core, 'assigned')
    const original = '2027-01-21'
    expect(clockDue(await get(core, caseNumber))).toBe(original)
    const late = '2027-02-01'
    expect((await supervision(core, late)).counts).toMatchObject({ overdue: 1, paused: 0 })

    core.clock.set('2026-11-27T02:00:00.000Z')
    const paused = await act(core, caseNumber, { action: 'pause', note: '等待听证' })
    expect(paused.paused).toBe(true)
    const clock = paused.clocks.find((k) => k.key === 'handling')
    expect(clock).toMatchObject({ due: null, paused: true, daysLeft: null })
    expect(paused.events.at(-1)).toMatchObject({ action: 'pause', note: '等待听证', userName: '用户D001' })
    const view = await supervision(core, late)
    expect(view.counts).toMatchObject({ overdue: 0, paused: 1, open: 1 })
    expect(view.rows[0]).toMatchObject({ caseNumber, dueDate: null, paused: true, daysLeft: null })

    // Only 办结 may go ahead while the clock stands still.
    expect(paused.actions.filter((a) => isTransition(a as TransitionAction))).toEqual(['close'])
    expect(paused.actions).toContain('resume')
    expect(paused.actions).not.toContain('pause')
    for (const action of ALLOWED.assigned.filter((a) => a !== 'close')) {
      const error = refused(
        await call(core, 'd1', 'cases.act', { caseNumber, step: STEPS[action].step }),
        'CONFLICT',
      )
      expect(error.message).toContain('暂停')
    }
    refused(
      await call(core, 'd1', 'cases.act', { caseNumber, step: { action: 'pause', note: '再次暂停' } }),
      'CONFLICT',
    )
    expect((await get(core, caseNumber)).status).toBe('assigned')

    const n = 7
    core.clock.set('2026-12-04T02:00:00.000Z')
    const resumed = await act(core, caseNumber, { action: 'resume', note: '听证结束' })
    const expected = addDays(original, n)
    expect(isWorkingDay(expected, await hallCalendar(core))).toBe(true)
    expect(resumed.paused).toBe(false)
    expect(clockDue(resumed)).toBe(expected)
    expect((await supervision(core, late)).rows[0]).toMatchObject({ dueDate: expected, paused: false })
    expect((await act(core, caseNumber, STEPS.start.step)).status).toBe('in_progress')
  })

  it('办结 is allowed while paused', async ({ core }) => {
    const caseNumber = await register(core, 'assigned')
    await act(core, caseNumber, { action: 'pause', note: '等待鉴定' })
    const closed = await act(core, caseNumber, STEPS.close.step)
    expect(closed.status).toBe('closed')
    expect((await supervision(core)).counts.open).toBe(0)
  })
})

describe('交办 at registration', () => {
  it('requires a responsible unit', async ({ core }) => {
    const error = refused(
      await call(core, 'r1', 'intake.register', validIntake(VISITOR, { routing: 'assigned', unitId: 0 })),
      'VALIDATION',
    )
    expect(error.fields?.map((f) => f.path)).toContain('unitId')
    expect(error.fields?.find((f) => f.path === 'unitId')?.message).toBe(translate(zhCN, 'v.unit.required'))
    expect(await ok(core, 'r1', 'visits.today', {})).toEqual([])
  })

  it('refuses a retired unit, and records an active one on the case', async ({ core }) => {
    await ok(core, 'admin', 'units.update', { id: UNIT_HR, name: '市人力资源和社会保障局', retired: true })
    const error = refused(
      await call(
        core,
        'r1',
        'intake.register',
        validIntake(VISITOR, { routing: 'assigned', unitId: UNIT_HR }),
      ),
      'VALIDATION',
    )
    expect(error.fields?.[0]?.path).toBe('unitId')
    expect(error.message).toBe(translate(zhCN, 'v.unit.unknown'))
    expect(error.message).toBe('所选责任单位不存在或已停用，请重新选择。')
    expect(await ok(core, 'r1', 'visits.today', {})).toEqual([])

    const caseNumber = await register(core, 'assigned')
    const detail = await get(core, caseNumber)
    expect(detail).toMatchObject({ status: 'assigned', unit: '市住房和城乡建设局' })
    expect(detail.clocks.map((k) => k.key)).toEqual(expect.arrayContaining(['handling', 'objection']))

    // A retired unit cannot be chosen later either.
    const other = await register(core, 'accepted', OTHER_VISITOR)
    const assign = refused(
      await call(core, 'd1', 'cases.act', {
        caseNumber: other,
        step: { action: 'assign', unitId: UNIT_HR, note: '' },
      }),
      'VALIDATION',
    )
    expect(assign.message).toBe(translate(zhCN, 'v.unit.unknown'))
    expect((await get(core, other)).status).toBe('accepted')
  })
})

describe('督办 (cases.supervision)', () => {
  it('counts overdue, due-soon, extended and paused cases, overdue first, and filters by unit and category', async ({ core }) => {
    const overdue = await register(core, 'accepted') // 2026-11-22 + 60 → 2027-01-21
    const extended = await register(core, 'assigned', OTHER_VISITOR)
    await act(core, extended, STEPS.start.step)
    await act(core, extended, { action: 'extend', days: 10, reason: '需补充材料' })
    const paused = await register(core, 'assigned', THIRD_VISITOR, { unitId: UNIT_CIVIL })
    await act(core, paused, { action: 'pause', note: '等待听证' })
    await register(core, 'resolved', '610602200002290263')
    core.clock.set('2026-11-24T02:00:00.000Z')
    const soon = await register(core, 'assigned', '350921194910010013', { categoryId: 6 }) // 2027-01-23 (Sat) → 2027-01-25
    core.clock.set('2026-11-30T02:00:00.000Z')
    const running = await register(core, 'assigned', '410481197011150644', { unitId: UNIT_CIVIL }) // 2027-01-29

    const cal = await hallCalendar(core)
    const due = (start: string, extensionDays = 0) =>
      dueDate({ start, days: 60, unit: 'calendar', pauses: [], extensionDays }, cal).due
    expect(due('2026-11-24')).toBe('2027-01-25')
    const today = '2027-01-22'
    const view = await supervision(core, today)
    expect(view.today).toBe(today)
    expect(view.counts).toEqual({ open: 5, overdue: 1, dueSoon: 1, extended: 1, paused: 1, withRepeats: 0 })
    expect(view.rows.map((r) => r.caseNumber)).toEqual([overdue, soon, running, extended, paused])
    expect(view.rows[0]).toMatchObject({
      caseNumber: overdue,
      dueDate: due(DAY0),
      daysLeft: -1,
      status: 'accepted',
    })
    expect(view.rows[1]).toMatchObject({
      caseNumber: soon,
      dueDate: '2027-01-25',
      daysLeft: 3,
      category: '劳动社保·欠薪',
    })
    expect(view.rows[2]).toMatchObject({ caseNumber: running, dueDate: due('2026-11-30'), unit: '市民政局' })
    expect(view.rows[3]).toMatchObject({
      caseNumber: extended,
      dueDate: due(DAY0, 10),
      extended: true,
      status: 'extended',
    })
    expect(view.rows[4]).toMatchObject({ caseNumber: paused, dueDate: null, paused: true })
    expect(view.rows.every((r) => r.maskedIdNumber.includes('********'))).toBe(true)

    const housing = await supervision(core, today, { unitId: UNIT_HOUSING })
    expect(housing.rows.map((r) => r.caseNumber)).toEqual([soon, extended])
    expect(housing.counts).toMatchObject({ open: 2, overdue: 0, dueSoon: 1, extended: 1, paused: 0 })
    const civil = await supervision(core, today, { unitId: UNIT_CIVIL })
    expect(civil.rows.map((r) => r.caseNumber)).toEqual([running, paused])
    const wages = await supervision(core, today, { categoryId: 6 })
    expect(wages.rows.map((r) => r.caseNumber)).toEqual([soon])
    const both = await supervision(core, today, { unitId: UNIT_CIVIL, categoryId: 4 })
    expect(both.rows.map((r) => r.caseNumber)).toEqual([running, paused])

    // The same by the clock: on 2027-01-22 (hall time) the view judges against that day.
    core.clock.set('2027-01-22T02:00:00.000Z')
    const byClock = await supervision(core)
    expect(byClock.today).toBe(today)
    expect(byClock.counts).toEqual(view.counts)
  })

  it('一日工作法: today’s open cases without a plan recorded today, until one is recorded', async ({ core }) => {
    const yesterday = await register(core, 'accepted')
    core.clock.set('2026-11-23T02:00:00.000Z')
    const first = await register(core, 'accepted', OTHER_VISITOR)
    const second = await register(core, 'assigned', THIRD_VISITOR)
    await register(core, 'resolved', '610602200002290263')
    let view = await supervision(core)
    expect(view.today).toBe('2026-11-23')
    expect(view.withoutPlan.map((r) => r.caseNumber)).toEqual([first, second])
    expect(view.rows.map((r) => r.caseNumber)).toContain(yesterday)

    // A note is not a plan.
    await act(core, first, { action: 'note', note: '来访人情绪激动' }, 'r1')
    expect((await supervision(core)).withoutPlan.map((r) => r.caseNumber)).toEqual([first, second])
    await act(core, first, { action: 'plan', note: '明日约谈施工单位' }, 'r1')
    view = await supervision(core)
    expect(view.withoutPlan.map((r) => r.caseNumber)).toEqual([second])
    await act(core, second, { action: 'plan', note: '交办单位三日内反馈' })
    expect((await supervision(core)).withoutPlan).toEqual([])
  })
})

describe('holiday calendar edits', () => {
  it('a holiday put on an open case’s due date moves it to the next working day when the admin moves open cases; removing it moves it back', async ({ core }) => {
    const caseNumber = await register(core, 'accepted')
    const original = '2027-01-21'
    expect(clockDue(await get(core, caseNumber))).toBe(original)

    // A calendar change applies to open cases only when chosen (DESIGN §3; rules-change.test.ts).
    const list = await ok(core, 'admin', 'holidays.put', {
      date: original,
      kind: 'holiday',
      name: '测试假日',
      applyToOpenCases: true,
    })
    expect(list).toContainEqual({ date: original, kind: 'holiday', name: '测试假日' })
    const cal = await hallCalendar(core)
    const moved = dueDate({ start: DAY0, days: 60, unit: 'calendar', pauses: [] }, cal).due
    expect(moved).toBe('2027-01-22')
    expect(clockDue(await get(core, caseNumber))).toBe(moved)
    expect((await supervision(core)).rows.find((r) => r.caseNumber === caseNumber)?.dueDate).toBe(moved)

    const after = await ok(core, 'admin', 'holidays.remove', { date: original, applyToOpenCases: true })
    expect(after.some((h) => h.date === original)).toBe(false)
    expect(clockDue(await get(core, caseNumber))).toBe(original)
    expect((await supervision(core)).rows.find((r) => r.caseNumber === caseNumber)?.dueDate).toBe(original)
  })

  it('holidays.import refuses a CSV with a wrong line, naming it, and imports a valid one', async ({ core }) => {
    const before = await ok(core, 'admin', 'holidays.list', {})
    const bad = refused(
      await call(core, 'admin', 'holidays.import', {
        csv: '日期,类型,名称\n2027-03-08,休,妇女节\n2027-02-30,休,不存在的日子\n',
      }),
      'VALIDATION',
    )
    expect(bad.fields?.[0]?.path).toBe('csv')
    expect(bad.message).toContain('第 3 行')
    expect(await ok(core, 'admin', 'holidays.list', {})).toEqual(before)

    const wrongKind = refused(
      await call(core, 'admin', 'holidays.import', { csv: '2027-03-08,休,妇女节\n2027-03-13,上班,调休' }),
      'VALIDATION',
    )
    expect(wrongKind.message).toContain('第 2 行')

    const imported = await ok(core, 'admin', 'holidays.import', {
      csv: '\uFEFFdate,kind,name\r\n2027-03-08,休,妇女节\r\n2027-03-13，班，调休上班\r\n',
    })
    expect(imported).toContainEqual({ date: '2027-03-08', kind: 'holiday', name: '妇女节' })
    expect(imported).toContainEqual({ date: '2027-03-13', kind: 'workday', name: '调休上班' })
    expect(imported).toHaveLength(before.length + 2)
  })
})

describe('关联此前案件', () => {
  it('links to an earlier case of the same visitor, and refuses another visitor’s case', async ({ core }) => {
    const earlier = await register(core, 'accepted')
    const stranger = await register(core, 'accepted', OTHER_VISITOR)
    core.clock.set('2026-11-23T02:00:00.000Z')
    const later = await register(core, 'accepted')
    expect((await get(core, later)).otherVisits.map((v) => v.caseNumber)).toEqual([earlier])

    const linked = await act(core, later, { action: 'link', caseNumber: earlier, note: '同一事项再次来访' }, 'r1')
    expect(linked.linkedCaseNumber).toBe(earlier)
    expect(linked.events.at(-1)).toMatchObject({
      action: 'link',
      data: { caseNumber: earlier },
      userName: '用户R001',
    })

    const other = refused(
      await call(core, 'r1', 'cases.act', {
        caseNumber: later,
        step: { action: 'link', caseNumber: stranger, note: '' },
      }),
      'VALIDATION',
    )
    expect(other.fields?.[0]?.path).toBe('caseNumber')
    expect(other.message).toBe(translate(zhCN, 'v.case.linkOtherVisitor'))
    const unknown = refused(
      await call(core, 'r1', 'cases.act', {
        caseNumber: later,
        step: { action: 'link', caseNumber: 'WH-20261122-0099', note: '' },
      }),
      'VALIDATION',
    )
    expect(unknown.message).toBe(translate(zhCN, 'v.case.linkUnknown'))
    expect((await get(core, later)).linkedCaseNumber).toBe(earlier)
  })
})

describe('领导接访 and 包案', () => {
  it('leaders.record lists the reception on each case; an unknown case number is refused', async ({ core }) => {
    const a = await register(core, 'accepted')
    const b = await register(core, 'assigned', OTHER_VISITOR)
    const c = await register(core, 'accepted', THIRD_VISITOR)
    const reception = await ok(core, 'd1', 'leaders.record', {
      day: DAY0,
      leaderName: '李明',
      leaderTitle: '副市长',
      note: '周日接访',
      caseNumbers: [a, b],
    })
    expect(reception.caseNumbers.sort()).toEqual([a, b].sort())
    for (const n of [a, b])
      expect((await get(core, n)).leaderReceptions).toEqual([{ day: DAY0, leaderName: '李明' }])
    expect((await get(core, c)).leaderReceptions).toEqual([])

    const missing = 'WH-20261122-0099'
    const error = refused(
      await call(core, 'd1', 'leaders.record', {
        day: DAY0,
        leaderName: '王强',
        leaderTitle: '',
        note: '',
        caseNumbers: [c, missing],
      }),
      'NOT_FOUND',
    )
    expect(error.message).toContain(missing)
    expect(await ok(core, 'd1', 'leaders.list', {})).toHaveLength(1)
    expect((await get(core, c)).leaderReceptions).toEqual([])
    refused(
      await call(core, 'r1', 'leaders.record', {
        day: DAY0,
        leaderName: '王强',
        leaderTitle: '',
        note: '',
        caseNumbers: [c],
      }),
      'FORBIDDEN',
    )
  })

  it('the leader step sets the 包案 leader, shown on the case and in 督办', async ({ core }) => {
    const caseNumber = await register(core, 'assigned')
    refused(
      await call(core, 'r1', 'cases.act', {
        caseNumber,
        step: { action: 'leader', leaderName: '张局长', note: '' },
      }),
      'FORBIDDEN',
    )
    const detail = await act(core, caseNumber, { action: 'leader', leaderName: '张局长', note: '领导包案' })
    expect(detail.leaderName).toBe('张局长')
    expect(detail.events.at(-1)).toMatchObject({
      action: 'leader',
      note: '领导包案',
      data: { leader: '张局长' },
    })
    expect((await supervision(core)).rows.find((r) => r.caseNumber === caseNumber)?.leaderName).toBe('张局长')
  })
})

describe('cases.revealIdentity', () => {
  it('shows a duty officer the full ID number and phone, and audits the view; a receptionist is refused', async ({ core }) => {
    const caseNumber = await register(core, 'accepted')
    expect((await get(core, caseNumber)).visitor.maskedIdNumber).toBe('420106********0311')
    const revealed = await ok(core, 'd1', 'cases.revealIdentity', { caseNumber, reason: '电话回访核对' })
    expect(revealed).toEqual({ idNumber: VISITOR, phone: '13700002222' })
    const views = auditRows(core, caseNumber).filter((r) => r.action === 'visitor.viewIdNumber')
    expect(views).toHaveLength(1)
    expect(views[0]?.user_id).toBe(userId(core, 'D001'))
    expect(views[0]?.detail).not.toContain(VISITOR)

    refused(await call(core, 'r1', 'cases.revealIdentity', { caseNumber, reason: '电话回访核对' }), 'FORBIDDEN')
    expect(auditRows(core, caseNumber).filter((r) => r.action === 'visitor.viewIdNumber')).toHaveLength(1)
    refused(await call(core, 'd1', 'cases.revealIdentity', { caseNumber: 'WH-20261122-0099', reason: '电话回访核对' }), 'NOT_FOUND')
  })
})

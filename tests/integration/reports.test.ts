import { representatives } from '../support/representatives'
import { isoDay } from '../../shared/days'
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import { formatRate } from '../../electron/services/reports/formats'
import { DEFAULT_DEADLINE_RULES } from '../../shared/deadlines/rules'
import { maskIdNumber } from '../../shared/id-number'
import { daysOf, previousWeek, statsMonth } from '../../shared/reports/period'
import type { ErrorCode, RpcResult } from '../../shared/rpc/result'
import type { ExportJob, Statistics } from '../../shared/reports/types'
import type { CaseStepInput } from '../../shared/cases/schemas'
import type { IntakeInput } from '../../shared/intake/schemas'
import { intakeSchema } from '../../shared/intake/schemas'
import { hallClockTime, hallDate } from '../../shared/time'
import {
  addUser,
  call,
  fakeClock,
  ok,
  setUpHall,
  tempDir,
  testCore,
  validIntake,
  type FakeClock,
} from './helpers'

/*
 * The fixture, in the hall's local time (Asia/Shanghai, UTC+8). November 2026 has no holidays:
 * 11-21/22 and 11-28/29 are the weekends. The hall's rules are shortened so that the clocks run
 * out inside a fortnight: written notice (及时受理) 3 calendar days, handling (办理) 5 calendar
 * days; a last day on a rest day moves to the next working day.
 *
 * Visitors: A, B, C, D, E, F, G (ID numbers below). Receptionists R001 (r1), R002 (r2).
 * Categories: 2 城乡建设·住房保障, 4 城乡建设·市政设施, 6 劳动社保·欠薪.
 * Units: 1 市住房和城乡建设局, 3 市民政局.
 *
 * Before the period (registered outside it, so never a batch of it):
 *   Cp 11-12 r1 G cat4 受理 · closed 11-13 · 回访 11-13 不满意 (all before the period: not counted)
 *   C0 11-13 r1 D cat6 受理 · handling due 11-13+5 = 11-18 · closed 11-17 (in time) · 回访 11-18 满意
 * The period 2026-11-16 (Mon) .. 2026-11-26 (Thu), today = 11-26:
 *   C1 11-16 10:05 r1 A  cat4 受理   · receipt 11-16 (notice due 11-19) · closed 11-23; handling due
 *                                      11-16+5 = 11-21 (Sat) moved to 11-23 (Mon): in time · 回访 11-24 满意
 *   C2 11-16 11:00 r2 B  cat6 受理, group of 5 · 交办 unit 1 the same day (clock from 11-16, due
 *                                      11-23) · never printed · closed 11-24: LATE; the close is its
 *                                      notice (11-24 > due 11-19): late too · 回访 11-25 不满意
 *   C3 11-16 14:30 r1 C  cat4 当场办结 · closed and noticed 11-16, in time by definition
 *   C4 11-17 09:30 r1 A  cat4 受理 (repeat) · 交办 unit 3 + 开始办理 11-18 (clock from 11-18, due
 *                                      11-23) · receipt 11-18 (notice due 11-20) · 延期 3 days on
 *                                      11-19: due 11-23+3 = 11-26 · closed 11-25: in time · 回访 11-26 基本满意
 *   C5 11-18 10:00 r2 D  cat6 受理 (repeat of C0) · never printed, open: notice due 11-21 (Sat)
 *                                      moved to 11-23 ≤ today: due and missed
 *   C6 11-20 15:00 r2 E  cat2 交办 unit 1 at registration, group of 12 · receipt 11-24, notice due
 *                                      11-23 (Mon): late · open
 *   C7 11-23 10:00 r1 B  cat6 当场办结 (repeat of C2) · notice 11-23, due 11-26: in time
 *   C8 11-24 16:00 r1 F  cat4 受理, name "欧阳,明", a quote in the demands · receipt 11-24 (due
 *                                      11-27) · closed 11-24 (due 11-29 Sun → 11-30) · 回访 11-25 基本满意
 *   C9 11-26 09:00 r2 A  cat4 受理 (repeat, today) · no receipt, notice due 11-29 (Sun) → 11-30,
 *                                      after today: not yet counted
 *
 * By hand:
 *   批次 = C1..C9 = 9; 人次 = 7 individuals + 5 + 12 = 24
 *   byDay: 11-16 3 batches / 1+5+1 = 7 persons; 11-17 1/1; 11-18 1/1; 11-19 0/0; 11-20 1/12;
 *          11-21 0/0; 11-22 0/0; 11-23 1/1; 11-24 1/1; 11-25 0/0; 11-26 1/1  (Σ 9 / 24)
 *   byCategory: 城乡建设·市政设施 C1 C3 C4 C8 C9 = 5/5; 劳动社保·欠薪 C2 C5 C7 = 3/(5+1+1) = 3/7;
 *               城乡建设·住房保障 C6 = 1/12
 *   byUnit: none ('') C1 C3 C5 C7 C8 C9 = 6/6; 市住房和城乡建设局 C2 C6 = 2/(5+12) = 2/17; 市民政局 C4 = 1/1
 *   byReceptionist: 用户R001 C1 C3 C4 C7 C8 = 5/5; 用户R002 C2 C5 C6 C9 = 4/(5+1+12+1) = 4/19
 *   及时受理率: due or given = C1 C2 C3 C4 C5 C6 C7 C8 = 8 (C9 not due yet);
 *               in time = C1 C3 C4 C7 C8 = 5 → 5/8 = 62.5%
 *   按期办结率: closed in the period = C0 (11-17) C1 (11-23) C2 (11-24) C3 (11-16) C4 (11-25)
 *               C7 (11-23) C8 (11-24) = 7 (Cp closed 11-13: outside); in time = all but C2 = 6
 *               → 6/7 = 85.7%
 *   满意率: 回访 in the period = C0 满意, C1 满意, C2 不满意, C4 基本满意, C8 基本满意 (Cp's is
 *           before the period) → satisfied 2, basically 2, unsatisfied 1 → (2+2)/5 = 80.0%
 *   当日办结率: closed on the day registered = C3, C7, C8 = 3 of 9 batches → 33.3%
 *   重复来访: C4 (A after C1), C5 (D after C0), C7 (B after C2), C9 (A after C1, C4) = 4
 */

const ID = {
  A: '420106196503120311',
  B: '110105198807300426',
  C: '330105195201010173',
  D: '420101197001010019',
  E: '420102197512120021',
  F: '420103198005050031',
  G: '420104199011110046',
} as const
const ALL_IDS: readonly string[] = Object.values(ID)

const CAT_HOUSING = 2
const CAT_MUNICIPAL = 4
const CAT_WAGES = 6
const UNIT_HOUSING = 1
const UNIT_CIVIL = 3

const FROM = isoDay('2026-11-16')
const TO = isoDay('2026-11-26')
const TITLE = `武汉市信访局接待大厅 来访登记台账 ${FROM} 至 ${TO}`
const COMMA_NAME = '欧阳,明'
const QUOTED_DEMANDS = '要求施工单位"尽快"修复排水管网, 并赔偿损失。'
const HEADERS = [
  '序号',
  '登记时间',
  '案件编号',
  '来访人',
  '身份证号',
  '来访类型',
  '人数',
  '诉求类别',
  '诉求摘要',
  '办理方式',
  '责任单位',
  '当前状态',
  '接待人',
  // The matter's first case on a visit confirmed as a repeat visit on it (issue #16).
  '同一事项',
  // A group visit's representatives, ID numbers and phones masked (issue #13).
  '代表',
  // The queue ticket a case was registered from (issue #15); empty here, where nobody took a number.
  '排队号',
  '取号时间',
  '等候时长（分钟）',
  '服务时长（分钟）',
  '窗口',
]
const FULL_ID = /\d{17}[\dXx]/

/** The hall's wall-clock time on a day, as the fake clock's instant. */
const local = (day: string, time: string) => `${day}T${time}:00+08:00`

/** Fails the test unless the call was refused with the code. */
function refused(result: RpcResult<unknown>, code: ErrorCode): void {
  if (result.ok) throw new Error(`expected ${code}, the call succeeded`)
  expect(result.error.code, result.error.message).toBe(code)
}

/** Polls an export until it is no longer running, yielding to the event loop between polls. */
async function waitForJob(
  core: Core,
  session: string,
  id: string,
  onPoll: (job: ExportJob) => Promise<void> = () => Promise.resolve(),
): Promise<{ job: ExportJob; seen: number[] }> {
  const seen: number[] = []
  const deadline = Date.now() + 60_000
  for (;;) {
    const job = await ok(core, session, 'reports.job', { id })
    seen.push(job.progress)
    if (job.status !== 'running') return { job, seen }
    await onPoll(job)
    if (Date.now() > deadline) throw new Error('the export never finished')
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
}

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i += 1
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i += 1
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

/** What a cell holds, as text, for the full-ID check. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

interface DbVisit {
  case_number: string
  visitor_name: string
  id_number: string | null
  headcount: number
  registered_at: string
}

describe('statistics periods', () => {
  it('a statistical month from the 21st to the 20th contains today', () => {
    expect(statsMonth('2026-11-24', 21)).toEqual({ from: '2026-11-21', to: '2026-12-20' })
    expect(statsMonth('2026-11-20', 21)).toEqual({ from: '2026-10-21', to: '2026-11-20' })
    expect(statsMonth('2026-11-21', 21)).toEqual({ from: '2026-11-21', to: '2026-12-20' })
    // Across the year end, both ways.
    expect(statsMonth('2026-12-24', 21)).toEqual({ from: '2026-12-21', to: '2027-01-20' })
    expect(statsMonth('2027-01-05', 21)).toEqual({ from: '2026-12-21', to: '2027-01-20' })
    // A calendar month when counting from the 1st.
    expect(statsMonth('2026-11-24', 1)).toEqual({ from: '2026-11-01', to: '2026-11-30' })
  })

  it('previousWeek is Monday to Sunday of the week before', () => {
    expect(previousWeek('2026-11-24')).toEqual({ from: '2026-11-16', to: '2026-11-22' }) // a Tuesday
    expect(previousWeek('2026-11-23')).toEqual({ from: '2026-11-16', to: '2026-11-22' }) // a Monday
    expect(previousWeek('2026-11-22')).toEqual({ from: '2026-11-09', to: '2026-11-15' }) // a Sunday
  })
})

describe('reports on a hand-computed fixture', () => {
  let dir: ReturnType<typeof tempDir>
  let core: Core & { clock: FakeClock }
  const cases: Record<string, string> = {}

  async function register(
    key: string,
    session: string,
    idNumber: string,
    overrides: Partial<IntakeInput> = {},
  ): Promise<void> {
    const { caseNumber } = await ok(
      core,
      session,
      'intake.register',
      validIntake(idNumber, { categoryId: CAT_MUNICIPAL, ...overrides }),
    )
    cases[key] = caseNumber
  }
  const caseOf = (key: string): string => {
    const n = cases[key]
    if (n === undefined) throw new Error(`no case ${key}`)
    return n
  }
  async function act(key: string, step: CaseStepInput): Promise<void> {
    await ok(core, 'd1', 'cases.act', { caseNumber: caseOf(key), step })
  }
  async function printReceipt(key: string, session: string): Promise<void> {
    const { printId } = await ok(core, session, 'receipts.browserPrint', { caseNumber: caseOf(key) })
    await ok(core, session, 'receipts.complete', { printId })
  }
  const close = (key: string) => act(key, { action: 'close', result: '已督促责任单位办结' })
  const followUp = (key: string, satisfaction: 'satisfied' | 'basically_satisfied' | 'unsatisfied') =>
    act(key, { action: 'followUp', satisfaction, note: '电话回访' })
  const group = (headcount: number, names: string[]): Partial<IntakeInput> => ({
    kind: 'group',
    headcount,
    representatives: representatives(...names),
  })

  function dbVisits(from: string, to: string): DbVisit[] {
    return core.connection.raw
      .prepare(
        `SELECT v.case_number, v.visitor_name, p.id_number, v.headcount, v.registered_at
         FROM visits v JOIN visitors p ON p.id = v.visitor_id
         WHERE v.hall_day BETWEEN ? AND ? ORDER BY v.case_number`,
      )
      .all(from.replace(/-/g, ''), to.replace(/-/g, '')) as DbVisit[]
  }

  async function exportFile(input: {
    kind: 'log' | 'weekly'
    format: 'xlsx' | 'csv'
    from: string
    to: string
  }): Promise<{ job: ExportJob; path: string }> {
    const started = await ok(core, 'admin', 'reports.export', input)
    expect(started.status).toBe('running')
    const { job, seen } = await waitForJob(core, 'admin', started.id)
    expect(job.status, job.error ?? '').toBe('done')
    expect(job.progress).toBe(1)
    expect(seen.at(-1)).toBe(1)
    const file = core.exports.take('admin', job.id)
    if (file === null) throw new Error('the finished export has no file')
    expect(file.fileName).toBe(job.fileName)
    return { job, path: file.path }
  }

  beforeAll(async () => {
    dir = tempDir()
    core = await testCore(dir.dir, fakeClock(local('2026-11-12', '08:30')))
    await setUpHall(core)
    // Cases live for two weeks here: no idle lock; the clocks shortened to 3 and 5 days.
    await ok(core, 'admin', 'settings.update', {
      address: '中北路1号',
      phone: '027-88886666',
      receiptLayout: 'a5',
      receiptPrinter: null,
      idleLockMinutes: 0,
      deadlineRules: { ...DEFAULT_DEADLINE_RULES, writtenNotice: 3, handling: 5 },
    })
    await addUser(core, 'r1', 'receptionist', 'R001')
    await addUser(core, 'r2', 'receptionist', 'R002')
    await addUser(core, 'd1', 'duty_officer', 'D001')
    const clock = core.clock

    clock.set(local('2026-11-12', '10:00'))
    await register('Cp', 'r1', ID.G)
    clock.set(local('2026-11-13', '10:00'))
    await close('Cp')
    clock.set(local('2026-11-13', '11:00'))
    await followUp('Cp', 'unsatisfied')
    clock.set(local('2026-11-13', '14:00'))
    await register('C0', 'r1', ID.D, { categoryId: CAT_WAGES })

    clock.set(local('2026-11-16', '10:05'))
    await register('C1', 'r1', ID.A)
    clock.set(local('2026-11-16', '10:10'))
    await printReceipt('C1', 'r1')
    clock.set(local('2026-11-16', '11:00'))
    await register('C2', 'r2', ID.B, { categoryId: CAT_WAGES, ...group(5, ['王建军']) })
    clock.set(local('2026-11-16', '11:30'))
    await act('C2', { action: 'assign', unitId: UNIT_HOUSING, note: '' })
    clock.set(local('2026-11-16', '14:30'))
    await register('C3', 'r1', ID.C, { routing: 'resolved' })

    clock.set(local('2026-11-17', '09:30'))
    await register('C4', 'r1', ID.A)
    clock.set(local('2026-11-17', '10:00'))
    await close('C0')

    clock.set(local('2026-11-18', '09:00'))
    await followUp('C0', 'satisfied')
    clock.set(local('2026-11-18', '10:00'))
    await register('C5', 'r2', ID.D, { categoryId: CAT_WAGES })
    clock.set(local('2026-11-18', '10:30'))
    await act('C4', { action: 'assign', unitId: UNIT_CIVIL, note: '' })
    clock.set(local('2026-11-18', '10:40'))
    await act('C4', { action: 'start', note: '' })
    clock.set(local('2026-11-18', '10:50'))
    await printReceipt('C4', 'd1')

    clock.set(local('2026-11-19', '10:00'))
    await act('C4', { action: 'extend', days: 3, reason: '需现场勘查' })

    clock.set(local('2026-11-20', '15:00'))
    await register('C6', 'r2', ID.E, {
      categoryId: CAT_HOUSING,
      routing: 'assigned',
      unitId: UNIT_HOUSING,
      ...group(12, ['李卫东', '赵红梅']),
    })

    clock.set(local('2026-11-23', '09:00'))
    await close('C1')
    clock.set(local('2026-11-23', '10:00'))
    await register('C7', 'r1', ID.B, { categoryId: CAT_WAGES, routing: 'resolved' })

    clock.set(local('2026-11-24', '09:00'))
    await close('C2')
    clock.set(local('2026-11-24', '10:00'))
    await followUp('C1', 'satisfied')
    clock.set(local('2026-11-24', '11:00'))
    await printReceipt('C6', 'r2')
    clock.set(local('2026-11-24', '16:00'))
    const c8 = validIntake(ID.F)
    await register('C8', 'r1', ID.F, {
      visitor: { ...c8.visitor, name: COMMA_NAME },
      answers: { ...c8.answers, demands: { text: QUOTED_DEMANDS, mark: null, reason: '' } },
    })
    clock.set(local('2026-11-24', '16:10'))
    await printReceipt('C8', 'r1')
    clock.set(local('2026-11-24', '17:00'))
    await close('C8')

    clock.set(local('2026-11-25', '09:00'))
    await followUp('C2', 'unsatisfied')
    clock.set(local('2026-11-25', '10:00'))
    await close('C4')
    clock.set(local('2026-11-25', '11:00'))
    await followUp('C8', 'basically_satisfied')

    clock.set(local('2026-11-26', '09:00'))
    await register('C9', 'r2', ID.A)
    clock.set(local('2026-11-26', '10:00'))
    await followUp('C4', 'basically_satisfied')
    clock.set(local('2026-11-26', '12:00'))
  })
  afterAll(async () => {
    await core.close()
    dir.remove()
  })

  it('the fixture stands as computed by hand (deadlines, notice days, closing days)', () => {
    const rows = core.connection.raw
      .prepare(
        'SELECT case_number, notice_due, notice_day, closed_day, closed_due_date, satisfaction FROM visits ORDER BY case_number',
      )
      .all() as {
      case_number: string
      notice_due: string
      notice_day: string | null
      closed_day: string | null
      closed_due_date: string | null
      satisfaction: string | null
    }[]
    const byCase = new Map(rows.map((r) => [r.case_number, r]))
    const row = (key: string) => byCase.get(caseOf(key))
    expect(row('C0')).toMatchObject({
      closed_day: '2026-11-17',
      closed_due_date: '2026-11-18',
      satisfaction: 'satisfied',
    })
    expect(row('C1')).toMatchObject({
      notice_due: '2026-11-19',
      notice_day: '2026-11-16',
      closed_day: '2026-11-23',
      closed_due_date: '2026-11-23',
    })
    expect(row('C2')).toMatchObject({
      notice_due: '2026-11-19',
      notice_day: '2026-11-24',
      closed_day: '2026-11-24',
      closed_due_date: '2026-11-23',
    })
    expect(row('C3')).toMatchObject({
      notice_day: '2026-11-16',
      closed_day: '2026-11-16',
      closed_due_date: '2026-11-16',
    })
    expect(row('C4')).toMatchObject({
      notice_due: '2026-11-20',
      notice_day: '2026-11-18',
      closed_day: '2026-11-25',
      closed_due_date: '2026-11-26',
    })
    expect(row('C5')).toMatchObject({ notice_due: '2026-11-23', notice_day: null, closed_day: null })
    expect(row('C6')).toMatchObject({ notice_due: '2026-11-23', notice_day: '2026-11-24', closed_day: null })
    expect(row('C7')).toMatchObject({
      notice_due: '2026-11-26',
      notice_day: '2026-11-23',
      closed_day: '2026-11-23',
    })
    expect(row('C8')).toMatchObject({
      notice_due: '2026-11-27',
      notice_day: '2026-11-24',
      closed_day: '2026-11-24',
      closed_due_date: '2026-11-30',
    })
    expect(row('C9')).toMatchObject({ notice_due: '2026-11-30', notice_day: null, closed_day: null })
  })

  it('reports.statistics gives exactly the hand-computed numbers', async () => {
    const s = await ok(core, 'd1', 'reports.statistics', { from: FROM, to: TO })
    const expected: Statistics = {
      from: FROM,
      to: TO,
      batches: 9,
      persons: 24,
      byDay: [
        { day: '2026-11-16', batches: 3, persons: 7 },
        { day: '2026-11-17', batches: 1, persons: 1 },
        { day: '2026-11-18', batches: 1, persons: 1 },
        { day: '2026-11-19', batches: 0, persons: 0 },
        { day: '2026-11-20', batches: 1, persons: 12 },
        { day: '2026-11-21', batches: 0, persons: 0 },
        { day: '2026-11-22', batches: 0, persons: 0 },
        { day: '2026-11-23', batches: 1, persons: 1 },
        { day: '2026-11-24', batches: 1, persons: 1 },
        { day: '2026-11-25', batches: 0, persons: 0 },
        { day: '2026-11-26', batches: 1, persons: 1 },
      ],
      byCategory: [
        { name: '城乡建设·市政设施', batches: 5, persons: 5 },
        { name: '劳动社保·欠薪', batches: 3, persons: 7 },
        { name: '城乡建设·住房保障', batches: 1, persons: 12 },
      ],
      byUnit: [
        { name: '', batches: 6, persons: 6 },
        { name: '市住房和城乡建设局', batches: 2, persons: 17 },
        { name: '市民政局', batches: 1, persons: 1 },
      ],
      byReceptionist: [
        { name: '用户R001', batches: 5, persons: 5 },
        { name: '用户R002', batches: 4, persons: 19 },
      ],
      timelyAcceptance: { numerator: 5, denominator: 8, value: 5 / 8 },
      onTimeClosing: { numerator: 6, denominator: 7, value: 6 / 7 },
      satisfaction: {
        numerator: 4,
        denominator: 5,
        value: 4 / 5,
        satisfied: 2,
        basicallySatisfied: 2,
        unsatisfied: 1,
      },
      sameDay: { numerator: 3, denominator: 9, value: 3 / 9 },
      repeatVisits: 4,
      // No visit of this hall was confirmed as the same matter as an earlier case.
      repeatVisitsByMatter: 0,
      repeatMatters: 0,
    }
    expect(s).toEqual(expected)
    expect(s.byDay.map((d) => d.day)).toEqual(daysOf({ from: FROM, to: TO }))
    expect(formatRate(s.timelyAcceptance)).toBe('62.5%（5/8）')
    expect(formatRate(s.onTimeClosing)).toBe('85.7%（6/7）')
    expect(formatRate(s.satisfaction)).toBe('80.0%（4/5）')
    expect(formatRate(s.sameDay)).toBe('33.3%（3/9）')
    // The administrator sees the same numbers; a receptionist does not see them.
    expect(await ok(core, 'admin', 'reports.statistics', { from: FROM, to: TO })).toEqual(expected)
    refused(await call(core, 'r1', 'reports.statistics', { from: FROM, to: TO }), 'FORBIDDEN')
  })

  it('today is included: a registration made today counts', async () => {
    const today = await ok(core, 'd1', 'reports.statistics', { from: TO, to: TO })
    expect(today).toMatchObject({
      batches: 1,
      persons: 1,
      byDay: [{ day: TO, batches: 1, persons: 1 }],
      repeatVisits: 1,
    })
    // C9's notice runs until 11-30: not yet due, so no rate counts it.
    expect(today.timelyAcceptance).toEqual({ numerator: 0, denominator: 0, value: null })
    expect(formatRate(today.timelyAcceptance)).toBe('—')
    // C4 was followed up today.
    expect(today.satisfaction).toMatchObject({ numerator: 1, denominator: 1, basicallySatisfied: 1 })
  })

  it('an empty period has every day at zero and no rates', async () => {
    const s = await ok(core, 'd1', 'reports.statistics', { from: '2026-11-21', to: '2026-11-22' })
    expect(s).toMatchObject({
      batches: 0,
      persons: 0,
      byDay: [
        { day: '2026-11-21', batches: 0, persons: 0 },
        { day: '2026-11-22', batches: 0, persons: 0 },
      ],
      byCategory: [],
      timelyAcceptance: { value: null },
      sameDay: { numerator: 0, denominator: 0, value: null },
      repeatVisits: 0,
    })
  })

  // Regression: the streaming ExcelJS writer has no spliceRows, and every XLSX export once failed.
  it('the XLSX log reads back as the database and the statistics', async () => {
    const { job, path } = await exportFile({ kind: 'log', format: 'xlsx', from: FROM, to: TO })
    expect(job.fileName).toBe(`台账_${FROM}至${TO}.xlsx`)
    expect(job.download).toBe(`/download/${job.id}`)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)

    const log = wb.getWorksheet('台账')
    if (log === undefined) throw new Error('no 台账 sheet')
    expect(log.getCell(1, 1).value).toBe(TITLE)
    expect(HEADERS.map((_, i) => log.getRow(2).getCell(i + 1).value)).toEqual(HEADERS)
    expect(log.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 })

    const visits = dbVisits(FROM, TO)
    expect(visits.map((v) => v.case_number)).toEqual(
      ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9'].map(caseOf),
    )
    expect(log.rowCount).toBe(2 + visits.length)
    visits.forEach((v, i) => {
      const row = log.getRow(3 + i)
      expect(row.getCell(1).value).toBe(i + 1)
      expect(row.getCell(3).value).toBe(v.case_number)
      expect(row.getCell(4).value).toBe(v.visitor_name)
      expect(row.getCell(5).value).toBe(maskIdNumber(v.id_number))
      expect(row.getCell(7).value).toBe(v.headcount)
      const registered = row.getCell(2).value
      if (!(registered instanceof Date)) throw new Error(`row ${i + 1}: 登记时间 is not a date`)
      // Asia/Shanghai is UTC+8 all year: the cell holds the hall's wall clock as its UTC time.
      expect(registered.getTime()).toBe(Date.parse(v.registered_at) + 8 * 3_600_000)
    })
    const first = log.getRow(3)
    const firstAt = first.getCell(2).value as Date
    expect([
      firstAt.getUTCFullYear(),
      firstAt.getUTCMonth() + 1,
      firstAt.getUTCDate(),
      firstAt.getUTCHours(),
      firstAt.getUTCMinutes(),
    ]).toEqual([2026, 11, 16, 10, 5])
    expect(first.getCell(2).numFmt).toBe('yyyy-mm-dd hh:mm')
    expect(first.getCell(5).value).toBe('420106********0311')
    // C2, the group of five, 交办 to the housing bureau and closed.
    expect([3, 5, 6, 7, 8, 10, 11, 12, 13].map((c) => log.getRow(4).getCell(c).value)).toEqual([
      caseOf('C2'),
      '110105********0426',
      '集体访',
      5,
      '劳动社保·欠薪',
      '交办',
      '市住房和城乡建设局',
      '已回访',
      '用户R002',
    ])

    const summary = wb.getWorksheet('汇总')
    if (summary === undefined) throw new Error('no 汇总 sheet')
    const stats = await ok(core, 'admin', 'reports.statistics', { from: FROM, to: TO })
    const lines = new Map<string, ExcelJS.CellValue>()
    summary.eachRow((row) => {
      const key = row.getCell(1).value
      if (typeof key === 'string' && !lines.has(key)) lines.set(key, row.getCell(2).value)
    })
    expect(summary.getCell(1, 1).value).toBe(TITLE)
    expect(lines.get('统计期间')).toBe(`${FROM} 至 ${TO}`)
    expect(lines.get('批次')).toBe(stats.batches)
    expect(lines.get('批次')).toBe(9)
    expect(lines.get('人次')).toBe(stats.persons)
    expect(lines.get('人次')).toBe(24)
    expect(lines.get('及时受理率')).toBe(formatRate(stats.timelyAcceptance))
    expect(lines.get('及时受理率')).toBe('62.5%（5/8）')
    expect(lines.get('按期办结率')).toBe('85.7%（6/7）')
    expect(lines.get('满意率')).toBe('80.0%（4/5）')
    expect(lines.get('  其中 满意 / 基本满意 / 不满意')).toBe('2 / 2 / 1')
    expect(lines.get('当日办结率')).toBe('33.3%（3/9）')
    expect(lines.get('重复来访')).toBe(4)
    expect(lines.get('（未交办）')).toBe(6)
    expect(lines.get('城乡建设·住房保障')).toBe(1)
    expect(lines.get('2026-11-16')).toBe(3)
    expect(lines.get('2026-11-19')).toBe(0)

    // Never a full ID number, in any cell of any sheet.
    for (const sheet of [log, summary]) {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          const text = cellText(cell.value)
          expect(text).not.toMatch(FULL_ID)
          for (const id of ALL_IDS) expect(text).not.toContain(id)
        })
      })
    }
  })

  it('names the file by kind and period', async () => {
    const name = async (input: {
      kind: 'log' | 'weekly'
      format: 'xlsx' | 'csv'
      from: string
      to: string
    }) => {
      const started = await ok(core, 'admin', 'reports.export', input)
      const { job } = await waitForJob(core, 'admin', started.id)
      expect(job.fileName).toBe(started.fileName)
      return started.fileName
    }
    expect(await name({ kind: 'log', format: 'xlsx', from: '2026-11-22', to: '2026-11-22' })).toBe(
      '台账_2026-11-22.xlsx',
    )
    expect(await name({ kind: 'log', format: 'xlsx', from: '2026-11-20', to: '2026-11-22' })).toBe(
      '台账_2026-11-20至2026-11-22.xlsx',
    )
    expect(await name({ kind: 'weekly', format: 'xlsx', ...previousWeek('2026-11-24') })).toBe(
      '周一研判_2026-11-16至2026-11-22.xlsx',
    )
    expect(await name({ kind: 'log', format: 'csv', from: '2026-11-22', to: '2026-11-22' })).toBe(
      '台账_2026-11-22.csv',
    )
    expect(await name({ kind: 'weekly', format: 'csv', from: '2026-11-16', to: '2026-11-22' })).toBe(
      '周一研判_2026-11-16至2026-11-22.csv',
    )
  })

  it(
    'the weekly XLSX has the 周一研判 title and last week’s visits, a one-day log that day’s',
    async () => {
      const weekly = await exportFile({ kind: 'weekly', format: 'xlsx', ...previousWeek('2026-11-24') })
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.readFile(weekly.path)
      const sheet = wb.getWorksheet('台账')
      expect(sheet?.getCell(1, 1).value).toBe(
        '武汉市信访局接待大厅 周一研判（上周来访情况） 2026-11-16 至 2026-11-22',
      )
      // 11-16 .. 11-22: C1 C2 C3 C4 C5 C6.
      expect(sheet?.rowCount).toBe(2 + 6)
      const day = await exportFile({ kind: 'log', format: 'xlsx', from: '2026-11-20', to: '2026-11-20' })
      const one = new ExcelJS.Workbook()
      await one.xlsx.readFile(day.path)
      expect(one.getWorksheet('台账')?.getCell(3, 3).value).toBe(caseOf('C6'))
      expect(one.getWorksheet('台账')?.rowCount).toBe(2 + 1)
    },
  )

  it('the CSV starts with a BOM, round-trips Chinese and quotes commas and quotes', async () => {
    const { job, path } = await exportFile({ kind: 'log', format: 'csv', from: FROM, to: TO })
    expect(job).toMatchObject({ fileName: `台账_${FROM}至${TO}.csv`, download: `/download/${job.id}` })
    const bytes = readFileSync(path)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.subarray(3).toString('utf8')
    expect(text).not.toMatch(FULL_ID)
    expect(text).toContain(`"${COMMA_NAME}"`)
    expect(text).toContain('""尽快""')
    const [by, ...rows] = parseCsv(text)
    // The header line: who exported it and when (the administrator A001, on the hall's clock).
    expect(by).toEqual([`导出：工号 A001，${hallDate(core.clock(), 'Asia/Shanghai')} ${hallClockTime(core.clock(), 'Asia/Shanghai')}`])
    const visits = dbVisits(FROM, TO)
    expect(rows).toHaveLength(1 + visits.length)
    expect(rows[0]).toEqual(HEADERS)
    visits.forEach((v, i) => {
      const row = rows[i + 1] ?? []
      expect(row).toHaveLength(HEADERS.length)
      expect(row[0]).toBe(String(i + 1))
      expect(row[2]).toBe(v.case_number)
      expect(row[3]).toBe(v.visitor_name)
      expect(row[4]).toBe(maskIdNumber(v.id_number))
      expect(row[6]).toBe(String(v.headcount))
      // The hall's wall clock, minutes.
      expect(row[1]).toBe(
        new Date(Date.parse(v.registered_at) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '),
      )
    })
    expect(rows[1]?.[1]).toBe('2026-11-16 10:05')
    const c8 = rows.find((r) => r[2] === caseOf('C8'))
    expect(c8?.[3]).toBe(COMMA_NAME)
    expect(c8?.[8]).toBe(QUOTED_DEMANDS)
    expect(c8?.[7]).toBe('城乡建设·市政设施')
  })

  it('an export writes an audit row with the row count', async () => {
    const before = core.connection.raw
      .prepare("SELECT count(*) FROM audit_log WHERE action = 'report.export'")
      .pluck()
      .get() as number
    const { job } = await exportFile({ kind: 'log', format: 'csv', from: FROM, to: TO })
    const rows = core.connection.raw
      .prepare(
        "SELECT user_id, entity, entity_id, detail FROM audit_log WHERE action = 'report.export' ORDER BY id",
      )
      .all() as { user_id: number; entity: string; entity_id: string; detail: string }[]
    expect(rows).toHaveLength(before + 1)
    const last = rows.at(-1)
    const admin = core.connection.raw
      .prepare("SELECT id FROM users WHERE badge_no = 'A001'")
      .pluck()
      .get() as number
    expect(last).toMatchObject({ user_id: admin, entity: 'report', entity_id: job.fileName })
    expect(JSON.parse(last?.detail ?? '{}')).toEqual({
      kind: 'log',
      format: 'csv',
      from: FROM,
      to: TO,
      rows: 9,
    })
  })

  it('only an administrator exports', async () => {
    const input = { kind: 'log', format: 'xlsx', from: FROM, to: TO } as const
    refused(await call(core, 'r1', 'reports.export', input), 'FORBIDDEN')
    refused(await call(core, 'd1', 'reports.export', input), 'FORBIDDEN')
    refused(await call(core, 'd1', 'reports.logHtml', { from: FROM, to: TO }), 'FORBIDDEN')
  })

  it('a period that ends before it starts is refused by statistics and the log page', async () => {
    refused(await call(core, 'd1', 'reports.statistics', { from: TO, to: FROM }), 'VALIDATION')
    refused(await call(core, 'admin', 'reports.logHtml', { from: TO, to: FROM }), 'VALIDATION')
  })

  // Regression: an export of a reversed period was once accepted and wrote an empty 台账.
  it('an export whose period ends before it starts is refused with VALIDATION', async () => {
    refused(
      await call(core, 'admin', 'reports.export', { kind: 'log', format: 'xlsx', from: TO, to: FROM }),
      'VALIDATION',
    )
  })

  it('PDF needs a printer adapter: the browser host refuses it', async () => {
    refused(
      await call(core, 'admin', 'reports.export', { kind: 'log', format: 'pdf', from: FROM, to: TO }),
      'CONFLICT',
    )
  })

  it('reports.logHtml is a landscape page with the case numbers and only masked ID numbers', async () => {
    const { html, fileName } = await ok(core, 'admin', 'reports.logHtml', { from: FROM, to: TO })
    expect(fileName).toBe(`台账_${FROM}至${TO}.pdf`)
    expect(html).toContain('@page{size:297mm 210mm')
    expect(html).toContain(TITLE)
    for (const v of dbVisits(FROM, TO)) {
      expect(html).toContain(v.case_number)
      expect(html).toContain(maskIdNumber(v.id_number))
    }
    expect(html).not.toContain(caseOf('C0'))
    expect(html).not.toMatch(FULL_ID)
    for (const id of ALL_IDS) expect(html).not.toContain(id)
    expect(html).toContain('62.5%（5/8）')
  })
})

describe('a long export', () => {
  const VISITS = 5000
  const DAY = '2026-11-22'
  let dir: ReturnType<typeof tempDir>
  let core: Core & { clock: FakeClock }

  /** Starts an export of the day and polls it to the end, asking app.status while it runs. */
  async function runExport(
    format: 'xlsx' | 'csv',
  ): Promise<{ job: ExportJob; seen: number[]; answeredWhileRunning: boolean }> {
    const started = await ok(core, 'admin', 'reports.export', { kind: 'log', format, from: DAY, to: DAY })
    let answeredWhileRunning = false
    const { job, seen } = await waitForJob(core, 'admin', started.id, async (running) => {
      if (answeredWhileRunning || running.progress === 0) return
      const status = await call(core, 'admin', 'app.status', {})
      expect(status.ok).toBe(true)
      // Still running after app.status answered: the call did not wait for the export.
      const after = await ok(core, 'admin', 'reports.job', { id: started.id })
      if (after.status === 'running') answeredWhileRunning = true
    })
    return { job, seen, answeredWhileRunning }
  }

  function expectProgress(seen: number[]): void {
    // Pages of 2,000 rows: 2000/5000 = 0.4 and 4000/5000 = 0.8 show between pages.
    expect(seen.some((p) => p > 0 && p < 1)).toBe(true)
    expect(seen.at(-1)).toBe(1)
    // Progress only grows.
    expect(seen).toEqual([...seen].sort((a, b) => a - b))
  }

  beforeAll(async () => {
    dir = tempDir()
    core = await testCore(dir.dir, fakeClock(local(DAY, '07:00')))
    await setUpHall(core)
    await ok(core, 'admin', 'settings.update', {
      address: '',
      phone: '',
      receiptLayout: 'a5',
      receiptPrinter: null,
      idleLockMinutes: 0,
    })
    const { db } = core.connection
    const hall = await db.selectFrom('hall').selectAll().executeTakeFirstOrThrow()
    const user = await db
      .selectFrom('users')
      .selectAll()
      .where('badge_no', '=', 'A001')
      .executeTakeFirstOrThrow()
    const input = intakeSchema.parse(validIntake(ID.A))
    // Seeding only: this throwaway database need not survive a power cut, and fsyncs would
    // double the time. Full durability is back on before anything is measured.
    core.connection.raw.pragma('synchronous = OFF')
    // 5,000 registrations on one day, a second apart, straight through the intake service.
    const start = Date.parse(local(DAY, '08:00'))
    for (let i = 0; i < VISITS; i += 1)
      await core.intake.register(hall, user, input, new Date(start + i * 1000))
    core.connection.raw.pragma('synchronous = FULL')
    core.clock.set(local(DAY, '18:00'))
    // Seeding 5,000 registrations through the service takes 30–60 s on a loaded 2-core machine.
  }, 240_000)
  afterAll(async () => {
    await core.close()
    dir.remove()
  })

  it('reports progress while it runs, and other calls still answer', async () => {
    const { job, seen, answeredWhileRunning } = await runExport('csv')
    expect(job.status, job.error ?? '').toBe('done')
    expectProgress(seen)
    expect(answeredWhileRunning).toBe(true)
    const detail = core.connection.raw
      .prepare("SELECT detail FROM audit_log WHERE action = 'report.export' ORDER BY id DESC")
      .pluck()
      .get() as string
    expect(JSON.parse(detail)).toMatchObject({ format: 'csv', rows: VISITS })
    const file = core.exports.take('admin', job.id)
    if (file === null) throw new Error('no file')
    const lines = readFileSync(file.path, 'utf8')
      .split('\r\n')
      .filter((l) => l !== '')
    // The exporter's line, the column names, the rows.
    expect(lines).toHaveLength(2 + VISITS)
    expect(lines.at(-1)?.startsWith(`${VISITS},`)).toBe(true)
  })

  it('a long XLSX export reports progress and holds every row', async () => {
    const { job, seen, answeredWhileRunning } = await runExport('xlsx')
    expect(job.status, job.error ?? '').toBe('done')
    expectProgress(seen)
    expect(answeredWhileRunning).toBe(true)
    const file = core.exports.take('admin', job.id)
    if (file === null) throw new Error('no file')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file.path)
    const log = wb.getWorksheet('台账')
    expect(log?.rowCount).toBe(2 + VISITS)
    expect(log?.getRow(2 + VISITS).getCell(1).value).toBe(VISITS)
  })
})

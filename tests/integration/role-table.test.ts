import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import { ROLES, type Role } from '../../shared/domain'
import type { MethodName } from '../../shared/rpc/contract'
import { contract } from '../../shared/rpc/contract'
import { addUser, setUpHall, tempDir, testCore, type FakeClock } from './helpers'

// Who may call each RPC method, written out by hand from DESIGN.md §1 (and the README's table of
// screens), NOT read from shared/rpc/contract.ts: the contract and the dispatcher are both
// compared with it, so opening a method to one more role in the contract fails here.
//
// DESIGN.md §1, in short:
// - 接待员 receptionist: signs in, shows the badge, runs the intake, registers, hands over the receipt;
// - 值班员 duty_officer: all of that, plus receipt reprints, leader receptions, moving cases along,
//   and (README) statistics;
// - 管理员 admin: users, units, categories, hall settings, holidays, 台账 exports, statistics,
//   backups; the README lets every role register at 接访登记;
// - 审计员 auditor: reads and verifies the audit trail, nothing else (等保 三员分立). The
//   administrator reads it only while the auditor allows it (the hall setting; tested below).
// - 导引员 guide: at the guide desk by the door, issues queue tickets and sees the queue, nothing
//   else (issue #15): no case, no visitor, no statistics. A skipped visitor who comes back to the
//   door is put back in the queue there (queue.return).
// - The kiosk (自助取号) and the hall screen (大屏) are unattended and signed in by nobody: public,
//   behind the transport's token, never with personal data.
// - Calling is a desk's work (接待员, 值班员, 管理员 at a window); only a duty officer calls out of
//   order (issue #15); statistics as the rest of 台账与统计; queue settings as hall settings.
//
// To add a role: add it to COLUMNS and one cell to every row (the tuple type makes a row with a
// missing cell a compile error; the test below fails while COLUMNS and ROLES differ).

const COLUMNS = ['receptionist', 'duty_officer', 'admin', 'auditor', 'guide'] as const satisfies readonly Role[]

/** One cell per column, in COLUMNS' order: 'Y' admitted, '-' refused. */
type CellsOf<T extends readonly unknown[]> = { readonly [K in keyof T]: 'Y' | '-' }
type Cells = CellsOf<typeof COLUMNS>
type Expected = 'public' | 'session' | Cells

//                          receptionist  duty_officer  admin  auditor  guide
const EXPECTED: Record<MethodName, Expected> = {
  // Before anyone signs in: status, first-run setup, sign-in.
  'app.status': 'public',
  'app.link': 'public',
  'app.setup': 'public',
  'auth.signIn': 'public',
  // Any signed-in user, even locked or still to change the initial password.
  'auth.signOut': 'session',
  'auth.lock': 'session',
  'auth.unlock': 'session',
  'auth.changePassword': 'session',
  // 用户管理: administrators.
  'users.list': ['-', '-', 'Y', '-', '-'],
  'users.create': ['-', '-', 'Y', '-', '-'],
  'users.update': ['-', '-', 'Y', '-', '-'],
  'users.resetPassword': ['-', '-', 'Y', '-', '-'],
  // 审计日志 (the auditor's, once that role exists).
  'audit.list': ['-', '-', '-', 'Y', '-'],
  'audit.verify': ['-', '-', '-', 'Y', '-'],
  // Only the auditor opens the trail to the administrator, never the administrator themselves.
  'audit.setAdminAccess': ['-', '-', '-', 'Y', '-'],
  // 接访登记: the guided intake, the repeat-visitor history, drafts, today's log.
  'categories.list': ['Y', 'Y', 'Y', '-', '-'],
  'intake.register': ['Y', 'Y', 'Y', '-', '-'],
  'intake.history': ['Y', 'Y', 'Y', '-', '-'],
  'visits.today': ['Y', 'Y', 'Y', '-', '-'],
  'drafts.get': ['Y', 'Y', 'Y', '-', '-'],
  'drafts.save': ['Y', 'Y', 'Y', '-', '-'],
  'drafts.discard': ['Y', 'Y', 'Y', '-', '-'],
  'matters.candidates': ['Y', 'Y', 'Y', '-', '-'],
  'matters.decide': ['Y', 'Y', 'Y', '-', '-'],
  // The receipt handed to the visitor; reprint history is the duty officer's.
  'receipts.preview': ['Y', 'Y', 'Y', '-', '-'],
  'receipts.print': ['Y', 'Y', 'Y', '-', '-'],
  'receipts.savePdf': ['Y', 'Y', 'Y', '-', '-'],
  'receipts.browserPrint': ['Y', 'Y', 'Y', '-', '-'],
  'receipts.complete': ['Y', 'Y', 'Y', '-', '-'],
  'receipts.printers': ['Y', 'Y', 'Y', '-', '-'],
  'receipts.history': ['-', 'Y', 'Y', '-', '-'],
  // 大厅设置.
  'settings.get': ['-', '-', 'Y', '-', '-'],
  'settings.update': ['-', '-', 'Y', '-', '-'],
  'settings.rulesImpact': ['-', '-', 'Y', '-', '-'],
  // Cases: everyone reads and searches; each step names its roles (tested in cases.test.ts);
  // the full ID number only where the role needs it (§6).
  'cases.get': ['Y', 'Y', 'Y', '-', '-'],
  'cases.act': ['Y', 'Y', 'Y', '-', '-'],
  'cases.supervision': ['Y', 'Y', 'Y', '-', '-'],
  'cases.search': ['Y', 'Y', 'Y', '-', '-'],
  'cases.revealIdentity': ['-', 'Y', 'Y', '-', '-'],
  // 单位与类别, holidays: everyone reads them (the intake form needs them), administrators keep them.
  'units.list': ['Y', 'Y', 'Y', '-', '-'],
  'units.add': ['-', '-', 'Y', '-', '-'],
  'units.update': ['-', '-', 'Y', '-', '-'],
  'categories.listAll': ['-', '-', 'Y', '-', '-'],
  'categories.add': ['-', '-', 'Y', '-', '-'],
  'categories.update': ['-', '-', 'Y', '-', '-'],
  'holidays.list': ['Y', 'Y', 'Y', '-', '-'],
  'holidays.put': ['-', '-', 'Y', '-', '-'],
  'holidays.remove': ['-', '-', 'Y', '-', '-'],
  'holidays.import': ['-', '-', 'Y', '-', '-'],
  'holidays.impact': ['-', '-', 'Y', '-', '-'],
  // 领导接访: duty officers record, everyone sees.
  'leaders.record': ['-', 'Y', 'Y', '-', '-'],
  'leaders.list': ['Y', 'Y', 'Y', '-', '-'],
  // 台账与统计: statistics for duty officers and administrators; exports for administrators.
  'reports.statistics': ['-', 'Y', 'Y', '-', '-'],
  'reports.export': ['-', '-', 'Y', '-', '-'],
  'reports.job': ['-', '-', 'Y', '-', '-'],
  'reports.saveExport': ['-', '-', 'Y', '-', '-'],
  'reports.logHtml': ['-', '-', 'Y', '-', '-'],
  // 备份与恢复: administrators.
  'backup.status': ['-', '-', 'Y', '-', '-'],
  'backup.now': ['-', '-', 'Y', '-', '-'],
  'backup.list': ['-', '-', 'Y', '-', '-'],
  'backup.restore': ['-', '-', 'Y', '-', '-'],
  // 排队叫号 (issue #15): the unattended kiosk and hall screen; tickets at the guide desk or a desk;
  // calling at the desks; out of order only by the duty officer.
  'queue.kioskTake': 'public',
  'queue.board': 'public',
  'queue.take': ['Y', 'Y', 'Y', '-', 'Y'],
  'queue.desk': ['Y', 'Y', 'Y', '-', 'Y'],
  'queue.return': ['Y', 'Y', 'Y', '-', 'Y'],
  'queue.callNext': ['Y', 'Y', 'Y', '-', '-'],
  'queue.recall': ['Y', 'Y', 'Y', '-', '-'],
  'queue.skip': ['Y', 'Y', 'Y', '-', '-'],
  'queue.transfer': ['Y', 'Y', 'Y', '-', '-'],
  'queue.callOutOfOrder': ['-', 'Y', '-', '-', '-'],
  'queue.rate': ['Y', 'Y', 'Y', '-', '-'],
  'queue.statistics': ['-', 'Y', 'Y', '-', '-'],
  'queue.settings': ['-', '-', 'Y', '-', '-'],
  'queue.updateSettings': ['-', '-', 'Y', '-', '-'],
  // 个人信息保存期限 (issue #12): administrators only; the auditor reads the purges in the trail.
  'retention.due': ['-', '-', 'Y', '-', '-'],
  'retention.update': ['-', '-', 'Y', '-', '-'],
  'retention.purge': ['-', '-', 'Y', '-', '-'],
  // 迁移到大厅数据库 (issue #10): administrators only.
  'hallMove.start': ['-', '-', 'Y', '-', '-'],
  'hallMove.job': ['-', '-', 'Y', '-', '-'],
  // 连接大厅数据库 (issue #10): the desk's connection, administrators only.
  'hallConnection.get': ['-', '-', 'Y', '-', '-'],
  'hallConnection.test': ['-', '-', 'Y', '-', '-'],
  'hallConnection.save': ['-', '-', 'Y', '-', '-'],
  // The first run's 连接大厅数据库, before anyone exists to sign in: public, and refused by the
  // service once the desk has a hall or runs on a hall database (hall-connection.test.ts).
  'hallConnection.joinTest': 'public',
  'hallConnection.join': 'public',
}

const METHODS = Object.keys(EXPECTED) as MethodName[]

/** The roles a row admits, or the row's access word. */
function admitted(expected: Expected): 'public' | 'session' | Role[] {
  if (typeof expected === 'string') return expected
  return COLUMNS.filter((_, i) => expected[i] === 'Y')
}

describe('the hand-written table of who may call what', () => {
  it('has one column per role of the app', () => {
    expect([...COLUMNS].sort()).toEqual([...ROLES].sort())
  })

  it('has one row per method of the contract, no more and no fewer', () => {
    expect([...METHODS].sort()).toEqual(Object.keys(contract).sort())
  })

  it('holds the separations of duties DESIGN.md §1 names', () => {
    // A receptionist manages nothing and sees no statistics; only administrators restore or add users.
    const only = (m: MethodName) => admitted(EXPECTED[m])
    expect(only('users.create')).toEqual(['admin'])
    expect(only('backup.restore')).toEqual(['admin'])
    expect(only('reports.statistics')).toEqual(['duty_officer', 'admin'])
    // The auditor reads the trail and nothing else; nobody else reads it by default.
    expect(METHODS.filter((m) => { const a = only(m); return typeof a !== 'string' && a.includes('auditor') })).toEqual(
      ['audit.list', 'audit.verify', 'audit.setAdminAccess'],
    )
    // The guide issues tickets and sees the queue, nothing else; only the duty officer calls out of order.
    expect(METHODS.filter((m) => { const a = only(m); return typeof a !== 'string' && a.includes('guide') })).toEqual(
      ['queue.take', 'queue.desk', 'queue.return'],
    )
    expect(only('queue.callOutOfOrder')).toEqual(['duty_officer'])
  })
})

describe.each(METHODS)('%s', (method) => {
  const expected = admitted(EXPECTED[method])

  it(`the contract admits ${typeof expected === 'string' ? expected : expected.join(', ') || 'nobody'}`, () => {
    const access = contract[method].access
    expect(typeof access === 'string' ? access : [...access].sort()).toEqual(
      typeof expected === 'string' ? expected : [...expected].sort(),
    )
  })
})

describe('the dispatcher answers each role as the table says', () => {
  let dir: ReturnType<typeof tempDir>
  let core: Core & { clock: FakeClock }

  /** One signed-in session per role, named after the role (the hall's first admin is `admin`). */
  const session = (role: Role) => `as-${role}`

  beforeAll(async () => {
    dir = tempDir()
    core = await testCore(dir.dir)
    await setUpHall(core)
    for (const [i, role] of COLUMNS.entries()) await addUser(core, session(role), role, `T00${i}`)
  })
  afterAll(async () => {
    await core.close()
    dir.remove()
  })

  /** What a call let through may answer to `{}`: a result, or a refusal of the input or of the state. */
  const LET_THROUGH = ['ok', 'VALIDATION', 'CONFLICT', 'NOT_FOUND', 'ALREADY_SET_UP']

  /** The error code of `{}` sent as the session, or 'ok'. Access is checked before the input. */
  async function answer(key: string, method: MethodName): Promise<string> {
    const result = await core.dispatch(key, method, {})
    return result.ok ? 'ok' : result.error.code
  }

  // Read-only or harmless with `{}`: every write here is refused by the input schema first,
  // so one hall serves every call without one call changing what the next one sees.
  const cells = METHODS.flatMap((method) =>
    COLUMNS.map((role) => ({ method, role, expected: admitted(EXPECTED[method]) })),
  ).filter((c) => c.method !== 'auth.signOut' && c.method !== 'auth.lock')

  it.each(cells)('$method as $role', async ({ method, role, expected }) => {
    const code = await answer(session(role), method)
    if (expected === 'public' || expected === 'session' || expected.includes(role)) {
      expect(LET_THROUGH, `${role} must be let through to ${method}`).toContain(code)
    } else {
      expect(code, `${role} must be refused ${method}`).toBe('FORBIDDEN')
    }
  })

  it.each(METHODS.filter((m) => EXPECTED[m] !== 'public'))('%s asks someone not signed in to sign in', async (method) => {
    expect(await answer('nobody', method)).toBe('UNAUTHENTICATED')
  })

  it.each(METHODS.filter((m) => EXPECTED[m] === 'public'))('%s is open to someone not signed in', async (method) => {
    expect(LET_THROUGH).toContain(await answer('nobody', method))
  })

  it('lets the administrator read the audit trail only while the auditor allows it', async () => {
    expect(await answer(session('admin'), 'audit.verify')).toBe('FORBIDDEN')
    expect(await answer(session('admin'), 'audit.setAdminAccess')).toBe('FORBIDDEN')
    const allow = await core.dispatch(session('auditor'), 'audit.setAdminAccess', { allowed: true })
    expect(allow.ok).toBe(true)
    expect(await answer(session('admin'), 'audit.verify')).toBe('ok')
    expect(await answer(session('duty_officer'), 'audit.verify')).toBe('FORBIDDEN')
    await core.dispatch(session('auditor'), 'audit.setAdminAccess', { allowed: false })
    expect(await answer(session('admin'), 'audit.verify')).toBe('FORBIDDEN')
  })

  it('lets every role lock its screen and sign out (session methods)', async () => {
    for (const role of COLUMNS) {
      expect(await answer(session(role), 'auth.lock')).toBe('ok')
      expect(await answer(session(role), 'auth.signOut')).toBe('ok')
      expect(await answer(session(role), 'categories.list')).toBe('UNAUTHENTICATED')
    }
  })
})

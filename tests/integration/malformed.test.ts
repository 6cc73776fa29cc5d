import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import type { MethodInput, MethodName } from '../../shared/rpc/contract'
import { contract } from '../../shared/rpc/contract'
import { ADMIN, call, ok, setUpHall, tempDir, testCore, validIntake, type FakeClock } from './helpers'

const METHODS = Object.keys(contract) as MethodName[]
const CJK = /[\u4e00-\u9fff]/
const HUGE = 'x'.repeat(1_000_000)

/**
 * A well-formed input for every method; each malformed input below is one of these broken in
 * one way. The type makes a new method in the contract fail to compile until it is added here.
 */
const WELL_FORMED: { [M in MethodName]: MethodInput<M> } = {
  'app.status': {},
  'app.setup': { hallName: '接待大厅', hallCode: 'WH', admin: ADMIN },
  'auth.signIn': { badgeNo: ADMIN.badgeNo, password: ADMIN.password },
  'auth.signOut': {},
  'auth.lock': {},
  'auth.unlock': { password: ADMIN.password },
  'auth.changePassword': {
    currentPassword: ADMIN.password,
    password: 'Other2026pass',
    confirmPassword: 'Other2026pass',
  },
  'users.list': {},
  'users.create': {
    badgeNo: 'R009',
    name: '新同事',
    position: '接待员',
    role: 'receptionist',
    password: 'Initial2026',
    confirmPassword: 'Initial2026',
  },
  'users.update': { id: 2, role: 'duty_officer', disabled: false },
  'users.resetPassword': { id: 2, password: 'Reset2026pass', confirmPassword: 'Reset2026pass' },
  'audit.list': { userId: 1, action: 'auth.signIn', from: '2026-11-01', to: '2026-11-30', limit: 50, offset: 0 },
  'audit.verify': {},
  'categories.list': {},
  'intake.register': validIntake('420106196503120311', {
    kind: 'group',
    headcount: 3,
    representatives: ['张三', '李四'],
  }),
  'intake.history': { idNumber: '420106196503120311' },
  'visits.today': {},
  'drafts.get': {},
  'drafts.save': { values: { note: '草稿' }, step: 1 },
  'drafts.discard': {},
  'receipts.preview': { caseNumber: 'WH-20261122-0001', layout: 'a5' },
  'receipts.print': { caseNumber: 'WH-20261122-0001', layout: 'a4', printer: 'Receipt printer' },
  'receipts.savePdf': { caseNumber: 'WH-20261122-0001' },
  'receipts.browserPrint': { caseNumber: 'WH-20261122-0001', layout: 'thermal80' },
  'receipts.complete': { printId: 1 },
  'receipts.history': { caseNumber: 'WH-20261122-0001' },
  'receipts.printers': {},
  'settings.get': {},
  'cases.get': { caseNumber: 'WH-20261122-0001' },
  'cases.act': { caseNumber: 'WH-20261122-0001', step: { action: 'close', result: '已协调解决，来访人表示满意。' } },
  'cases.revealIdentity': { caseNumber: 'WH-20261122-0001' },
  'cases.supervision': { unitId: null, categoryId: null, today: '2026-11-22' },
  'cases.search': { query: '排水', by: 'text' },
  'units.list': { includeRetired: false },
  'units.add': { name: '市水务局' },
  'units.update': { id: 1, name: '市住房和城乡建设局', retired: false },
  'categories.listAll': {},
  'categories.add': { name: '城乡建设·老旧小区改造' },
  'categories.update': { id: 1, name: '城乡建设·征地拆迁', retired: false },
  'holidays.list': {},
  'holidays.put': { date: '2026-12-31', kind: 'holiday', name: '试行' },
  'holidays.remove': { date: '2026-12-31' },
  'holidays.import': { csv: '2026-12-31,休,试行' },
  'leaders.record': { day: '2026-11-22', leaderName: '王局长', leaderTitle: '局长', note: '', caseNumbers: [] },
  'leaders.list': {},
  'reports.statistics': { from: '2026-11-01', to: '2026-11-22' },
  'reports.export': { kind: 'log', format: 'xlsx', from: '2026-11-22', to: '2026-11-22' },
  'reports.job': { id: '0123456789abcdef01234567' },
  'reports.saveExport': { id: '0123456789abcdef01234567' },
  'reports.logHtml': { from: '2026-11-22', to: '2026-11-22' },
  'backup.status': {},
  'backup.now': {},
  'backup.list': {},
  'backup.restore': { path: '/tmp/intake-desk-backups/intake-desk-20261122-100500.sqlite3' },
  'settings.update': { address: '武汉市武昌区中北路1号', phone: '027-88886666', receiptLayout: 'a5', receiptPrinter: null, idleLockMinutes: 10 },
}

type Path = (string | number)[]

/** The paths of every string inside a value. */
function stringPaths(value: unknown, path: Path = []): Path[] {
  if (typeof value === 'string') return [path]
  if (Array.isArray(value)) return value.flatMap((v: unknown, i) => stringPaths(v, [...path, i]))
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]))
  return []
}

/** The paths of every plain object inside a value, the value itself first. */
function objectPaths(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v: unknown, i) => objectPaths(v, [...path, i]))
  if (value !== null && typeof value === 'object') {
    return [path, ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, [...path, k]))]
  }
  return []
}

/** A deep copy of `root` with `change` applied to what is at `path`. */
function changedAt(root: unknown, path: Path, change: (old: unknown) => unknown): unknown {
  const copy = structuredClone(root)
  if (path.length === 0) return change(copy)
  let node = copy as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  const last = path[path.length - 1] as string | number
  node[last] = change(node[last])
  return copy
}

const where = (path: Path) => (path.length === 0 ? '(root)' : path.join('.'))

/** Inputs that are wrong whatever the method. */
const ALWAYS_MALFORMED: [string, () => unknown][] = [
  ['null', () => null],
  ['undefined', () => undefined],
  ['a number', () => 42],
  ['a boolean', () => true],
  ['a string', () => '{}'],
  ['an array', () => []],
  ['an array holding an object', () => [{}]],
  ['{"__proto__":{"x":1}}', () => JSON.parse('{"__proto__":{"x":1}}') as unknown],
  ['a string of 1,000,000 characters', () => HUGE],
]

/** Fields that hold free-form JSON (a draft is whatever the form holds), where any key is fine. */
const FREE_FORM: Partial<Record<MethodName, string>> = { 'drafts.save': 'values' }

/** Inputs that break one method's well-formed input in one place. */
function brokenInputs(method: MethodName): [string, unknown][] {
  // A method added to the contract but not yet to the table still gets the checks above.
  const base: unknown = (WELL_FORMED as Partial<Record<MethodName, unknown>>)[method] ?? {}
  const withProto = JSON.parse(
    JSON.stringify(base).replace(/^\{/, '{"__proto__":{"x":1},').replace(',}', '}'),
  ) as unknown
  const strictObjects = objectPaths(base).filter((p) => p[0] === undefined || p[0] !== FREE_FORM[method])
  return [
    ['the well-formed input with an own __proto__ key', withProto],
    ...strictObjects.map((p): [string, unknown] => [
      `an extra key in ${where(p)}`,
      changedAt(base, p, (o) => ({ ...(o as object), extra: 1 })),
    ]),
    ...stringPaths(base).map((p): [string, unknown] => [
      `${where(p)} of 1,000,000 characters`,
      changedAt(base, p, () => HUGE),
    ]),
  ]
}

let dir: ReturnType<typeof tempDir>
let core: Core & { clock: FakeClock }

beforeAll(async () => {
  dir = tempDir()
  core = await testCore(dir.dir)
  await setUpHall(core)
  await ok(core, 'admin', 'intake.register', validIntake())
  await ok(core, 'admin', 'drafts.save', { values: { note: '未完成' }, step: 1 })
})
afterAll(async () => {
  await core.close()
  dir.remove()
})

function counts(): Record<string, number> {
  const n = (table: string) =>
    core.connection.raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
  return {
    visits: n('visits'),
    visitors: n('visitors'),
    users: n('users'),
    drafts: n('drafts'),
    hall: n('hall'),
  }
}

/** Sends the input as the signed-in administrator and checks it is refused cleanly. */
async function expectRefused(method: MethodName, input: unknown): Promise<void> {
  const before = counts()
  const result = await core.dispatch('admin', method, input)
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(result.error.code).toBe('VALIDATION')
  expect(result.error.message).toMatch(CJK)
  expect(result.error.fields?.length).toBeGreaterThan(0)
  for (const field of result.error.fields ?? []) expect(field.message).toMatch(CJK)
  // The message never echoes the huge input back.
  expect(JSON.stringify(result.error).length).toBeLessThan(10_000)
  expect(counts()).toEqual(before)
  // Nothing was run: the administrator is still signed in and unlocked.
  const status = await ok(core, 'admin', 'app.status', {})
  expect(status.session).toMatchObject({ badgeNo: ADMIN.badgeNo, locked: false })
}

describe.each(METHODS)('%s', (method) => {
  it.each(ALWAYS_MALFORMED)(
    'refuses %s with a Chinese validation message and changes nothing',
    async (_, input) => {
      await expectRefused(method, input())
    },
  )

  it.each(brokenInputs(method))(
    'refuses %s with a Chinese validation message and changes nothing',
    async (_, input) => {
      await expectRefused(method, input)
    },
  )
})

describe('inputs that are not malformed', () => {
  it('methods without input accept exactly {}', () => {
    const withoutInput = METHODS.filter((m) => contract[m].input.safeParse({}).success)
    expect(withoutInput.length).toBeGreaterThan(0)
    for (const method of withoutInput) {
      expect(WELL_FORMED[method], method).toEqual({})
      expect(contract[method].input.safeParse({ x: 1 }).success, method).toBe(false)
    }
  })

  it('every well-formed input in the table passes its schema', () => {
    for (const method of METHODS) {
      const parsed = contract[method].input.safeParse(WELL_FORMED[method])
      expect(parsed.success, `${method}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true)
    }
  })

  it('a well-formed setup after setup is refused as ALREADY_SET_UP, not as malformed', async () => {
    const result = await call(core, 'admin', 'app.setup', WELL_FORMED['app.setup'])
    expect(result.ok ? 'ok' : result.error.code).toBe('ALREADY_SET_UP')
    expect(counts().hall).toBe(1)
  })

  it('no input polluted Object.prototype', () => {
    expect(({} as Record<string, unknown>).x).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('x')
  })
})

import type { MethodInput, MethodName } from '../../shared/rpc/contract'
import { contract } from '../../shared/rpc/contract'
import { DEFAULT_DEADLINE_RULES } from '../../shared/deadlines'
import { ADMIN, validIntake } from './helpers'
import { representative, representatives } from '../support/representatives'

// The corpus of the bad-input sweep (bad-input-sweep.test.ts): malformed calls to every method
// of the contract, generated from one well-formed input per method, plus field-specific ones.

export const METHODS = Object.keys(contract) as MethodName[]
export const HUGE = 'x'.repeat(1_000_000)
export const SQL = "'; DROP TABLE visits; --"
export const EMOJI_FAMILY = '👨‍👩‍👧'
export const RARE_CJK = '𠀀𪚥'
export const CASE = 'WH-20261122-0001'
/** One representative, the same object a million times over: the size of the list is what is tested. */
export const ONE_REPRESENTATIVE = representative('张三')

export const WELL_FORMED: { [M in MethodName]: MethodInput<M> } = {
  'app.status': {},
  'app.link': {},
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
  'audit.list': { userId: null, action: null, from: null, to: null, limit: 50, offset: 0 },
  'audit.verify': {},
  'audit.setAdminAccess': { allowed: true },
  'categories.list': {},
  'intake.register': validIntake('420106196503120311', {
    kind: 'group',
    headcount: 3,
    representatives: representatives('张三', '李四'),
  }),
  'intake.history': { idNumber: '420106196503120311' },
  'visits.today': {},
  'matters.candidates': {
    intakeId: 'intake-0001-test',
    name: '吕建国',
    noId: false,
    idNumber: '420106196503120311',
    phone: '13700002222',
    address: '武汉市武昌区某小区',
    representatives: [],
    categoryId: 4,
    facts: '小区排水系统堵塞，雨天地下室积水。',
    demands: '要求修复排水管网。',
  },
  'matters.decide': { intakeId: 'intake-0001-test', caseNumber: CASE, decision: 'different', reasons: ['idNumber'] },
  'drafts.get': {},
  'drafts.save': { values: { note: '草稿' }, step: 1 },
  'drafts.discard': {},
  'receipts.preview': { caseNumber: CASE, layout: 'a5' },
  'receipts.print': { caseNumber: CASE, layout: 'a4', printer: 'Receipt printer' },
  'receipts.savePdf': { caseNumber: CASE, layout: 'a4' },
  'receipts.browserPrint': { caseNumber: CASE, layout: 'thermal80' },
  'receipts.complete': { printId: 1 },
  'receipts.history': { caseNumber: CASE },
  'receipts.printers': {},
  'settings.get': {},
  'settings.rulesImpact': { deadlineRules: { ...DEFAULT_DEADLINE_RULES, handling: 90 } },
  'settings.update': {
    address: '武汉市武昌区中北路1号',
    phone: '027-88886666',
    receiptLayout: 'a5',
    receiptPrinter: null,
    idleLockMinutes: 10,
  },
  'cases.get': { caseNumber: CASE },
  'cases.act': { caseNumber: CASE, step: { action: 'close', result: '已协调解决，来访人表示满意。' } },
  'cases.revealIdentity': { caseNumber: CASE, reason: '核对来访人身份' },
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
  'holidays.impact': { put: [{ date: '2026-12-31', kind: 'holiday', name: '试行' }], remove: [] },
  'leaders.record': {
    day: '2026-11-22',
    leaderName: '王局长',
    leaderTitle: '局长',
    note: '',
    caseNumbers: [],
  },
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
  'queue.kioskTake': { kind: 'group', headcount: 3 },
  'queue.board': {},
  'queue.take': { kind: 'individual', headcount: 1 },
  'queue.desk': {},
  'queue.return': { ticketId: 1, window: 2 },
  'queue.callNext': { window: 2 },
  'queue.recall': { ticketId: 1, window: 2 },
  'queue.skip': { ticketId: 1, window: 2 },
  'queue.transfer': { ticketId: 1, window: 2, toWindow: 3 },
  'queue.callOutOfOrder': { ticketId: 1, window: 2, reason: '来访人身体不适，需优先接待' },
  'queue.rate': { caseNumber: CASE, rating: 'satisfied' },
  'queue.statistics': { from: '2026-11-01', to: '2026-11-22' },
  'queue.settings': {},
  'queue.updateSettings': { priorityCap: 3, skipReturnMinutes: 30, serviceMinutes: 15, voice: 'auto' },
  'retention.due': {},
  'retention.update': { months: 36 },
  'retention.purge': { caseNumbers: [CASE], confirmCount: 1 },
  // A port nothing listens on: the move is refused at once, as for an unreachable hall database.
  'hallMove.start': { url: 'postgres://intake_desk_owner:pw@127.0.0.1:1/intake_desk' },
  'hallMove.job': { id: '0123456789abcdef01234567' },
  'hallConnection.get': {},
  // A port nothing listens on: 测试连接 and 保存 are refused at once, nothing saved.
  'hallConnection.test': { host: '127.0.0.1', port: 1, database: 'intake_desk', user: 'intake_desk', password: 'pw', tls: 'off', caFile: '' },
  'hallConnection.save': { host: '127.0.0.1', port: 1, database: 'intake_desk', user: 'intake_desk', password: 'pw', tls: 'off', caFile: '' },
  'hallConnection.joinTest': { host: '127.0.0.1', port: 1, database: 'intake_desk', user: 'intake_desk', password: 'pw', tls: 'off', caFile: '' },
  'hallConnection.join': { host: '127.0.0.1', port: 1, database: 'intake_desk', user: 'intake_desk', password: 'pw', tls: 'off', caFile: '' },
}

type Path = (string | number)[]
const where = (path: Path) => (path.length === 0 ? '(root)' : path.join('.'))

/** Every path below `value` with the value found there, the root first. */
function walk(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  const here = { path, value }
  if (Array.isArray(value)) return [here, ...value.flatMap((v: unknown, i) => walk(v, [...path, i]))]
  if (value !== null && typeof value === 'object') {
    return [here, ...Object.entries(value).flatMap(([k, v]) => walk(v, [...path, k]))]
  }
  return [here]
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

/** A deep copy of `root` without the key at `path`. */
function withoutKey(root: unknown, path: Path): unknown {
  const copy = structuredClone(root)
  let node = copy as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  delete node[path[path.length - 1] as string | number]
  return copy
}

/** A copy of `root` whose object at `path` has `key` as an own key: made by JSON.parse, as a transport would. */
function withOwnKey(root: unknown, path: Path, key: string, valueJson: string): unknown {
  const MARK = '__sweep_mark__'
  const marked = changedAt(root, path, (o) => ({ ...(o as object), [MARK]: 0 }))
  return JSON.parse(
    JSON.stringify(marked).replace(`"${MARK}":0`, `${JSON.stringify(key)}:${valueJson}`),
  ) as unknown
}

/** Keys a well-formed input may leave out. */
const OPTIONAL: Partial<Record<MethodName, string[]>> = {
  'receipts.preview': ['layout'],
  'receipts.print': ['layout', 'printer'],
  'receipts.savePdf': ['layout'],
  'receipts.browserPrint': ['layout'],
  // The reception's id for 同一事项 decisions and the confirmed matter: absent when there is none.
  'intake.register': ['intakeId', 'matterCaseNumber'],
}
/** Leaves where null is a legitimate value. */
const NULLABLE: Partial<Record<MethodName, string[]>> = {
  'receipts.print': ['printer'],
  'settings.update': ['receiptPrinter'],
  'cases.supervision': ['today'],
}
/** Number leaves where -0 is a legitimate 0 (tested among the accepted inputs). */
const MINUS_ZERO_OK: Partial<Record<MethodName, string[]>> = {
  'audit.list': ['offset'],
  'drafts.save': ['step'],
  'settings.update': ['idleLockMinutes'],
  // 0 means "no unit"; it is read only when the routing is 交办.
  'intake.register': ['unitId'],
  // 0: no category chosen yet (the text is then not compared).
  'matters.candidates': ['categoryId'],
  // 0 minutes: a skipped ticket cannot come back.
  'queue.updateSettings': ['skipReturnMinutes'],
}
/** Fields holding free-form JSON (a draft is whatever the form holds): their inside is not checked here. */
const FREE_FORM: Partial<Record<MethodName, string>> = { 'drafts.save': 'values' }

export interface BadCall {
  method: MethodName
  what: string
  input: () => unknown
}

const BAD_NUMBERS: [string, number][] = [
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['1e308', 1e308],
  ['-1', -1],
  ['1.5', 1.5],
  ['2^53', 2 ** 53],
]

/** Whole inputs that are no object at all; IPC's structured clone can deliver any of them. */
const NOT_AN_OBJECT: [string, () => unknown][] = [
  ['null', () => null],
  ['NaN', () => Number.NaN],
  ['Infinity', () => Number.POSITIVE_INFINITY],
  ['-0', () => -0],
  ['1e308', () => 1e308],
  ['a SQL string', () => SQL],
  ['true', () => true],
  ['a Date', () => new Date(0)],
  ['a BigInt', () => 1n],
  ['a Map', () => new Map([['a', 1]])],
]

/** The generic corpus of one method: every field broken in every way that applies to it. */
function genericBadCalls(method: MethodName): BadCall[] {
  const base: unknown = WELL_FORMED[method]
  const free = FREE_FORM[method]
  const optional = OPTIONAL[method] ?? []
  const nullable = NULLABLE[method] ?? []
  const minusZeroOk = MINUS_ZERO_OK[method] ?? []
  const nodes = walk(base).filter((n) => free === undefined || n.path[0] !== free || n.path.length === 1)
  const calls: BadCall[] = []
  const add = (what: string, input: () => unknown) => calls.push({ method, what, input })

  // A Date or a Map passes as {} (see the test of methods without input below).
  const noInput = Object.keys(base as object).length === 0
  for (const [name, value] of NOT_AN_OBJECT) {
    if (!(noInput && (name === 'a Date' || name === 'a Map'))) add(`the input is ${name}`, value)
  }
  add('the input is an array (where an object is expected)', () => [])
  add('the input is an array holding the well-formed input', () => [base])

  for (const { path, value } of nodes) {
    const at = where(path)
    const isFree = free !== undefined && path[0] === free
    const isObject = value !== null && typeof value === 'object' && !Array.isArray(value)
    if (
      path.length > 0 &&
      !optional.includes(String(path[path.length - 1])) &&
      typeof path[path.length - 1] === 'string'
    ) {
      add(`${at} is missing`, () => withoutKey(base, path))
    }
    if (isObject && !isFree) {
      for (const [key, json] of [
        ['__proto__', '{"polluted":true}'],
        ['constructor', '{"prototype":{"polluted":true}}'],
        ['prototype', '{"polluted":true}'],
      ] as const) {
        add(`${at} has an own ${key} key`, () => withOwnKey(base, path, key, json))
      }
      if (path.length > 0) {
        add(`${at} is an array (where an object is expected)`, () => changedAt(base, path, () => []))
        add(`${at} is a string`, () => changedAt(base, path, () => '{}'))
      }
    }
    if (path.length === 0 || isFree) continue
    if (typeof value === 'string') {
      add(`${at} is a number`, () => changedAt(base, path, () => 12345))
      add(`${at} is an object`, () => changedAt(base, path, () => ({ toString: 'x' })))
      add(`${at} is an array`, () => changedAt(base, path, () => [value]))
      if (!nullable.includes(at)) add(`${at} is null`, () => changedAt(base, path, () => null))
      add(`${at} is 1,000,000 characters`, () => changedAt(base, path, () => HUGE))
    } else if (typeof value === 'number') {
      add(`${at} is a numeric string`, () => changedAt(base, path, () => String(value)))
      add(`${at} is a boolean`, () => changedAt(base, path, () => true))
      add(`${at} is null`, () => changedAt(base, path, () => null))
      for (const [name, n] of BAD_NUMBERS) add(`${at} is ${name}`, () => changedAt(base, path, () => n))
      if (!minusZeroOk.includes(at)) add(`${at} is -0`, () => changedAt(base, path, () => -0))
    } else if (typeof value === 'boolean') {
      add(`${at} is the string "true"`, () => changedAt(base, path, () => 'true'))
      add(`${at} is 1`, () => changedAt(base, path, () => 1))
      add(`${at} is null`, () => changedAt(base, path, () => null))
    } else if (value === null) {
      // Not a number or a string: for a nullable id or printer name those are legitimate.
      add(`${at} is a boolean instead of null`, () => changedAt(base, path, () => true))
      add(`${at} is an object instead of null`, () => changedAt(base, path, () => ({})))
    } else if (Array.isArray(value)) {
      const first: unknown = value[0]
      add(`${at} is an object (where an array is expected)`, () =>
        changedAt(base, path, () => ({ 0: first })),
      )
    }
  }
  return calls
}

const set = <M extends MethodName>(
  method: M,
  what: string,
  change: Partial<Record<string, unknown>>,
): BadCall => ({
  method,
  what,
  input: () => ({ ...(WELL_FORMED[method] as object), ...change }),
})
const intake = (what: string, change: Record<string, unknown>): BadCall => ({
  method: 'intake.register',
  what,
  input: () => ({ ...validIntake('420106196503120311'), ...change }),
})

/** Field-specific refusals: text that looks like content but breaks a format, an enum or a rule. */
const SPECIFIC_BAD_CALLS: BadCall[] = [
  // Formats: badge numbers, hall codes and case numbers are codes, not text.
  ...[SQL, `A${EMOJI_FAMILY}1`, `${RARE_CJK}01`, 'A\u0000001', 'A 001', '<script>', '../A001'].flatMap(
    (badgeNo) => [
      set('auth.signIn', `badgeNo ${JSON.stringify(badgeNo)}`, { badgeNo }),
      set('users.create', `badgeNo ${JSON.stringify(badgeNo)}`, { badgeNo }),
    ],
  ),
  ...[SQL, RARE_CJK, 'W\u0000H', 'W', 'WUHANXX', 'W1', EMOJI_FAMILY].map((hallCode) =>
    set('app.setup', `hallCode ${JSON.stringify(hallCode)}`, { hallCode }),
  ),
  ...[
    SQL,
    `${CASE}\u0000`,
    `WH-20261122-${EMOJI_FAMILY}`,
    'WH-20261122-1',
    '../../etc/passwd',
    `${CASE}' OR '1'='1`,
  ].flatMap((caseNumber) => [
    set('receipts.preview', `caseNumber ${JSON.stringify(caseNumber)}`, { caseNumber }),
    set('receipts.history', `caseNumber ${JSON.stringify(caseNumber)}`, { caseNumber }),
  ]),
  // Enums take exactly their values.
  ...[SQL, '管理员', 'ADMIN', 'admin ', '__proto__', 'constructor'].map((role) =>
    set('users.create', `role ${JSON.stringify(role)}`, { role }),
  ),
  ...['a3', 'A4', SQL, 'thermal58', ''].map((layout) =>
    set('receipts.browserPrint', `layout ${JSON.stringify(layout)}`, { layout }),
  ),
  ...['a3', '__proto__', 'toString'].map((receiptLayout) =>
    set('settings.update', `receiptLayout ${JSON.stringify(receiptLayout)}`, { receiptLayout }),
  ),
  intake('kind "family"', { kind: 'family' }),
  intake('routing "hasOwnProperty"', { routing: 'hasOwnProperty' }),
  intake(`routing ${JSON.stringify(SQL)}`, { routing: SQL }),
  // Invalid instants for the three shows.
  ...[
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-22T25:00:00Z',
    '2026-12-31T23:59:60Z',
    '2100-02-29T00:00:00Z',
    '0000-00-00T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '2026-11-22',
    '2026-11-22T02:00:00',
    '2026-11-22 01:55:00Z',
    '2026-11-22T01:55:00z',
    '2026-11-22T09:55:00+0800',
    '2026-11-22T01:55:00+08',
    '2026-11-22T02:00:00.000+25:00',
    'yesterday',
    'Invalid Date',
    '',
    SQL,
  ].map((at) => intake(`showsConfirmedAt ${JSON.stringify(at)}`, { showsConfirmedAt: at })),
  {
    method: 'intake.register',
    what: 'showsConfirmedAt as epoch milliseconds',
    input: () => ({ ...validIntake(), showsConfirmedAt: 1795312500000 }),
  },
  {
    method: 'intake.register',
    what: 'showsConfirmedAt as a Date object',
    input: () => ({ ...validIntake(), showsConfirmedAt: new Date('2026-11-22T01:55:00Z') }),
  },
  // ID numbers that look right but are not.
  ...[
    ['a wrong check digit', '420106196503120312'],
    ['a birth date of 30 February', '420106196502300310'],
    ['a birth date in the future', '420106209901010310'],
    ['a SQL string', SQL],
    ['full-width letters', '４２０１０６１９６５０３１２０３１Ｙ'],
    ['a NUL inside', '42010619650312\u00000311'],
    ['emoji digits', '4️⃣20106196503120311'],
  ].flatMap(([what, idNumber = '']) => [
    intake(`visitor.idNumber with ${what}`, {
      visitor: { name: '吕建国', noId: false, idNumber, noIdReason: '', phone: '', address: '武汉市' },
    }),
  ]),
  // Rules across fields.
  intake('a group of 1', { kind: 'group', headcount: 1, representatives: representatives('张三') }),
  intake('six representatives', {
    kind: 'group',
    headcount: 10,
    representatives: representatives('甲', '乙', '丙', '丁', '戊', '己'),
  }),
  intake('more representatives than people', {
    kind: 'group',
    headcount: 2,
    representatives: representatives('甲', '乙', '丙'),
  }),
  intake('a representative of control characters only', {
    kind: 'group',
    headcount: 2,
    representatives: representatives('\u0000\u200B\u202E'),
  }),
  intake('1,000,000 representatives', {
    kind: 'group',
    headcount: 3,
    representatives: Array.from({ length: 1_000_000 }, () => ONE_REPRESENTATIVE),
  }),
  intake('an individual visit of 3 people', { kind: 'individual', headcount: 3 }),
  intake('an answer of control characters only', {
    answers: {
      ...validIntake().answers,
      facts: { text: '\u0000\u0007\u200B\uFEFF \r\n', mark: null, reason: '' },
    },
  }),
  intake('a marked answer without a reason', {
    answers: { ...validIntake().answers, history: { text: '', mark: 'declined', reason: '\u200B' } },
  }),
  intake('a name of control characters only', {
    visitor: {
      name: '\u0000\u202E\u2066',
      noId: false,
      idNumber: '420106196503120311',
      noIdReason: '',
      phone: '',
      address: '武汉市',
    },
  }),
  intake(`phone ${JSON.stringify(SQL)}`, {
    visitor: {
      name: '吕建国',
      noId: false,
      idNumber: '420106196503120311',
      noIdReason: '',
      phone: SQL,
      address: '武汉市',
    },
  }),
  intake('phone of emoji digits', {
    visitor: {
      name: '吕建国',
      noId: false,
      idNumber: '420106196503120311',
      noIdReason: '',
      phone: '1️⃣3700002222',
      address: '武汉市',
    },
  }),
  intake('categoryId 0 ("not chosen")', { categoryId: 0 }),
  // Passwords: length and strength.
  set('users.create', 'a password without digits', {
    password: 'OnlyLetters',
    confirmPassword: 'OnlyLetters',
  }),
  set('users.create', 'a password of 129 characters', {
    password: `A1${'x'.repeat(127)}`,
    confirmPassword: `A1${'x'.repeat(127)}`,
  }),
  set('users.create', 'passwords that differ by a zero-width space', {
    password: 'Initial2026',
    confirmPassword: 'Initial2026\u200B',
  }),
  set('auth.changePassword', 'the new password equal to the current one', {
    password: ADMIN.password,
    confirmPassword: ADMIN.password,
  }),
  set('auth.signIn', 'an empty password', { password: '' }),
  set('auth.unlock', 'an empty password', { password: '' }),
  // Settings limits.
  set('settings.update', 'idleLockMinutes 121', { idleLockMinutes: 121 }),
  set('settings.update', `phone of 41 characters`, { phone: '0'.repeat(41) }),
  // Drafts: free-form, but JSON and of a bounded size.
  ...(
    [
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['a Date', new Date(0)],
      ['a BigInt', 1n],
      ['a Map', new Map([['a', 1]])],
      ['an object holding NaN', { a: Number.NaN }],
      ['an object holding undefined', { a: undefined }],
      ['an object holding a BigInt', { a: 1n }],
      ['an object holding 1e6 characters', { note: HUGE }],
      ['an array of 70,000 zeros', Array.from({ length: 70_000 }, () => 0)],
    ] as [string, unknown][]
  ).map(([what, values]): BadCall => ({
    method: 'drafts.save',
    what: `values is ${what}`,
    input: () => ({ values, step: 1 }),
  })),
]

export const BAD_CALLS: BadCall[] = [...METHODS.flatMap(genericBadCalls), ...SPECIFIC_BAD_CALLS]

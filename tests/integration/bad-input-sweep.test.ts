import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import type { MethodName } from '../../shared/rpc/contract'
import { contract } from '../../shared/rpc/contract'
import type { RpcError } from '../../shared/rpc/result'
import { ERROR_CODES } from '../../shared/rpc/result'
import { BAD_CALLS, CASE, EMOJI_FAMILY, METHODS, RARE_CJK, SQL, WELL_FORMED } from './bad-input-corpus'
import { ADMIN, addUser, ok, setUpHall, tempDir, testCore, validIntake, type FakeClock } from './helpers'
import { representatives } from '../support/representatives'

/**
 * The bad-input sweep: a corpus of malformed calls to every method of the contract, each of
 * which must come back as a typed refusal with a Chinese message and change nothing; and the
 * "bad-looking" inputs that are legitimate content, which must be stored exactly as cleaned.
 */

const CJK = /[\u4e00-\u9fff]/

let dir: ReturnType<typeof tempDir>
let core: Core & { clock: FakeClock }
const internalErrors: string[] = []

/** Row counts of every table, read with the raw handle. */
function counts(c: Core): Record<string, number> {
  const tables = c.connection.raw
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[]
  return Object.fromEntries(
    tables.map((t) => [t, c.connection.raw.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]),
  )
}

function expectTyped(error: RpcError): void {
  expect(ERROR_CODES).toContain(error.code)
  expect(error.message).toMatch(CJK)
  for (const field of error.fields ?? []) expect(field.message).toMatch(CJK)
  // The refusal never echoes a huge input back.
  expect(JSON.stringify(error).length).toBeLessThan(10_000)
}

beforeAll(async () => {
  dir = tempDir()
  core = await testCore(dir.dir, undefined, {
    onInternalError: (method, error) =>
      internalErrors.push(`${method}: ${error instanceof Error ? error.message : String(error)}`),
  })
  await setUpHall(core)
  await ok(core, 'admin', 'intake.register', validIntake())
  await ok(core, 'admin', 'drafts.save', { values: { note: '未完成' }, step: 1 })
  // The auditor's own method goes through the auditor; the trail is opened to the administrator.
  await addUser(core, 'auditor', 'auditor', 'U001')
  await ok(core, 'auditor', 'audit.setAdminAccess', { allowed: true })
  // The duty officer's own method (calling a ticket out of order) goes through a duty officer.
  await addUser(core, 'duty', 'duty_officer', 'D001')
})

/** The session a method is called as: the administrator, or the auditor for the auditor's own methods. */
function sessionFor(method: MethodName): string {
  const access = contract[method].access
  if (typeof access === 'string' || access.includes('admin')) return 'admin'
  if (access.includes('duty_officer')) return 'duty'
  return 'auditTrail' in contract[method] ? 'admin' : 'auditor'
}
afterAll(async () => {
  await core.close()
  dir.remove()
})

describe('the corpus', () => {
  it(`has ${BAD_CALLS.length} malformed calls, covering all ${METHODS.length} methods of the contract`, () => {
    expect(BAD_CALLS.length).toBeGreaterThanOrEqual(200)
    expect(new Set(BAD_CALLS.map((c) => c.method))).toEqual(new Set(METHODS))
    // Every call is refused by the method's own schema: none slips through as legitimate.
    const accepted = BAD_CALLS.filter((c) => {
      try {
        return contract[c.method].input.safeParse(c.input()).success
      } catch {
        return false
      }
    })
    expect(accepted.map((c) => `${c.method}: ${c.what}`)).toEqual([])
  })
})

/** Signs the administrator in again if a call signed them out or locked them, so one failure stays one. */
async function ensureAdmin(): Promise<void> {
  const status = await ok(core, 'admin', 'app.status', {})
  if (status.session?.locked === false) return
  await ok(core, 'admin', 'auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })
}

describe(`${BAD_CALLS.length} malformed calls are refused with a typed Chinese error and change nothing`, () => {
  it.each(BAD_CALLS)('$method: $what', async ({ method, input }) => {
    await ensureAdmin()
    const before = counts(core)
    const errorsBefore = internalErrors.length
    const result = await core.dispatch(sessionFor(method), method, input())
    expect(result.ok).toBe(false)
    if (result.ok) return
    expectTyped(result.error)
    expect(result.error.code).toBe('VALIDATION')
    expect(result.error.fields?.length).toBeGreaterThan(0)
    expect(internalErrors.slice(errorsBefore)).toEqual([])
    expect(counts(core)).toEqual(before)
    // Nothing ran: the administrator is still signed in and unlocked.
    const status = await ok(core, 'admin', 'app.status', {})
    expect(status.session).toMatchObject({ badgeNo: ADMIN.badgeNo, locked: false })
  })
})

interface ServiceRefusal {
  method: MethodName
  what: string
  input: unknown
  code: RpcError['code']
  /** Rows the refusal itself records: a failed sign-in is audited. */
  audit?: number
  session?: string
}

/** Well-formed calls that a service refuses: the refusal is typed and, but for its audit row, writes nothing. */
const SERVICE_REFUSALS: ServiceRefusal[] = [
  {
    method: 'app.setup',
    what: `a second setup with hallName ${JSON.stringify(SQL)}`,
    input: { ...WELL_FORMED['app.setup'], hallName: SQL },
    code: 'ALREADY_SET_UP',
  },
  {
    method: 'auth.signIn',
    what: 'an unknown badge with a SQL password',
    input: { badgeNo: 'X999', password: SQL },
    code: 'BAD_CREDENTIALS',
    audit: 1,
    session: 'probe',
  },
  {
    method: 'auth.signIn',
    what: "a SQL tautology as the administrator's password",
    input: { badgeNo: ADMIN.badgeNo, password: "' OR '1'='1" },
    code: 'BAD_CREDENTIALS',
    audit: 1,
    session: 'probe',
  },
  {
    method: 'auth.changePassword',
    what: 'a SQL string as the current password',
    input: { currentPassword: SQL, password: 'Other2026pass', confirmPassword: 'Other2026pass' },
    code: 'VALIDATION',
    // A wrong current password is a try at the account: counted and audited like a sign-in.
    audit: 1,
  },
  {
    method: 'users.create',
    what: 'a badge number already taken, typed full-width',
    input: { ...WELL_FORMED['users.create'], badgeNo: 'Ａ００１' },
    code: 'VALIDATION',
  },
  {
    method: 'intake.register',
    what: 'an unknown category (the case number is given back)',
    input: validIntake('420106196503120311', { categoryId: 9999 }),
    code: 'VALIDATION',
  },
  {
    method: 'intake.history',
    what: `idNumber ${JSON.stringify(SQL)}`,
    input: { idNumber: SQL },
    code: 'VALIDATION',
  },
  {
    method: 'intake.history',
    what: 'idNumber with a NUL inside',
    input: { idNumber: '42010619650312\u00000311' },
    code: 'VALIDATION',
  },
  {
    method: 'receipts.preview',
    what: 'a case number that does not exist',
    input: { caseNumber: 'WH-20261122-9999' },
    code: 'NOT_FOUND',
  },
  {
    method: 'receipts.history',
    what: 'a case number of another hall',
    input: { caseNumber: 'BJ-20261122-0001' },
    code: 'NOT_FOUND',
  },
  {
    method: 'receipts.browserPrint',
    what: 'a case number that does not exist',
    input: { caseNumber: 'WH-20261122-9999' },
    code: 'NOT_FOUND',
  },
  {
    method: 'receipts.print',
    what: 'direct printing in the browser host',
    input: { caseNumber: CASE, printer: SQL },
    code: 'CONFLICT',
  },
  {
    method: 'receipts.savePdf',
    what: 'a PDF in the browser host',
    input: { caseNumber: CASE },
    code: 'CONFLICT',
  },
  {
    method: 'receipts.complete',
    what: 'a print that does not exist',
    input: { printId: 2 ** 31 },
    code: 'NOT_FOUND',
  },
]

describe(`${SERVICE_REFUSALS.length} well-formed but wrong calls are refused by the service`, () => {
  it.each(SERVICE_REFUSALS)(
    '$method: $what → $code',
    async ({ method, input, code, audit = 0, session = 'admin' }) => {
      await ensureAdmin()
      const before = counts(core)
      const result = await core.dispatch(session, method, input)
      expect(result.ok).toBe(false)
      if (result.ok) return
      expectTyped(result.error)
      expect(result.error.code).toBe(code)
      expect(counts(core)).toEqual({ ...before, audit_log: (before.audit_log ?? 0) + audit })
      const status = await ok(core, 'admin', 'app.status', {})
      expect(status.session).toMatchObject({ badgeNo: ADMIN.badgeNo, locked: false })
    },
  )
})

describe('methods without input', () => {
  const NO_INPUT = METHODS.filter((m) => Object.keys(WELL_FORMED[m]).length === 0)

  it('ignore an input that is a Date or a Map, like {}: nothing is read from it', () => {
    expect(NO_INPUT.length).toBeGreaterThan(0)
    for (const m of NO_INPUT) {
      expect(contract[m].input.safeParse({}).success, m).toBe(true)
      expect(contract[m].input.safeParse({ x: 1 }).success, m).toBe(false)
    }
  })

  // Regression: zod's object check once let a Date or a Map (both survive Electron's structured
  // clone) pass as the "exactly {}" of a method without input.
  it('refuse an input that is a Date or a Map', () => {
    for (const m of NO_INPUT) {
      expect(contract[m].input.safeParse(new Date(0)).success, `${m} with a Date`).toBe(false)
      expect(contract[m].input.safeParse(new Map()).success, `${m} with a Map`).toBe(false)
    }
  })
})

describe('after the sweep', () => {
  it('no input polluted Object.prototype', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(Object.prototype).not.toHaveProperty('x')
  })

  it('every table is intact and the one case is unchanged', () => {
    const raw = core.connection.raw
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(raw.prepare('SELECT case_number FROM visits').pluck().all()).toEqual([CASE])
    expect(raw.prepare('SELECT last_seq FROM case_sequences').pluck().all()).toEqual([1])
    expect(internalErrors).toEqual([])
  })

  it('a draft nested 2,000 levels deep is refused as typed, writes nothing', async () => {
    let deep: unknown = 1
    for (let i = 0; i < 2000; i++) deep = { a: deep }
    const before = counts(core)
    const result = await core.dispatch('admin', 'drafts.save', { values: deep, step: 1 })
    expect(result.ok).toBe(false)
    if (!result.ok) expectTyped(result.error)
    expect(counts(core)).toEqual(before)
    internalErrors.length = 0
  })

  // Regression: zod's recursive JSON check once overflowed the stack on a draft nested ~2,000
  // deep (a 4 KB body), and the dispatcher answered INTERNAL.
  it('refuses a draft nested 2,000 levels deep as VALIDATION, not INTERNAL', async () => {
    let deep: unknown = 1
    for (let i = 0; i < 2000; i++) deep = { a: deep }
    const result = await core.dispatch('admin', 'drafts.save', { values: deep, step: 1 })
    expect(result.ok ? 'ok' : result.error.code).toBe('VALIDATION')
  })
})

describe('bad-looking input that is legitimate content is stored exactly as cleaned', () => {
  let d: ReturnType<typeof tempDir>
  let c: Core & { clock: FakeClock }
  beforeAll(async () => {
    d = tempDir()
    c = await testCore(d.dir)
    await setUpHall(c)
  })
  afterAll(async () => {
    await c.close()
    d.remove()
  })

  const visit = (caseNumber: string) =>
    c.connection.raw.prepare('SELECT * FROM visits WHERE case_number = ?').get(caseNumber) as Record<
      string,
      unknown
    >

  it('emoji and rare CJK in names, addresses, answers and representatives', async () => {
    const before = counts(c)
    const facts = `家里三口人${EMOJI_FAMILY}，住在${RARE_CJK}园；楼下🚧施工。`
    // The cleaning removes U+200B–U+200F, the zero-width joiner (U+200D) included: a family
    // emoji is stored as its three people. Every other character is kept as typed.
    const family = EMOJI_FAMILY.replaceAll('\u200D', '')
    expect(family).toBe('👨👩👧')
    const result = await ok(
      c,
      'admin',
      'intake.register',
      validIntake('420106196503120311', {
        kind: 'group',
        headcount: 3,
        representatives: representatives(`欧阳${RARE_CJK}`, `${EMOJI_FAMILY}代表`),
        visitor: {
          name: `${RARE_CJK}明`,
          noId: false,
          idNumber: '420106196503120311',
          noIdReason: '',
          phone: '',
          address: `${RARE_CJK}园3栋🏠`,
        },
        answers: { ...validIntake().answers, facts: { text: facts, mark: null, reason: '' } },
      }),
    )
    const row = visit(result.caseNumber)
    expect(row.visitor_name).toBe(`${RARE_CJK}明`)
    expect(row.visitor_address).toBe(`${RARE_CJK}园3栋🏠`)
    expect(row.facts).toBe(`家里三口人${family}，住在${RARE_CJK}园；楼下🚧施工。`)
    expect((JSON.parse(row.representatives as string) as { name: string }[]).map((r) => r.name)).toEqual([`欧阳${RARE_CJK}`, `${family}代表`])
    const after = counts(c)
    expect(after.visits).toBe((before.visits ?? 0) + 1)
    expect(after.visitors).toBe((before.visitors ?? 0) + 1)
  })

  it('control characters, zero-width and bidi characters are removed; newlines and tabs kept', async () => {
    const result = await ok(
      c,
      'admin',
      'intake.register',
      validIntake('420106196503120311', {
        visitor: {
          name: '  吕\u0000建\t国\u200B  ',
          noId: false,
          idNumber: ' 4201 0619 6503 1203 11 ',
          noIdReason: '',
          phone: '137 0000 2222',
          address: '武汉市\r\n武昌区\u202E某小区\u0007',
        },
        answers: {
          ...validIntake().answers,
          facts: {
            text: '\uFEFF第一行\r\n第二行\r第三行\u0000\u0008\u001F\u007F\u0085\u2066\u2069\n\t缩进 ',
            mark: null,
            reason: '',
          },
          history: { text: '不该留下', mark: 'unknown', reason: '记不清\u200F了\u0000' },
        },
      }),
    )
    const row = visit(result.caseNumber)
    expect(row.visitor_name).toBe('吕建 国')
    expect(row.visitor_address).toBe('武汉市 武昌区某小区')
    expect(row.visitor_phone).toBe('13700002222')
    expect(row.facts).toBe('第一行\n第二行\n第三行\n\t缩进')
    expect(row.history).toBe('不该留下')
    expect(row.history_mark).toBe('unknown')
    expect(row.history_reason).toBe('记不清了')
    const visitor = c.connection.raw
      .prepare('SELECT id_number FROM visitors WHERE id = ?')
      .pluck()
      .get(row.visitor_id)
    expect(visitor).toBe('420106196503120311')
  })

  it('SQL-looking text is stored verbatim and runs nothing', async () => {
    const before = counts(c)
    const name = "Robert'); DROP TABLE visitors;--"
    const result = await ok(
      c,
      'admin',
      'intake.register',
      validIntake('11010519491231002X', {
        visitor: {
          name,
          noId: false,
          idNumber: '11010519491231002x',
          noIdReason: '',
          phone: '',
          address: "1' OR '1'='1",
        },
        answers: { ...validIntake().answers, facts: { text: SQL, mark: null, reason: '' } },
        routing: 'transferred',
        routingBody: '"; DELETE FROM users; --',
        routingReason: '/* */ UNION SELECT password_hash FROM users',
      }),
    )
    const row = visit(result.caseNumber)
    expect(row.visitor_name).toBe(name)
    expect(row.visitor_address).toBe("1' OR '1'='1")
    expect(row.facts).toBe(SQL)
    expect(row.routing_body).toBe('"; DELETE FROM users; --')
    expect(row.routing_reason).toBe('/* */ UNION SELECT password_hash FROM users')
    const after = counts(c)
    expect(after.visits).toBe((before.visits ?? 0) + 1)
    expect(after.users).toBe(before.users)
    expect(c.connection.raw.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('a shows time in the future is stored as the registration time; an offset is turned into UTC', async () => {
    const future = await ok(
      c,
      'admin',
      'intake.register',
      validIntake('420106196503120311', { showsConfirmedAt: '2099-01-01T00:00:00Z' }),
    )
    expect(visit(future.caseNumber).shows_confirmed_at).toBe(future.registeredAt)
    const offset = await ok(
      c,
      'admin',
      'intake.register',
      validIntake('420106196503120311', { showsConfirmedAt: '2026-11-22T09:55:00.123456+08:00' }),
    )
    expect(visit(offset.caseNumber).shows_confirmed_at).toBe('2026-11-22T01:55:00.123Z')
  })

  it('a user with full-width badge number and marked-up name is stored cleaned', async () => {
    const user = await ok(c, 'admin', 'users.create', {
      badgeNo: ' ｒ０１２ ',
      name: `\u202E${RARE_CJK}\u0000明\u200B`,
      position: '  接待员\t（见习） ',
      role: 'receptionist',
      password: 'Initial2026',
      confirmPassword: 'Initial2026',
    })
    expect(user).toMatchObject({ badgeNo: 'R012', name: `${RARE_CJK}明`, position: '接待员 （见习）' })
  })

  it('settings: -0 minutes is 0, an address with emoji and control characters is cleaned', async () => {
    const settings = await ok(c, 'admin', 'settings.update', {
      address: `武汉市\u0000中北路🏢1号\u200B`,
      phone: '027-8888\u00006666',
      receiptLayout: 'a4',
      receiptPrinter: `${SQL}${EMOJI_FAMILY}`,
      idleLockMinutes: -0,
    })
    expect(settings).toMatchObject({
      address: '武汉市中北路🏢1号',
      phone: '027-88886666',
      // The printer name is cleaned like every stored field (its zero-width joiners go).
      receiptPrinter: `${SQL}${EMOJI_FAMILY.replaceAll('\u200D', '')}`,
    })
    expect(Object.is(settings.idleLockMinutes, 0)).toBe(true)
    expect(c.connection.raw.prepare('SELECT idle_lock_minutes FROM hall').pluck().get()).toBe(0)
  })

  it('drafts keep what the form held; an own __proto__ key is dropped, constructor / prototype kept; nothing polluted', async () => {
    const values = JSON.parse(
      `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true},` +
        `"note":${JSON.stringify(`${SQL}\u0000${EMOJI_FAMILY}${RARE_CJK}`)},"n":-1,"big":1e308}`,
    ) as Record<string, unknown>
    expect(Object.keys(values)).toContain('__proto__')
    await ok(c, 'admin', 'drafts.save', { values, step: -0 })
    const draft = await ok(c, 'admin', 'drafts.get', {})
    expect(draft?.step).toBe(0)
    const got = draft?.values as Record<string, unknown>
    // zod's JSON check deliberately leaves an own __proto__ key out of what it returns.
    expect(Object.keys(got)).toEqual(['constructor', 'prototype', 'note', 'n', 'big'])
    expect(got.constructor).toEqual({ prototype: { polluted: true } })
    expect(Object.getPrototypeOf(got)).toBe(Object.prototype)
    expect(got.polluted).toBeUndefined()
    expect(got.note).toBe(`${SQL}\u0000${EMOJI_FAMILY}${RARE_CJK}`)
    expect(got.big).toBe(1e308)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('an ID number typed full-width finds the visitor', async () => {
    const history = await ok(c, 'admin', 'intake.history', {
      idNumber: '４２０１０６１９６５０３１２０３１１',
    })
    expect(history.visitor?.birthDate).toBe('1965-03-12')
    expect(history.visits.length).toBeGreaterThan(0)
  })
})

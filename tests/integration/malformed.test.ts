import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import type { MethodName } from '../../shared/rpc/contract'
import { contract } from '../../shared/rpc/contract'
import { WELL_FORMED } from './bad-input-corpus'
import { ADMIN, addUser, call, ok, setUpHall, tempDir, testCore, validIntake, type FakeClock } from './helpers'

const METHODS = Object.keys(contract) as MethodName[]
const CJK = /[\u4e00-\u9fff]/
const HUGE = 'x'.repeat(1_000_000)

// One table of well-formed inputs serves both this file and the bad-input sweep.

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
  await addUser(core, 'auditor', 'auditor', 'S001')
  await addUser(core, 'duty', 'duty_officer', 'D001')
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

/** The audit trail's methods are the auditor's (三员分立); everything else is sent as the administrator. */
function sessionFor(method: MethodName): 'admin' | 'auditor' | 'duty' {
  const access = contract[method].access
  if (typeof access === 'string' || access.includes('admin')) return 'admin'
  return access.includes('auditor') ? 'auditor' : 'duty'
}

/** Sends the input as a signed-in user the method admits and checks it is refused cleanly. */
async function expectRefused(method: MethodName, input: unknown): Promise<void> {
  const before = counts()
  const session = sessionFor(method)
  const result = await core.dispatch(session, method, input)
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(result.error.code).toBe('VALIDATION')
  expect(result.error.message).toMatch(CJK)
  expect(result.error.fields?.length).toBeGreaterThan(0)
  for (const field of result.error.fields ?? []) expect(field.message).toMatch(CJK)
  // The message never echoes the huge input back.
  expect(JSON.stringify(result.error).length).toBeLessThan(10_000)
  expect(counts()).toEqual(before)
  // Nothing was run: the caller is still signed in and unlocked.
  const status = await ok(core, session, 'app.status', {})
  expect(status.session).toMatchObject({ badgeNo: { admin: ADMIN.badgeNo, auditor: 'S001', duty: 'D001' }[session], locked: false })
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

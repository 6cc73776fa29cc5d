import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Core, CoreOptions } from '../../electron/core'
import type { HallSecret, KeyStore } from '../../electron/services/keys/key-store'
import { openCore } from '../../electron/core'
import type { MethodInput, MethodName, MethodOutput } from '../../shared/rpc/contract'
import type { Role } from '../../shared/domain'
import type { RpcResult } from '../../shared/rpc/result'
import type { IntakeInput } from '../../shared/intake/schemas'
import { emptyIntake } from '../../shared/intake/schemas'
import { freshSchema as freshSchemaOf } from '../support/pg-schema'

/** A test clock: starts at a fixed instant and moves only when told. */
export function fakeClock(iso = '2026-11-22T02:00:00.000Z') {
  let now = new Date(iso).getTime()
  const clock = () => new Date(now)
  return Object.assign(clock, {
    advance(ms: number) {
      now += ms
    },
    set(value: string) {
      now = new Date(value).getTime()
    },
  })
}

export type FakeClock = ReturnType<typeof fakeClock>

export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'intake-desk-test-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/**
 * The engine the integration suite runs on: SQLite, or PostgreSQL when INTAKE_DESK_TEST_DATABASE
 * holds a postgres:// URL (vitest.config.ts runs the suite once per engine).
 */
export const TEST_DATABASE = process.env.INTAKE_DESK_TEST_DATABASE || undefined
export const ENGINE: 'sqlite' | 'postgres' = TEST_DATABASE === undefined ? 'sqlite' : 'postgres'

/** PostgreSQL: a fresh, empty schema of the test database, as a new hall would be; dropped by `drop`. */
export async function freshSchema(): Promise<{ schema: string; drop: () => Promise<void> }> {
  if (TEST_DATABASE === undefined) throw new Error('freshSchema needs INTAKE_DESK_TEST_DATABASE')
  return freshSchemaOf(TEST_DATABASE, 't')
}

/** Each hall's secret, as every desk of it is given the hall's recovery key at installation. */
const hallSecrets = new Map<string, HallSecret>()
function hallKeyStore(schema: string): KeyStore {
  return { load: () => hallSecrets.get(schema) ?? null, save: (secret) => void hallSecrets.set(schema, secret) }
}

/** The options that put a core in `schema` of the test database, its numbering on the fake clock. */
export function hallOptions(schema: string, clock: FakeClock): Partial<CoreOptions> {
  return { database: TEST_DATABASE, testSchema: schema, testClockOffsetMs: () => clock().getTime() - Date.now(), keyStore: hallKeyStore(schema) }
}

/**
 * A core on a fresh data folder, with a cheap password hash so tests stay quick. On PostgreSQL
 * it works in a fresh schema of its own (dropped when it closes), unless `extra` names one; its
 * `schema` says which, so that a second desk can open the same hall.
 */
export async function testCore(
  dir: string,
  clock = fakeClock(),
  extra: Partial<CoreOptions> = {},
): Promise<Core & { clock: FakeClock; schema: string | undefined }> {
  const own = TEST_DATABASE !== undefined && extra.testSchema === undefined ? await freshSchema() : undefined
  const options: CoreOptions = {
    dataDir: dir,
    clock,
    scryptN: 2 ** 10,
    onInternalError: () => undefined,
    ...(own === undefined ? {} : hallOptions(own.schema, clock)),
    ...extra,
  }
  let core: Core
  try {
    core = await openCore(options)
  } catch (error) {
    await own?.drop()
    throw error
  }
  if (own !== undefined) {
    const close = core.close
    core.close = async () => {
      await close()
      await own.drop()
    }
  }
  return Object.assign(core, { clock, schema: own?.schema ?? extra.testSchema })
}

/** Calls a method as the given session and returns the typed result. */
export async function call<M extends MethodName>(
  core: Core,
  session: string,
  method: M,
  input: MethodInput<M>,
): Promise<RpcResult<MethodOutput<M>>> {
  return (await core.dispatch(session, method, input)) as RpcResult<MethodOutput<M>>
}

/** Like call, but fails the test unless the call succeeded. */
export async function ok<M extends MethodName>(core: Core, session: string, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await call(core, session, method, input)
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`)
  return result.value
}

export const ADMIN = { badgeNo: 'A001', name: '周建华', position: '大厅主任', password: 'Admin2026pass', confirmPassword: 'Admin2026pass' }

/** Sets up the hall (code WH) and leaves session `admin` signed in as its administrator. */
export async function setUpHall(core: Core): Promise<void> {
  await ok(core, 'admin', 'app.setup', { hallName: '武汉市信访局接待大厅', hallCode: 'WH', admin: ADMIN })
}

/** Adds a user with the role, changes the initial password, and leaves `session` signed in. */
export async function addUser(
  core: Core,
  session: string,
  role: Role,
  badgeNo: string,
): Promise<void> {
  await ok(core, 'admin', 'users.create', {
    badgeNo,
    name: `用户${badgeNo}`,
    position: '接待员',
    role,
    password: 'Initial2026',
    confirmPassword: 'Initial2026',
  })
  await ok(core, session, 'auth.signIn', { badgeNo, password: 'Initial2026' })
  await ok(core, session, 'auth.changePassword', {
    currentPassword: 'Initial2026',
    password: 'Mine2026pass',
    confirmPassword: 'Mine2026pass',
  })
}

/** A complete, valid intake for the given ID number. */
export function validIntake(idNumber = '420106196503120311', overrides: Partial<IntakeInput> = {}): IntakeInput {
  const base = emptyIntake()
  const answer = (text: string) => ({ text, mark: null, reason: '' })
  return {
    ...base,
    shows: { badge: true, name: true, position: true },
    showsConfirmedAt: '2026-11-22T01:55:00.000Z',
    visitor: { name: '吕建国', noId: false, idNumber, noIdReason: '', phone: '13700002222', address: '武汉市武昌区某小区' },
    answers: {
      facts: answer('附近单位施工后，小区排水系统堵塞，雨天地下室积水，已持续两个月。'),
      demands: answer('要求施工单位修复排水管网。'),
      difficulties: answer('地下室无法使用，老人出行不便。'),
      history: answer('首次来访。'),
      priorHandling: answer('曾向物业反映，未解决。'),
    },
    categoryId: 4,
    routing: 'accepted',
    // 当场办结 needs 办理结果 (written in the reason field); a test that leaves it out says so.
    ...(overrides.routing === 'resolved' && !('routingReason' in overrides) ? { routingReason: '当场解释相关政策，来访人表示理解。' } : {}),
    ...overrides,
  }
}

import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { HallConnection, HallConnectionFields, hallConnectionFieldsSchema } from '../../../shared/hall-connection/schemas'
import { hallConnectionUrl } from '../../../shared/hall-connection/schemas'
import type { HallConnectionCheck, HallConnectionView } from '../../../shared/hall-connection/types'
import type { Database } from '../../db/schema'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import { countUsers } from '../../db/repositories/users'
import { AppError } from '../../errors'
import type { AuditKey } from '../audit/audit'
import { appendAudit } from '../audit/audit'
import { checkHallConnection, connectionRefusal } from './check'
import type { HallConnectionStore } from './store'

export interface HallConnectionDeps {
  db: Kysely<Database>
  store: HallConnectionStore
  /** The hall database the desk runs on now (its URL), if any. */
  activeUrl: string | undefined
  /** Tests only: the schema 测试连接 looks in (and the first-run join opens). */
  testSchema?: string
  /** The key this desk signs audit rows with: a hall joined on the first run must be under it. */
  auditKey: AuditKey
  /**
   * First run (core-host.ts): opens a core on the hall database `url`, calls `commit` (which
   * saves the connection), makes it the running core and gives its database; absent where the
   * host offers no first-run choice (the browser host without --first-run-choice, a core without a host).
   */
  join?: (url: string, commit: () => void) => Promise<Kysely<Database>>
}

const SINGLE: HallConnectionView = { mode: 'single', host: '', port: 5432, database: '', user: '', hasPassword: false, tls: 'off', caFile: '', active: false, storage: 'file' }

/**
 * The desk's connection to the hall's database as an administrator sees and changes it: tested
 * before it is saved, the password kept encrypted by the store and never sent back. A saved
 * change takes effect at the desk's next start.
 */
export function createHallConnection(deps: HallConnectionDeps) {
  function view(saved: HallConnection | null): HallConnectionView {
    if (saved === null || saved.mode === 'single') return { ...SINGLE, active: deps.activeUrl === undefined, storage: deps.store.kind }
    const { password, ...fields } = saved.fields
    return { mode: 'hall', ...fields, hasPassword: password !== '', active: deps.activeUrl === hallConnectionUrl(saved.fields), storage: deps.store.kind }
  }

  /** An empty password on the saved connection's server and user means: keep the saved one. */
  function withSavedPassword(input: HallConnectionFields): HallConnectionFields {
    if (input.password !== '') return input
    const saved = deps.store.load()
    if (saved?.mode !== 'hall') return input
    const same = saved.fields.host === input.host && saved.fields.port === input.port && saved.fields.user === input.user
    return same ? { ...input, password: saved.fields.password } : input
  }

  const check = (fields: HallConnectionFields) => checkHallConnection(fields, deps.testSchema === undefined ? {} : { schema: deps.testSchema })

  /** hallConnection.get: the saved connection, without its password. */
  function get(ctx: CallContext): Promise<HallConnectionView> {
    signedIn(ctx)
    return Promise.resolve(view(deps.store.load()))
  }

  /** hallConnection.test (测试连接): the fields tried against the server; nothing is saved. */
  function test(ctx: CallContext, input: z.output<typeof hallConnectionFieldsSchema>): Promise<HallConnectionCheck> {
    signedIn(ctx)
    return check(withSavedPassword(input))
  }

  /** hallConnection.save: tested first, then kept encrypted and audited (without the password); used from the next start. */
  async function save(ctx: CallContext, input: z.output<typeof hallConnectionFieldsSchema>): Promise<HallConnectionView> {
    const { user, now } = signedIn(ctx)
    const fields = withSavedPassword(input)
    const found = await check(fields)
    const connection: HallConnection = { mode: 'hall', fields }
    deps.store.save(connection)
    await deps.db.transaction().execute((trx) =>
      appendAudit(trx, now, {
        userId: user.id,
        action: 'hallConnection.save',
        entity: 'hall',
        detail: { host: fields.host, port: fields.port, database: fields.database, user: fields.user, tls: fields.tls, schemaVersion: found.schemaVersion },
      }),
    )
    return view(connection)
  }

  /**
   * Before setup only: a desk with a hall (or users) or on a hall database is refused, so that
   * nobody redirects a set-up desk without signing in as its administrator.
   */
  async function beforeSetup(ctx: CallContext): Promise<NonNullable<HallConnectionDeps['join']>> {
    if (ctx.hall !== undefined || (await countUsers(deps.db)) > 0) throw new AppError('ALREADY_SET_UP', 'e.hallConnection.JOIN_SET_UP')
    if (deps.activeUrl !== undefined) throw new AppError('CONFLICT', 'e.hallConnection.JOIN_ON_HALL')
    if (deps.join === undefined) throw new AppError('CONFLICT', 'e.hallConnection.JOIN_UNAVAILABLE')
    return deps.join
  }

  /** The first run's 测试连接: as the administrator's, but never with a saved password, and the hall's key checked. */
  const checkToJoin = (fields: HallConnectionFields) =>
    checkHallConnection(fields, { auditKey: deps.auditKey, ...(deps.testSchema === undefined ? {} : { schema: deps.testSchema }) })

  /** hallConnection.joinTest: 测试连接 on the first-run screen; nothing is saved. */
  async function joinTest(ctx: CallContext, input: z.output<typeof hallConnectionFieldsSchema>): Promise<HallConnectionCheck> {
    await beforeSetup(ctx)
    return checkToJoin(input)
  }

  /**
   * hallConnection.join (连接大厅数据库 on the first run): tested, then the desk switches to the
   * hall database without a restart and keeps the connection (encrypted) for its next starts.
   * Nothing is saved unless the hall database opened. An empty database gets the schema now; its
   * setup then creates the hall there. A hall that is there already gets a row in its audit trail
   * saying which desk joined (by no user: the desk has none yet); an empty database gets none, as
   * a row there would stop 迁移到大厅数据库 into it.
   */
  async function join(ctx: CallContext, input: z.output<typeof hallConnectionFieldsSchema>): Promise<HallConnectionCheck> {
    const switchTo = await beforeSetup(ctx)
    const found = await checkToJoin(input)
    let hallDb: Kysely<Database>
    try {
      hallDb = await switchTo(hallConnectionUrl(input), () => deps.store.save({ mode: 'hall', fields: input }))
    } catch (error) {
      throw connectionRefusal(error, input)
    }
    if (found.hall !== null) {
      await hallDb.transaction().execute((trx) =>
        appendAudit(trx, ctx.now, {
          userId: null,
          action: 'hallConnection.join',
          entity: 'hall',
          detail: { desk: ctx.desk, host: input.host, port: input.port, database: input.database, user: input.user, tls: input.tls },
        }),
      )
    }
    return found
  }

  return { get, test, save, joinTest, join }
}

export type HallConnectionService = ReturnType<typeof createHallConnection>

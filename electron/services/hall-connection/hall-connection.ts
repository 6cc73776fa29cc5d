import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { HallConnection, HallConnectionFields, hallConnectionFieldsSchema } from '../../../shared/hall-connection/schemas'
import { hallConnectionUrl } from '../../../shared/hall-connection/schemas'
import type { HallConnectionCheck, HallConnectionView } from '../../../shared/hall-connection/types'
import type { Database } from '../../db/schema'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import { appendAudit } from '../audit/audit'
import { checkHallConnection } from './check'
import type { HallConnectionStore } from './store'

export interface HallConnectionDeps {
  db: Kysely<Database>
  store: HallConnectionStore
  /** The hall database the desk runs on now (its URL), if any. */
  activeUrl: string | undefined
  /** Tests only: the schema 测试连接 looks in. */
  testSchema?: string
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

  return { get, test, save }
}

export type HallConnectionService = ReturnType<typeof createHallConnection>

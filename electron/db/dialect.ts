import type { Kysely } from 'kysely'
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely'
import { PostgresAdapter } from 'kysely'
import type { Engine } from './connection'

/**
 * Which engine a handle (or a transaction on it) runs on. Repositories write a query once with
 * Kysely and ask this only where the engines really differ: the search index, triggers,
 * upserts, date arithmetic, locks.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: migrations ask too
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: migrations ask too
export function isPostgres(db: Kysely<any>): boolean {
  return engineOf(db) === 'postgres'
}

/**
 * Carries the desk's name (e.g. 3号窗口) with the Kysely handle, so the repositories that write
 * a registration, a print or an audit row store it without every service passing it along.
 * It changes no query; transactions inherit it from the handle they were opened on.
 */
export class DeskPlugin implements KyselyPlugin {
  constructor(readonly desk: string) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result)
  }
}

/** The desk this handle was opened for; null for handles opened without one (tools, old tests). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema
export function deskOf(db: Kysely<any>): string | null {
  for (const plugin of db.getExecutor().plugins) if (plugin instanceof DeskPlugin) return plugin.desk
  return null
}

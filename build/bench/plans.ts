import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import type { Connection } from '../../electron/db/connection'

/** One statement an operation ran: how often, how long in all, and SQLite's plan for it. */
export interface StatementPlan {
  sql: string
  runs: number
  ms: number
  plan: string[]
}

type Method = 'run' | 'get' | 'all' | 'iterate'

/**
 * Runs an operation with every statement it prepares timed (Kysely prepares each query on the
 * raw handle; the connection's statement cache is emptied before and after, so that every
 * statement is prepared, and wrapped, here), then asks SQLite for each read's plan. Parameters
 * are bound as NULL for the plan: without ANALYZE statistics the plan does not depend on them.
 */
export async function capturePlans(
  connection: Connection,
  run: () => Promise<unknown>,
): Promise<StatementPlan[]> {
  const { raw } = connection
  connection.clearStatementCache()
  const seen = new Map<string, { runs: number; ms: number }>()
  const own = Object.getOwnPropertyDescriptor(raw, 'prepare')
  const original = raw.prepare.bind(raw)
  raw.prepare = ((source: string) => {
    const stmt = original(source)
    const entry = seen.get(source) ?? { runs: 0, ms: 0 }
    seen.set(source, entry)
    for (const method of ['run', 'get', 'all', 'iterate'] as Method[]) {
      const call = (stmt[method] as (...args: unknown[]) => unknown).bind(stmt)
      Object.defineProperty(stmt, method, {
        value: (...args: unknown[]) => {
          const t = performance.now()
          try {
            return call(...args)
          } finally {
            entry.runs += 1
            entry.ms += performance.now() - t
          }
        },
      })
    }
    return stmt
  }) as typeof raw.prepare
  try {
    await run()
  } finally {
    // Put back what was there: the prototype's method, or a wrapper of the bench's own.
    if (own === undefined) Reflect.deleteProperty(raw, 'prepare')
    else Object.defineProperty(raw, 'prepare', own)
    connection.clearStatementCache()
  }
  return [...seen].map(([sql, e]) => ({
    sql,
    runs: e.runs,
    ms: Math.round(e.ms * 1000) / 1000,
    plan: /^\s*(select|with)\b/i.test(sql) ? explain(raw, sql) : [],
  }))
}

export function explain(raw: BetterSqlite3.Database, sql: string): string[] {
  const stmt = raw.prepare(`EXPLAIN QUERY PLAN ${sql}`)
  const values = new Array<null>((sql.match(/\?/g) ?? []).length).fill(null)
  const rows = stmt.all(...values) as { id: number; parent: number; detail: string }[]
  const depth = new Map<number, number>([[0, -1]])
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? -1) + 1
    depth.set(r.id, d)
    return `${'  '.repeat(d)}${r.detail}`
  })
}

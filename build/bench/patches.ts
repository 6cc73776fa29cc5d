import type BetterSqlite3 from 'better-sqlite3'

/**
 * Two changes of the main process's JavaScript, tried without editing it: prepared
 * statements reused by SQL text (what a caching wrapper in electron/db/connection.ts would
 * do), and date formatters reused by their options (what caching in hallDay, hallDate and
 * localDate would do). Each returns a function that undoes it.
 */

export function cacheStatements(raw: BetterSqlite3.Database): () => void {
  const cache = new Map<string, BetterSqlite3.Statement>()
  const prepare = raw.prepare.bind(raw)
  Object.defineProperty(raw, 'prepare', {
    configurable: true,
    writable: true,
    value: (source: string) => {
      let stmt = cache.get(source)
      if (stmt === undefined) {
        stmt = prepare(source)
        cache.set(source, stmt)
      }
      return stmt
    },
  })
  return () => {
    Reflect.deleteProperty(raw, 'prepare')
  }
}

export function cacheDateFormatters(): () => void {
  const Original = Intl.DateTimeFormat
  const cache = new Map<string, Intl.DateTimeFormat>()
  function Cached(locales?: string | string[], options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    const key = JSON.stringify([locales, options])
    let f = cache.get(key)
    if (f === undefined) {
      f = new Original(locales, options)
      cache.set(key, f)
    }
    return f
  }
  Cached.prototype = Original.prototype
  Cached.supportedLocalesOf = Original.supportedLocalesOf.bind(Original)
  Intl.DateTimeFormat = Cached as unknown as typeof Intl.DateTimeFormat
  return () => {
    Intl.DateTimeFormat = Original
  }
}

import { parentPort, workerData } from 'node:worker_threads'
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import { toBigrams } from '../../shared/search/bigrams'
import { fastBigrams } from './fast-bigrams'
import type { SearchRow } from './writer'

/**
 * Builds the search index in a database of its own, on a second core, while the generator
 * writes the tables; the generator copies its shadow tables over at the end.
 */

export type ToWorker = { type: 'rows'; rows: SearchRow[] } | { type: 'close' }
export type FromWorker =
  { type: 'done'; rows: number } | { type: 'closed' } | { type: 'failed'; message: string }

const { file, createSql } = workerData as { file: string; createSql: string }
const port = parentPort
if (port === null) throw new Error('fts-worker runs as a worker thread')
const db = new BetterSqlite3(file)
db.pragma('journal_mode = OFF')
db.pragma('synchronous = OFF')
db.pragma('cache_size = -256000')
db.exec(createSql)
// A larger in-memory buffer than the default 1 MB: fewer, larger segments to merge. The setting
// stays in this file: only the index's data, not its config, is copied into the hall's database.
db.exec("INSERT INTO visit_search (visit_search, rank) VALUES ('hashsize', 67108864)")
const insert = db.prepare('INSERT INTO visit_search (rowid, name, answers) VALUES (?, ?, ?)')
let indexed = 0

port.on('message', (message: ToWorker) => {
  try {
    if (message.type === 'close') {
      // Bulk loading leaves huge level-0 segments whose first merges would stall a register
      // for seconds, which a hall's index, built one case at a time, never has: start from
      // one merged segment instead, so that later merges begin from small segments.
      db.exec("INSERT INTO visit_search (visit_search) VALUES ('optimize')")
      db.close()
      port.postMessage({ type: 'closed' } satisfies FromWorker)
      return
    }
    db.transaction(() => {
      for (const row of message.rows) {
        const pairs = fastBigrams(row.answers)
        if (indexed++ % 1000 === 0 && pairs !== toBigrams(row.answers))
          throw new Error(`fastBigrams disagrees with toBigrams on visit ${row.visitId}`)
        insert.run(row.visitId, toBigrams(row.name), pairs)
      }
    })()
    port.postMessage({ type: 'done', rows: message.rows.length } satisfies FromWorker)
  } catch (error) {
    port.postMessage({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
    } satisfies FromWorker)
  }
})

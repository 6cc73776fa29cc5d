import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { HallMoveTable, HallMoveVerification } from '../../../shared/hall-move/types'
import type { MovedRow, MovedTable } from '../../db/repositories/hall-move'
import {
  MOVED_TABLES,
  countIndexed,
  countRows,
  countUnpurgedVisits,
  idHighWater,
  indexMovedVisits,
  insertRows,
  lastCaseNumber,
  maxId,
  readBatch,
  setIdentityPast,
} from '../../db/repositories/hall-move'
import type { Database } from '../../db/schema'

/**
 * Rows read (and written) at a time: as many as fit in one INSERT of at most 30,000 parameters
 * (PostgreSQL takes 65,535), at most 5,000, so 100,000 visits (60 columns, 500 a batch) or
 * millions of same-matter terms (3 columns) never sit in memory at once.
 */
const MAX_PARAMETERS = 30_000
const MAX_BATCH = 5_000
const FIRST_BATCH = 500

function batchFor(columns: number): number {
  return Math.max(1, Math.min(MAX_BATCH, Math.floor(MAX_PARAMETERS / Math.max(1, columns))))
}

const MOD = 1n << 256n

/**
 * A digest of a table's rows that does not depend on their order: the sum of each row's SHA-256
 * (every column, by name) modulo 2^256. Both engines page in their own key order (text keys
 * collate alike only by the hall database's C collation), and the sum comes out the same.
 */
export class RowDigest {
  private sum = 0n
  rows = 0
  add(rows: readonly MovedRow[]): void {
    for (const row of rows) {
      const fields = Object.keys(row)
        .sort()
        .map((k) => [k, row[k] ?? null])
      this.sum = (this.sum + BigInt(`0x${createHash('sha256').update(JSON.stringify(fields)).digest('hex')}`)) % MOD
      this.rows += 1
    }
  }
  hex(): string {
    return this.sum.toString(16).padStart(64, '0')
  }
}

export interface Progress {
  table: (name: string) => void
  rows: (n: number) => void
}

/** Every batch of a table in key order, the first one small until the table's width is known. */
async function* batches(db: Kysely<Database>, table: MovedTable): AsyncGenerator<MovedRow[]> {
  let after: (string | number)[] | null = null
  let size = FIRST_BATCH
  for (;;) {
    const rows = await readBatch(db, table, after, size)
    if (rows.length === 0) return
    yield rows
    if (rows.length < size) return
    size = batchFor(Object.keys(rows[0] ?? {}).length)
    const last = rows[rows.length - 1] as MovedRow
    after = table.key.map((k) => last[k] as string | number)
  }
}

/** How many rows each table of the file holds: the move's total. */
export async function sourceCounts(source: Kysely<Database>): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  for (const table of MOVED_TABLES) counts.set(table.name, await countRows(source, table.name))
  return counts
}

/**
 * Copies every table of the file (read in one snapshot) into the hall's database, in the
 * caller's transaction: rows as they are, ids included; the search index made from the visits;
 * each identity column set past the highest id the file ever gave. Returns each table's digest.
 */
export async function copyTables(source: Kysely<Database>, target: Transaction<Database>, progress: Progress): Promise<Map<string, RowDigest>> {
  const digests = new Map<string, RowDigest>()
  const highWater = await idHighWater(source)
  for (const table of MOVED_TABLES) {
    progress.table(table.name)
    const digest = new RowDigest()
    for await (const rows of batches(source, table)) {
      digest.add(rows)
      await insertRows(target, table.name, rows)
      if (table.name === 'visits') await indexMovedVisits(target, rows)
      progress.rows(rows.length)
    }
    digests.set(table.name, digest)
    if (table.identity) await setIdentityPast(target, table.name, Math.max(await maxId(source, table.name), highWater.get(table.name) ?? 0))
  }
  return digests
}

/**
 * Reads every table back from the hall's database (in the copy's transaction, before it
 * commits) and compares it with the file: row counts, digests, the search index. The move's
 * own audit row is appended after this check.
 */
export async function compareTables(
  target: Transaction<Database>,
  source: Map<string, RowDigest>,
  progress: Progress,
): Promise<Omit<HallMoveVerification, 'auditChecked' | 'auditIntact' | 'auditBrokenInFile'>> {
  const tables: HallMoveTable[] = []
  let casesDigest = ''
  let casesSame = false
  for (const table of MOVED_TABLES) {
    progress.table(table.name)
    const digest = new RowDigest()
    for await (const rows of batches(target, table)) {
      digest.add(rows)
      progress.rows(rows.length)
    }
    const mine = source.get(table.name) ?? new RowDigest()
    const count = await countRows(target, table.name)
    const same = digest.hex() === mine.hex() && count === mine.rows
    tables.push({ table: table.name, source: mine.rows, target: count, same })
    if (table.name === 'visits') {
      casesDigest = digest.hex()
      casesSame = same
    }
  }
  return { tables, casesDigest, casesSame, indexed: await countIndexed(target), indexExpected: await countUnpurgedVisits(target), lastCaseNumber: await lastCaseNumber(target) }
}

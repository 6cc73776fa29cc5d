import { freshSchema } from '../../tests/support/pg-schema'
import pg from 'pg'
import { openReadOnly } from '../../electron/db/connection'
import { migrate } from '../../electron/db/migrate'
import { openPostgres } from '../../electron/db/postgres'
import type { MovedRow } from '../../electron/db/repositories/hall-move'
import {
  MOVED_TABLES,
  clearMovedTables,
  idHighWater,
  indexMovedVisits,
  insertRows,
  maxId,
  readBatch,
  setIdentityPast,
} from '../../electron/db/repositories/hall-move'

/** Rows per multi-row INSERT: at most 30,000 parameters, as the app's own move (services/hall-move/copy.ts). */
const MAX_PARAMETERS = 30_000
const MAX_BATCH = 5_000

/** A raw connection to the bench's schema, for the baselines and the bulk-load steps. */
export async function rawClient(url: string, schema: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    options: `-c search_path=${schema} -c TimeZone=UTC`,
    application_name: 'intake-desk bench (raw)',
  })
  await client.connect()
  return client
}

/** A fresh schema of the given database, so the bench never touches the tests' or a hall's data. */
export const createBenchSchema = (url: string): ReturnType<typeof freshSchema> => freshSchema(url, 'bench')

const seconds = (from: number) => (performance.now() - from) / 1000

/**
 * Seeds the PostgreSQL schema with the generated hall: the schema made by the app's migrations,
 * then every table of the generated SQLite file copied with the app's own move repository
 * (electron/db/repositories/hall-move: multi-row INSERTs of the rows as they are, the bigram
 * search index made as registration makes it). For speed only, the secondary indexes are dropped
 * before the copy and built again after it (the same definitions, read from pg_indexes), and the
 * tables are analyzed. Not timed as part of any figure.
 */
export async function seedPostgres(
  url: string,
  schema: string,
  file: string,
  key: Buffer | null,
  log: (line: string) => void,
): Promise<{ rows: number; seconds: number; indexSeconds: number }> {
  const started = performance.now()
  const target = openPostgres({
    url,
    desk: 'bench-seed',
    schema,
    max: 2,
    limits: { statementMs: 3_600_000, idleInTransactionMs: 3_600_000 },
  })
  const raw = await rawClient(url, schema)
  const source = openReadOnly(file, key)
  let rows = 0
  try {
    await migrate(target.db)
    await clearMovedTables(target.db)
    const { rows: indexes } = await raw.query<{ indexname: string; indexdef: string }>(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
       WHERE i.schemaname = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.connamespace = $1::regnamespace AND c.conname = i.indexname)`,
      [schema],
    )
    for (const index of indexes) await raw.query(`DROP INDEX ${schema}.${index.indexname}`)
    // One read transaction: one snapshot of the file, even while a SQLite run registers in it.
    await source.db.transaction().execute(async (snapshot) => {
      const highWater = await idHighWater(snapshot)
      for (const table of MOVED_TABLES) {
        let after: (string | number)[] | null = null
        let size = 200
        let pending: Promise<unknown> = Promise.resolve()
        for (;;) {
          const batch: MovedRow[] = await readBatch(snapshot, table, after, size)
          if (batch.length === 0) break
          // One INSERT in flight while the next batch is read from the file.
          await pending
          pending = (async () => {
            await insertRows(target.db, table.name, batch)
            if (table.name === 'visits') await indexMovedVisits(target.db, batch)
          })()
          rows += batch.length
          if (batch.length < size) break
          size = Math.max(
            1,
            Math.min(MAX_BATCH, Math.floor(MAX_PARAMETERS / Math.max(1, Object.keys(batch[0] ?? {}).length))),
          )
          const last = batch[batch.length - 1] as MovedRow
          after = table.key.map((k) => last[k] as string | number)
          if (rows % 100_000 < size)
            process.stderr.write(
              `\r  ${table.name}: ${rows.toLocaleString('en')} rows copied, ${seconds(started).toFixed(0)} s   `,
            )
        }
        await pending
        if (table.identity)
          await setIdentityPast(
            target.db,
            table.name,
            Math.max(await maxId(snapshot, table.name), highWater.get(table.name) ?? 0),
          )
      }
    })
    process.stderr.write('\n')
    const indexStarted = performance.now()
    log(
      `copied ${rows.toLocaleString('en')} rows in ${seconds(started).toFixed(0)} s; building ${indexes.length} indexes…`,
    )
    await raw.query(`SET maintenance_work_mem = '512MB'`)
    for (const index of indexes) await raw.query(index.indexdef)
    for (const table of [...MOVED_TABLES.map((t) => t.name), 'visit_search'])
      await raw.query(`ANALYZE ${schema}.${table}`)
    return { rows, seconds: seconds(started), indexSeconds: seconds(indexStarted) }
  } finally {
    await source.close()
    await raw.end()
    await target.close()
  }
}

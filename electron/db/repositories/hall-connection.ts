import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../schema'

/** What 测试连接 reads from the hall's server before anything else: its version, the database's encoding and ctype. */
export async function serverFacts(db: Kysely<Database>): Promise<{ versionNum: number; version: string; encoding: string; ctype: string }> {
  const { rows } = await sql<{ version_num: string; version: string; encoding: string; ctype: string }>`
    SELECT current_setting('server_version_num') AS version_num, current_setting('server_version') AS version,
      pg_encoding_to_char(encoding) AS encoding, datctype AS ctype
    FROM pg_database WHERE datname = current_database()`.execute(db)
  const row = rows[0]
  return { versionNum: Number(row?.version_num ?? 0), version: (row?.version ?? '').split(' ')[0] ?? '', encoding: row?.encoding ?? '', ctype: row?.ctype ?? '' }
}

import type { Kysely } from 'kysely'
import type { HolidayEntry } from '../../../shared/deadlines'
import type { Database } from '../schema'

export async function listHolidays(db: Kysely<Database>): Promise<HolidayEntry[]> {
  return db.selectFrom('holidays').select(['date', 'kind', 'name']).orderBy('date').execute()
}

export async function yearsWithHolidays(db: Kysely<Database>): Promise<Set<number>> {
  const rows = await db.selectFrom('holidays').select('date').execute()
  return new Set(rows.map((r) => Number(r.date.slice(0, 4))))
}

export async function upsertHolidays(db: Kysely<Database>, rows: readonly HolidayEntry[]): Promise<void> {
  for (const row of rows) {
    await db
      .insertInto('holidays')
      .values(row)
      .onConflict((oc) => oc.column('date').doUpdateSet({ kind: row.kind, name: row.name }))
      .execute()
  }
}

export async function deleteHoliday(db: Kysely<Database>, date: string): Promise<void> {
  await db.deleteFrom('holidays').where('date', '=', date).execute()
}

import type { Kysely } from 'kysely'
import type { Database } from '../schema'
import { unindexCases } from './cases'

/** What a purged visit keeps in place of the visitor's name (the column is never empty). */
export const PURGED_NAME = '（已清除）'

/** Closed cases on or before `cutoffDay` whose personal data is still kept, oldest first. */
export async function dueForPurge(db: Kysely<Database>, cutoffDay: string, limit: number) {
  return db
    .selectFrom('visits as v')
    .innerJoin('categories as c', 'c.id', 'v.category_id')
    .select(['v.id', 'v.case_number', 'v.registered_at', 'v.closed_day', 'c.name as category'])
    .where('v.closed_day', 'is not', null)
    .where('v.closed_day', '<=', cutoffDay)
    .where('v.personal_purged_at', 'is', null)
    .orderBy('v.closed_day')
    .orderBy('v.id')
    .limit(limit)
    .execute()
}

export async function countDueForPurge(db: Kysely<Database>, cutoffDay: string): Promise<number> {
  const row = await db
    .selectFrom('visits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('closed_day', 'is not', null)
    .where('closed_day', '<=', cutoffDay)
    .where('personal_purged_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function countPurged(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('visits').select((eb) => eb.fn.countAll<number>().as('n')).where('personal_purged_at', 'is not', null).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The visits of these case numbers, with what decides whether each may be purged. */
export async function visitsForPurge(db: Kysely<Database>, caseNumbers: readonly string[]) {
  if (caseNumbers.length === 0) return []
  return db.selectFrom('visits').select(['id', 'case_number', 'visitor_id', 'closed_day', 'personal_purged_at']).where('case_number', 'in', caseNumbers).execute()
}

/**
 * Removes the personal data of these visits: the visitor's name, phone, address and reason for
 * no ID, the representatives, the five answers and their reasons, and what was derived from
 * them (the search index, the same-matter terms). The case number, category, routing, unit,
 * steps, dates and result stay, so the 台账 and the statistics still count the case.
 */
export async function purgeVisits(db: Kysely<Database>, ids: readonly number[], at: string): Promise<void> {
  if (ids.length === 0) return
  // First, while the name and answers are still there to say what to take out.
  await unindexCases(db, ids)
  await db
    .updateTable('visits')
    .set({
      visitor_name: PURGED_NAME,
      visitor_phone: null,
      visitor_address: '',
      no_id_reason: null,
      representatives: '[]',
      facts: '',
      facts_reason: null,
      demands: '',
      demands_reason: null,
      difficulties: '',
      difficulties_reason: null,
      history: '',
      history_reason: null,
      prior_handling: '',
      prior_handling_reason: null,
      personal_purged_at: at,
    })
    .where('id', 'in', ids)
    .execute()
  await db.deleteFrom('visit_representatives').where('visit_id', 'in', ids).execute()
  await db.deleteFrom('matter_docs').where('visit_id', 'in', ids).execute()
}

/**
 * A visitor all of whose visits are purged keeps no personal data either: the ID number, name,
 * birth date, sex, phone and address go. A visitor with a visit still kept is left as is.
 */
export async function purgeVisitorsWithoutKeptVisits(db: Kysely<Database>, visitorIds: readonly number[], at: string): Promise<void> {
  if (visitorIds.length === 0) return
  await db
    .updateTable('visitors')
    .set({ id_number: null, name: PURGED_NAME, birth_date: null, sex: null, phone: null, address: '', updated_at: at })
    .where('id', 'in', visitorIds)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('visits as k').select('k.id').whereRef('k.visitor_id', '=', 'visitors.id').where('k.personal_purged_at', 'is', null))))
    .execute()
}

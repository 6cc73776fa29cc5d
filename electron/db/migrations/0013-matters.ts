import type { CreateTableBuilder, Kysely } from 'kysely'
import { sql } from 'kysely'
import { isoDayOf, type HallDay } from '../../../shared/days'
import { OPEN_STATUSES } from '../../../shared/cases/machine'
import { addDays } from '../../../shared/deadlines'
import { matterTerms } from '../../../shared/matters/similarity'
import { insertRepresentatives, representativeNames } from '../repositories/matters'
import type { Database } from '../schema'

// Frozen. The same matter, once (issue #16):
// - visits.matter_visit_id: the earlier case a receptionist confirmed this visit belongs to (同一事项),
//   always the matter's first case; null for a visit that is a matter of its own.
// - matter_docs / matter_terms: the character pairs (shared/search/bigrams) of 事实真相 and 诉求与理由
//   of the cases still open or closed within the hall's window, keyed by category first, so that a
//   similarity search reads only the postings of one category's live cases.
// - visit_representatives: the representatives of group visits, by name (the JSON column cannot be
//   searched through an index).
// - matter_decisions: every 同一事项 / 不是同一事项 a receptionist recorded, per reception (intake_id)
//   and, once registered, per visit.
// - hall.matter_similarity (percent) and hall.matter_recent_days: the threshold of 诉求相似 and how
//   long a closed case is still compared.
// Edited once, when 0015 replaced the postings: the backfill below is this migration's own copy,
// and no longer writes matter_terms (0015 drops it and fills the packed pairs of these rows).
// Kysely's builder throughout; the PostgreSQL form (postgres/0013-matters.ts) differs only in
// how matter_decisions numbers its rows (an identity column instead of AUTOINCREMENT).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
type Db = Kysely<any>

export async function up(db: Db): Promise<void> {
  await upWith(db, (t) => t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
}

/** The migration with the engine's form of the decisions' id column. */
export async function upWith(db: Db, withId: (t: CreateTableBuilder<'matter_decisions'>) => CreateTableBuilder<'matter_decisions', 'id'>): Promise<void> {
  await db.schema.alterTable('visits').addColumn('matter_visit_id', 'integer').execute()
  await db.schema.createIndex('visits_matter_idx').on('visits').columns(['matter_visit_id', 'hall_day']).execute()
  // Name + phone already has visits_phone_idx; name + address and the no-ID visitor need the name.
  await db.schema.createIndex('visits_name_idx').on('visits').columns(['visitor_name', 'registered_at']).execute()
  await db.schema.alterTable('hall').addColumn('matter_similarity', 'integer', (c) => c.notNull().defaultTo(60)).execute()
  await db.schema.alterTable('hall').addColumn('matter_recent_days', 'integer', (c) => c.notNull().defaultTo(90)).execute()

  await db.schema
    .createTable('matter_docs')
    .addColumn('visit_id', 'integer', (c) => c.primaryKey().references('visits.id'))
    .addColumn('category_id', 'integer', (c) => c.notNull())
    .addColumn('terms', 'integer', (c) => c.notNull())
    /** The hall-local day the case closed; null while it is open. */
    .addColumn('closed_day', 'text')
    .execute()
  await db.schema.createIndex('matter_docs_closed_idx').on('matter_docs').column('closed_day').execute()
  await db.schema
    .createTable('matter_terms')
    .addColumn('category_id', 'integer', (c) => c.notNull())
    .addColumn('bigram', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('matter_terms_pk', ['category_id', 'bigram', 'visit_id'])
    .execute()
  // Removing a case's postings when it leaves the window.
  await db.schema.createIndex('matter_terms_visit_idx').on('matter_terms').column('visit_id').execute()

  await db.schema
    .createTable('visit_representatives')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('visits.id'))
    .addPrimaryKeyConstraint('visit_representatives_pk', ['name', 'visit_id'])
    .execute()

  await withId(db.schema.createTable('matter_decisions'))
    .addColumn('intake_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('candidate_visit_id', 'integer', (c) => c.notNull().references('visits.id'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('same', 'different')`))
    /** JSON array of the reasons shown when the decision was made. */
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'integer', (c) => c.references('visits.id'))
    .execute()
  await db.schema.createIndex('matter_decisions_intake_idx').on('matter_decisions').columns(['intake_id', 'candidate_visit_id']).execute()
  await db.schema.createIndex('matter_decisions_visit_idx').on('matter_decisions').column('visit_id').execute()

  // The visits already stored enter the index (the window's default of 90 days) and the representatives table.
  await backfill(db, 90)
}

/**
 * The visits already stored, a page at a time: group visits' representatives, and one row per
 * case in the window with its count of pairs. Their postings are not written any more: 0015
 * replaced matter_terms with the pairs packed in matter_docs, and fills them for these rows.
 */
interface OldVisit {
  id: number
  status: string
  closed_day: string | null
  hall_day: HallDay
  category_id: number
  facts: string
  demands: string
  kind: string
  representatives: string
}

async function backfill(db: Db, recentDays: number, today = new Date().toISOString().slice(0, 10)): Promise<void> {
  const cutoff = addDays(today, -recentDays)
  const open = new Set<string>(OPEN_STATUSES)
  for (let after = 0; ; ) {
    const rows: OldVisit[] = await db
      .selectFrom('visits')
      .select(['id', 'status', 'closed_day', 'hall_day', 'category_id', 'facts', 'demands', 'kind', 'representatives'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(2000)
      .execute()
    if (rows.length === 0) return
    for (const r of rows) {
      if (r.kind === 'group') await insertRepresentatives(db as Kysely<Database>, r.id, representativeNames(r.representatives))
      const closedDay = open.has(r.status) ? null : (r.closed_day ?? isoDayOf(r.hall_day))
      if (closedDay === null || closedDay >= cutoff) {
        await db.insertInto('matter_docs').values({ visit_id: r.id, category_id: r.category_id, terms: matterTerms(r.facts, r.demands).length, closed_day: closedDay }).execute()
      }
    }
    after = rows[rows.length - 1]?.id ?? after
  }
}

import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { toBigrams } from '../../../shared/search/bigrams'

// Frozen. The case lifecycle: responsible units, status and clocks on the case, a timeline of
// events, leader receptions, the holiday calendar, deadline rules, and the search index.

export const SEED_UNITS = ['市住房和城乡建设局', '市人力资源和社会保障局', '市民政局', '市公安局', '市自然资源和规划局', '市卫生健康委员会', '市教育局', '区人民政府']

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('units')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db
    .insertInto('units')
    .values(SEED_UNITS.map((name, i) => ({ name, sort_order: (i + 1) * 10, retired: 0 })))
    .execute()

  for (const [name, type] of [
    ['status', 'text'],
    ['unit_id', 'integer'],
    ['leader_name', 'text'],
    ['linked_visit_id', 'integer'],
    ['clock_start', 'text'],
    ['due_date', 'text'],
    ['clock_paused', 'integer'],
    ['extension_days', 'integer'],
    ['closed_at', 'text'],
    ['result', 'text'],
    ['satisfaction', 'text'],
    ['no_further_acceptance', 'integer'],
  ] as const) {
    await db.schema.alterTable('visits').addColumn(name, type).execute()
  }
  await sql`UPDATE visits SET
      status = CASE routing WHEN 'resolved' THEN 'closed' ELSE routing END,
      clock_start = substr(hall_day, 1, 4) || '-' || substr(hall_day, 5, 2) || '-' || substr(hall_day, 7, 2),
      clock_paused = 0,
      no_further_acceptance = 0,
      closed_at = CASE routing WHEN 'resolved' THEN registered_at END,
      result = CASE routing WHEN 'resolved' THEN '当场办结' END`.execute(db)
  await db.schema.createIndex('visits_status_due_idx').on('visits').columns(['status', 'due_date']).execute()
  await db.schema.createIndex('visits_phone_idx').on('visits').column('visitor_phone').execute()
  await db.schema.createIndex('visits_day_idx').on('visits').columns(['hall_day', 'day_seq']).execute()

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('visits.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute()
  await db.schema.createIndex('case_events_visit_idx').on('case_events').columns(['visit_id', 'id']).execute()
  await db.schema.createIndex('case_events_day_idx').on('case_events').columns(['day', 'action']).execute()

  await db.schema
    .createTable('leader_receptions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('leader_name', 'text', (c) => c.notNull())
    .addColumn('leader_title', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('leader_reception_cases')
    .addColumn('reception_id', 'integer', (c) => c.notNull().references('leader_receptions.id'))
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('visits.id'))
    .addPrimaryKeyConstraint('leader_reception_cases_pk', ['reception_id', 'visit_id'])
    .execute()

  await db.schema
    .createTable('holidays')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday', 'workday')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .execute()

  await db.schema.alterTable('hall').addColumn('deadline_rules', 'text', (c) => c.notNull().defaultTo('{}')).execute()
  await db.schema.alterTable('hall').addColumn('stats_month_start_day', 'integer', (c) => c.notNull().defaultTo(1)).execute()

  // Contentless: the text lives in visits; the index holds character pairs (see shared/search).
  await sql`CREATE VIRTUAL TABLE visit_search USING fts5(name, answers, content='', tokenize='unicode61 remove_diacritics 0')`.execute(db)
  const rows = (await db
    .selectFrom('visits')
    .select(['id', 'visitor_name', 'facts', 'demands', 'difficulties', 'history', 'prior_handling'])
    .execute()) as { id: number; visitor_name: string; facts: string; demands: string; difficulties: string; history: string; prior_handling: string }[]
  for (const r of rows) {
    await sql`INSERT INTO visit_search (rowid, name, answers) VALUES (${r.id}, ${toBigrams(r.visitor_name)}, ${toBigrams(
      [r.facts, r.demands, r.difficulties, r.history, r.prior_handling].join('\n'),
    )})`.execute(db)
  }
}

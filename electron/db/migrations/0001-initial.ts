import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Frozen: a migration that has shipped is never edited; later changes get a new file.

export const SEED_CATEGORIES = [
  '城乡建设·征地拆迁',
  '城乡建设·住房保障',
  '城乡建设·物业管理',
  '城乡建设·市政设施',
  '城乡建设·供暖',
  '劳动社保·欠薪',
  '劳动社保·社会保险',
  '民政·抚恤救助',
  '民政·低保',
  '农业农村·土地承包',
  '自然资源·不动产登记',
  '生态环境·污染',
  '卫生健康·医疗纠纷',
  '教育·入学',
  '公安·户籍',
  '政法·涉法涉诉',
  '市场监管·消费维权',
  '交通运输',
  '纪检监察·干部作风',
  '其他',
]

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('hall')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('idle_lock_minutes', 'integer', (c) => c.notNull())
    .addColumn('show_labels', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('badge_no', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('receptionist', 'duty_officer', 'admin')`),
    )
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('categories')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db
    .insertInto('categories')
    .values(SEED_CATEGORIES.map((name, i) => ({ name, sort_order: (i + 1) * 10, retired: 0 })))
    .execute()

  await db.schema
    .createTable('visitors')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('id_number', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text')
    .addColumn('sex', 'text')
    .addColumn('phone', 'text')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  let visits = db.schema
    .createTable('visits')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('case_number', 'text', (c) => c.notNull().unique())
    .addColumn('hall_day', 'text', (c) => c.notNull())
    .addColumn('day_seq', 'integer', (c) => c.notNull())
    .addColumn('visitor_id', 'integer', (c) => c.notNull().references('visitors.id'))
    .addColumn('visitor_name', 'text', (c) => c.notNull())
    .addColumn('visitor_phone', 'text')
    .addColumn('visitor_address', 'text', (c) => c.notNull())
    .addColumn('no_id_reason', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('individual', 'group')`))
    .addColumn('headcount', 'integer', (c) => c.notNull().check(sql`headcount >= 1`))
    .addColumn('representatives', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addColumn('routing', 'text', (c) =>
      c.notNull().check(sql`routing in ('resolved', 'accepted', 'assigned', 'transferred', 'rejected')`),
    )
  for (const key of ['facts', 'demands', 'difficulties', 'history', 'prior_handling']) {
    visits = visits
      .addColumn(key, 'text', (c) => c.notNull())
      .addColumn(`${key}_mark`, 'text', (c) => c.check(sql.raw(`${key}_mark in ('declined', 'unknown')`)))
      .addColumn(`${key}_reason`, 'text')
  }
  await visits
    .addColumn('receptionist_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('shown_badge_no', 'text', (c) => c.notNull())
    .addColumn('shown_name', 'text', (c) => c.notNull())
    .addColumn('shown_position', 'text', (c) => c.notNull())
    .addColumn('shows_confirmed_at', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('visits_day_seq_unique', ['hall_day', 'day_seq'])
    .execute()
  await db.schema.createIndex('visits_visitor_idx').on('visits').columns(['visitor_id', 'registered_at']).execute()

  await db.schema
    .createTable('case_sequences')
    .addColumn('hall_day', 'text', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('drafts')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id'))
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  // The audit trail is append-only: the database itself refuses to change or remove a row.
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db)
  await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db)
}

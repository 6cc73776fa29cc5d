import type { Kysely } from 'kysely'

// Frozen. The rules on paper (issue #11):
// - deadline_regimes: a hall's deadline rules and holiday calendar as they stood before a change.
//   A change applies to cases registered afterwards (DESIGN §3); the cases registered before it are
//   pinned to the regime they had (visits.regime_id), unless the administrator chose to move the
//   open ones too. visits.regime_id null: the case follows the hall's current rules and calendar.
//   Ids are given by the service (max + 1 in the changing transaction), so no engine-specific
//   autoincrement is needed.
// - visits.routing_contact: how to reach the competent body a 不予受理 (or 转送) sends the visitor
//   to; printed on the notice.
// Schema builder only (portable to PostgreSQL).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deadline_regimes')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    /** JSON: the DeadlineRules in force. */
    .addColumn('rules', 'text', (c) => c.notNull())
    /** JSON: the holiday entries (date, kind, name) in force. */
    .addColumn('holidays', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.alterTable('visits').addColumn('regime_id', 'integer', (c) => c.references('deadline_regimes.id')).execute()
  await db.schema.alterTable('visits').addColumn('routing_contact', 'text').execute()
}

import type { Insertable, Kysely, Updateable } from 'kysely'
import type { PrintDocument } from '../../../shared/domain'
import { deskOf } from '../dialect'
import type { Database, ReceiptPrintTable } from '../schema'

/** How many copies of a case's receipt (or of one of its notices) were printed successfully. */
export async function countSucceededPrints(db: Kysely<Database>, visitId: number, document: PrintDocument = 'receipt'): Promise<number> {
  const row = await db
    .selectFrom('receipt_prints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('visit_id', '=', visitId)
    .where('document', '=', document)
    .where('status', '=', 'succeeded')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function insertPrint(db: Kysely<Database>, row: Insertable<ReceiptPrintTable>): Promise<number> {
  const r = await db
    .insertInto('receipt_prints')
    .values({ ...row, desk: deskOf(db) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return r.id
}

export async function updatePrint(db: Kysely<Database>, id: number, changes: Updateable<ReceiptPrintTable>): Promise<void> {
  await db.updateTable('receipt_prints').set(changes).where('id', '=', id).execute()
}

export async function findPrint(db: Kysely<Database>, id: number) {
  return db.selectFrom('receipt_prints').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function listPrintsOfVisit(db: Kysely<Database>, visitId: number) {
  return db
    .selectFrom('receipt_prints as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.id', 'r.copy_no', 'r.target', 'r.printer', 'r.layout', 'r.status', 'r.failure_reason', 'r.requested_at', 'r.completed_at', 'r.document', 'u.name as user_name'])
    .where('r.visit_id', '=', visitId)
    .orderBy('r.id', 'desc')
    .execute()
}

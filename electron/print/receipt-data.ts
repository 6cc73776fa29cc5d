import type { Kysely } from 'kysely'
import type { ReceiptLayout, Routing, VisitKind } from '../../shared/domain'
import type { Database } from '../db/schema'

/** Everything a receipt shows, read in one query. The full ID number never leaves this module. */
export interface ReceiptData {
  visitId: number
  receptionistId: number
  hall: { name: string; address: string; phone: string; showLabels: [string, string, string]; timeZone: string }
  caseNumber: string
  registeredAt: string
  visitorName: string
  idNumber: string | null
  noIdReason: string | null
  kind: VisitKind
  headcount: number
  representatives: string[]
  demands: string
  routing: Routing
  routingBody: string | null
  routingReason: string | null
  shown: [string, string, string]
  defaultLayout: ReceiptLayout
  defaultPrinter: string | null
}

export async function loadReceiptData(db: Kysely<Database>, caseNumber: string): Promise<ReceiptData | undefined> {
  const row = await db
    .selectFrom('visits as v')
    .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
    .innerJoin('hall as h', (join) => join.on('h.id', '=', 1))
    .select([
      'v.id',
      'v.receptionist_id',
      'v.case_number',
      'v.registered_at',
      'v.visitor_name',
      'p.id_number',
      'v.no_id_reason',
      'v.kind',
      'v.headcount',
      'v.representatives',
      'v.demands',
      'v.demands_mark',
      'v.demands_reason',
      'v.routing',
      'v.routing_body',
      'v.routing_reason',
      'v.shown_badge_no',
      'v.shown_name',
      'v.shown_position',
      'h.name as hall_name',
      'h.address as hall_address',
      'h.phone as hall_phone',
      'h.show_labels',
      'h.time_zone',
      'h.receipt_layout',
      'h.receipt_printer',
    ])
    .where('v.case_number', '=', caseNumber)
    .executeTakeFirst()
  if (row === undefined) return undefined
  const labels = JSON.parse(row.show_labels) as string[]
  return {
    visitId: row.id,
    receptionistId: row.receptionist_id,
    hall: {
      name: row.hall_name,
      address: row.hall_address,
      phone: row.hall_phone,
      showLabels: [labels[0] ?? '工号', labels[1] ?? '姓名', labels[2] ?? '职务'],
      timeZone: row.time_zone,
    },
    caseNumber: row.case_number,
    registeredAt: row.registered_at,
    visitorName: row.visitor_name,
    idNumber: row.id_number,
    noIdReason: row.no_id_reason,
    kind: row.kind,
    headcount: row.headcount,
    representatives: JSON.parse(row.representatives) as string[],
    demands: row.demands_mark === null ? row.demands : row.demands || (row.demands_reason ?? ''),
    routing: row.routing,
    routingBody: row.routing_body,
    routingReason: row.routing_reason,
    shown: [row.shown_badge_no, row.shown_name, row.shown_position],
    defaultLayout: row.receipt_layout,
    defaultPrinter: row.receipt_printer,
  }
}

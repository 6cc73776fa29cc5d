import type { Kysely } from 'kysely'
import type { ReceiptLayout, Routing, VisitKind } from '../../shared/domain'
import type { Database } from '../db/schema'
import { OPEN_STATUSES } from '../../shared/cases/machine'
import type { MaskedRepresentative } from '../../shared/intake/representatives'
import { maskRepresentative, parseStoredRepresentatives } from '../../shared/intake/representatives'

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
  /** Masked here: a representative's full ID number never leaves this module either. */
  representatives: MaskedRepresentative[]
  demands: string
  routing: Routing
  routingBody: string | null
  routingReason: string | null
  /** How to reach the competent body of a 不予受理 or 转送 (0011). */
  routingContact: string | null
  shown: [string, string, string]
  defaultLayout: ReceiptLayout
  defaultPrinter: string | null
  /** 交办: the responsible unit. */
  unitName: string | null
  /** 办理结果 (当场办结 or 办结). */
  result: string | null
  extensionDays: number | null
  /** 同一事项: the matter this visit was confirmed as a repeat visit on (issue #16). */
  matter: { caseNumber: string; noFurtherAcceptance: boolean; open: boolean; unitName: string | null; dueDate: string | null } | null
  /** The case's timeline, for the notices (the day and note of each step). */
  events: { action: string; day: string; note: string; data: Record<string, unknown> }[]
}

export async function loadReceiptData(db: Kysely<Database>, caseNumber: string): Promise<ReceiptData | undefined> {
  const row = await db
    .selectFrom('visits as v')
    .innerJoin('visitors as p', 'p.id', 'v.visitor_id')
    .innerJoin('hall as h', (join) => join.on('h.id', '=', 1))
    .leftJoin('units as u', 'u.id', 'v.unit_id')
    .leftJoin('visits as m', 'm.id', 'v.matter_visit_id')
    .leftJoin('units as mu', 'mu.id', 'm.unit_id')
    .select([
      'm.case_number as matter_case_number',
      'm.no_further_acceptance as matter_no_further',
      'm.status as matter_status',
      'm.due_date as matter_due_date',
      'mu.name as matter_unit',
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
      'v.routing_contact',
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
      'u.name as unit_name',
      'v.result',
      'v.extension_days',
    ])
    .where('v.case_number', '=', caseNumber)
    .executeTakeFirst()
  if (row === undefined) return undefined
  const events = await db
    .selectFrom('case_events')
    .select(['action', 'day', 'note', 'data'])
    .where('visit_id', '=', row.id)
    .orderBy('id')
    .execute()
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
    representatives: parseStoredRepresentatives(row.representatives).map(maskRepresentative),
    demands: row.demands_mark === null ? row.demands : row.demands || (row.demands_reason ?? ''),
    routing: row.routing,
    routingBody: row.routing_body,
    routingReason: row.routing_reason,
    routingContact: row.routing_contact,
    shown: [row.shown_badge_no, row.shown_name, row.shown_position],
    defaultLayout: row.receipt_layout,
    defaultPrinter: row.receipt_printer,
    unitName: row.unit_name,
    result: row.result,
    extensionDays: row.extension_days,
    matter:
      row.matter_case_number === null
        ? null
        : {
            caseNumber: row.matter_case_number,
            noFurtherAcceptance: row.matter_no_further === 1,
            open: row.matter_status !== null && OPEN_STATUSES.includes(row.matter_status),
            unitName: row.matter_unit,
            dueDate: row.matter_due_date,
          },
    events: events.map((e) => ({ action: e.action, day: e.day, note: e.note, data: JSON.parse(e.data) as Record<string, unknown> })),
  }
}

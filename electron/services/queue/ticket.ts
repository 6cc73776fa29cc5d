import type { Ticket } from '../../../shared/queue/types'
import type { QueueTicket } from '../../db/schema'

/** A ticket as the pages see it. */
export function toTicket(row: QueueTicket, caseNumber: string | null = null): Ticket {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    headcount: row.headcount,
    status: row.status,
    source: row.source,
    issuedAt: row.issued_at,
    calledAt: row.called_at,
    window: row.window_no,
    targetWindow: row.target_window,
    skippedAt: row.skipped_at,
    caseNumber,
  }
}

import type { Role } from '../domain'
import { CASE_ROLES } from '../domain'
import { method, none } from '../rpc/method'
import { officers } from '../rpc/roles'
import { periodSchema } from '../reports/schemas'
import { callNextSchema, callOutOfOrderSchema, queueSettingsSchema, rateSchema, takeTicketSchema, ticketActionSchema, transferSchema } from './schemas'
import type { QueueSettings } from './schemas'
import type { DeskQueue, IssuedTicket, OnsiteRatingResult, QueueBoard, QueueStatistics, Ticket } from './types'

// 导引员 issues tickets and sees the queue, nothing else (DESIGN §1); a desk issues its own too.
const issuers = ['guide', ...CASE_ROLES] as const satisfies readonly Role[]
const desks = CASE_ROLES

/** The queue's slice of the RPC contract (排队叫号, DESIGN §7). */
export const queueContract = {
  // The kiosk and the hall screen are unattended: nobody signs in there. They reach the core only
  // through the transport's own checks (the Electron window, or the browser host's token) and
  // never carry or show personal data.
  'queue.kioskTake': method<IssuedTicket>()(takeTicketSchema, 'public'),
  'queue.board': method<QueueBoard>()(none, 'public'),
  'queue.take': method<IssuedTicket>()(takeTicketSchema, issuers),
  'queue.desk': method<DeskQueue>()(none, issuers),
  'queue.return': method<Ticket>()(ticketActionSchema, issuers),
  'queue.callNext': method<Ticket | null>()(callNextSchema, desks),
  'queue.recall': method<Ticket>()(ticketActionSchema, desks),
  'queue.skip': method<Ticket>()(ticketActionSchema, desks),
  'queue.transfer': method<Ticket>()(transferSchema, desks),
  // Only a duty officer calls out of order (值班领导), with a reason kept in the audit trail.
  'queue.callOutOfOrder': method<Ticket>()(callOutOfOrderSchema, ['duty_officer']),
  'queue.rate': method<OnsiteRatingResult>()(rateSchema, desks),
  'queue.statistics': method<QueueStatistics>()(periodSchema, officers),
  'queue.settings': method<QueueSettings>()(none, ['admin']),
  'queue.updateSettings': method<QueueSettings>()(queueSettingsSchema, ['admin']),
} as const


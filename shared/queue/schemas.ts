import { z } from 'zod'
import { LIMITS } from '../domain'
import { line } from '../fields'
import { caseNumberSchema } from '../cases/schemas'
import { MAX_WINDOW, ONSITE_RATINGS, TICKET_KINDS, VOICE_MODES } from './domain'

const ticketId = z.number('v.queue.ticket').int('v.queue.ticket').positive('v.queue.ticket')
const window = z.number('v.queue.window').int('v.queue.window').min(1, 'v.queue.window').max(MAX_WINDOW, 'v.queue.window')

/** 取号: the kind, and for 集体访 how many people came (2 or more); 1 for the others. */
export const takeTicketSchema = z
  .strictObject({
    kind: z.enum(TICKET_KINDS, 'v.queue.kind'),
    headcount: z.number('v.headcount.number').int('v.headcount.number').min(1, 'v.headcount.number').max(LIMITS.headcount, 'v.headcount.tooMany'),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'group' && value.headcount < 2) ctx.addIssue({ code: 'custom', path: ['headcount'], message: 'v.headcount.group' })
    if (value.kind !== 'group' && value.headcount !== 1) ctx.addIssue({ code: 'custom', path: ['headcount'], message: 'v.headcount.individual' })
  })
export type TakeTicketInput = z.input<typeof takeTicketSchema>

/** 叫下一位 at a window. */
export const callNextSchema = z.strictObject({ window })

/** 重呼 / 过号 / 回来 of one ticket, from the desk at a window. */
export const ticketActionSchema = z.strictObject({ ticketId, window })

/** 转窗口: the ticket goes to another window's next call. */
export const transferSchema = z.strictObject({ ticketId, window, toWindow: window })

/** A duty officer calls one ticket out of order: the reason is kept in the audit trail. */
export const callOutOfOrderSchema = z.strictObject({ ticketId, window, reason: line(LIMITS.reason, 'v.queue.reason') })

/** The visitor's on-the-spot rating of a case just registered. */
export const rateSchema = z.strictObject({ caseNumber: caseNumberSchema, rating: z.enum(ONSITE_RATINGS, 'v.queue.rating') })

/** The hall's queue settings (管理员). */
export const queueSettingsSchema = z.strictObject({
  priorityCap: z.number('v.queue.priorityCap').int('v.queue.priorityCap').min(1, 'v.queue.priorityCap').max(20, 'v.queue.priorityCap'),
  skipReturnMinutes: z.number('v.queue.skipMinutes').int('v.queue.skipMinutes').min(0, 'v.queue.skipMinutes').max(240, 'v.queue.skipMinutes'),
  serviceMinutes: z.number('v.queue.serviceMinutes').int('v.queue.serviceMinutes').min(1, 'v.queue.serviceMinutes').max(240, 'v.queue.serviceMinutes'),
  voice: z.enum(VOICE_MODES, 'v.queue.voice'),
})
export type QueueSettings = z.output<typeof queueSettingsSchema>

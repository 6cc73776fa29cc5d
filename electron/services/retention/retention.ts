import type { Kysely } from 'kysely'
import { change } from '../../../shared/live/changes'
import { PURGE_BATCH_MAX } from '../../../shared/retention/schemas'
import type { RetentionDue, RetentionPurged } from '../../../shared/retention/types'
import { retentionCutoff } from '../../../shared/retention/cutoff'
import type { z } from 'zod'
import type { retentionPurgeSchema, retentionUpdateSchema } from '../../../shared/retention/schemas'
import { hallDate } from '../../../shared/time'
import type { Database, Hall } from '../../db/schema'
import { updateHall } from '../../db/repositories/hall'
import { countDueForPurge, countPurged, dueForPurge, purgeVisitorsWithoutKeptVisits, purgeVisits, visitsForPurge } from '../../db/repositories/retention'
import { AppError, fieldError } from '../../errors'
import type { Announce } from '../../live/channel'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import { appendAudit } from '../audit/audit'

/**
 * 个人信息保存期限 (PIPL art. 19 and 47): a closed case keeps its visitor's personal data for
 * the hall's period, then an administrator purges it in two confirmed steps. Each purge and each
 * change of the period is audited; audit rows themselves are never purged (网络安全法 art. 21
 * asks for at least six months, and the trail is append-only).
 */
export function createRetention(db: Kysely<Database>, announce: Announce) {
  async function dueOf(executor: Kysely<Database>, hall: Hall, months: number, now: Date): Promise<RetentionDue> {
    const cutoffDay = retentionCutoff(hallDate(now, hall.time_zone), months)
    const rows = await dueForPurge(executor, cutoffDay, PURGE_BATCH_MAX)
    return {
      months,
      cutoffDay,
      cases: rows.map((r) => ({ caseNumber: r.case_number, registeredAt: r.registered_at, closedDay: r.closed_day ?? '', category: r.category })),
      total: await countDueForPurge(executor, cutoffDay),
      purged: await countPurged(executor),
    }
  }

  /** The period and the cases past it, oldest first. */
  function due(ctx: CallContext): Promise<RetentionDue> {
    const { hall, now } = signedIn(ctx)
    return dueOf(db, hall, hall.retention_months, now)
  }

  /** A new period: it decides which cases are due from now on; nothing is purged by it. */
  async function update(ctx: CallContext, input: z.output<typeof retentionUpdateSchema>): Promise<RetentionDue> {
    const { user, hall, now } = signedIn(ctx)
    await db.transaction().execute(async (trx) => {
      await updateHall(trx, { retention_months: input.months })
      await appendAudit(trx, now, { userId: user.id, action: 'retention.update', entity: 'hall', detail: { before: { retentionMonths: hall.retention_months }, after: { retentionMonths: input.months } } })
    })
    announce(change('settings', null))
    return dueOf(db, hall, input.months, now)
  }

  /**
   * Purges the personal data of these cases, all or none: each must be closed and past the
   * period, and the count the administrator typed must be the number sent.
   */
  async function purge(ctx: CallContext, input: z.output<typeof retentionPurgeSchema>): Promise<RetentionPurged> {
    const { user, hall, now } = signedIn(ctx)
    const caseNumbers = [...new Set(input.caseNumbers)]
    if (input.confirmCount !== caseNumbers.length) throw fieldError('confirmCount', 'v.retention.confirmMismatch', { count: caseNumbers.length })
    const cutoffDay = retentionCutoff(hallDate(now, hall.time_zone), hall.retention_months)
    const at = now.toISOString()
    await db.transaction().execute(async (trx) => {
      const visits = await visitsForPurge(trx, caseNumbers)
      const found = new Map(visits.map((v) => [v.case_number, v]))
      for (const caseNumber of caseNumbers) {
        const v = found.get(caseNumber)
        if (v === undefined) throw new AppError('NOT_FOUND', 'e.CASE_NOT_FOUND', { caseNumber })
        if (v.personal_purged_at !== null) throw new AppError('CONFLICT', 'e.RETENTION_PURGED', { caseNumber })
        if (v.closed_day === null || v.closed_day > cutoffDay) throw new AppError('CONFLICT', 'e.RETENTION_NOT_DUE', { caseNumber, months: hall.retention_months })
      }
      await purgeVisits(trx, visits.map((v) => v.id), at)
      await purgeVisitorsWithoutKeptVisits(trx, [...new Set(visits.map((v) => v.visitor_id))], at)
      await appendAudit(trx, now, {
        userId: user.id,
        action: 'retention.purge',
        entity: 'visit',
        detail: { count: caseNumbers.length, retentionMonths: hall.retention_months, cutoffDay, caseNumbers },
      })
    })
    announce(change('case', caseNumbers), change('visit', caseNumbers))
    return { purged: caseNumbers.length }
  }

  return { due, update, purge }
}

export type Retention = ReturnType<typeof createRetention>

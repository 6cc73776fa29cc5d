import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { AuditPage, AuditVerifyResult } from '../../../shared/rpc/types'
import type { auditListSchema } from '../../../shared/schemas/audit'
import { addDays } from '../../../shared/deadlines/calendar'
import { hallDayStart } from '../../../shared/time'
import type { Database, Hall, User } from '../../db/schema'
import type { AuditFilter } from '../../db/repositories/audit'
import { auditActions, countAudit, searchAudit } from '../../db/repositories/audit'
import { appendAudit, checkAudit } from './audit'

type ListInput = z.output<typeof auditListSchema>

/** The screen's filters as the repository's: hall-local days become UTC instants. */
function toFilter(input: ListInput, timeZone: string): AuditFilter {
  const family = input.action?.endsWith('.*') === true
  return {
    userId: input.userId,
    action: family ? null : input.action,
    actionPrefix: family && input.action !== null ? input.action.slice(0, -1) : null,
    since: input.from === null ? null : hallDayStart(input.from, timeZone).toISOString(),
    before: input.to === null ? null : hallDayStart(addDays(input.to, 1), timeZone).toISOString(),
  }
}

/** The administrator's view of the audit trail: filtered pages, and 校验 of its hash chain. */
export function createAuditViewer(db: Kysely<Database>) {
  async function listAudit(hall: Hall, input: ListInput): Promise<AuditPage> {
    const filter = toFilter(input, hall.time_zone)
    const [rows, total, actions] = await Promise.all([
      searchAudit(db, filter, input.limit, input.offset),
      countAudit(db, filter),
      auditActions(db),
    ])
    return {
      rows: rows.map((r) => ({
        id: r.id,
        at: r.at,
        userId: r.user_id,
        userName: r.user_name,
        userBadgeNo: r.user_badge_no,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        detail: r.detail,
      })),
      total,
      actions,
    }
  }

  /** Checks the whole chain and records that it was checked, with the result. */
  async function verify(actor: User, now: Date): Promise<AuditVerifyResult> {
    const { checked, firstBrokenId } = await checkAudit(db)
    const result = { ok: firstBrokenId === null, checked, firstBrokenId }
    await db
      .transaction()
      .execute((trx) =>
        appendAudit(trx, now, {
          userId: actor.id,
          action: 'audit.verify',
          entity: 'audit_log',
          detail: result,
        }),
      )
    return result
  }

  return { listAudit, verify }
}

export type AuditViewer = ReturnType<typeof createAuditViewer>

import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { AuditPage, AuditVerifyResult } from '../../../shared/audit/types'
import type { auditListSchema } from '../../../shared/audit/schemas'
import { addDays } from '../../../shared/deadlines/calendar'
import { hallDayStart } from '../../../shared/time'
import type { Database } from '../../db/schema'
import type { AuditFilter } from '../../db/repositories/audit'
import { auditActions, auditUsers, countAudit, searchAudit } from '../../db/repositories/audit'
import { getHall, updateHall } from '../../db/repositories/hall'
import { AppError } from '../../errors'
import { appendAudit, checkAudit, recordAnchor } from './audit'
import { change } from '../../../shared/live/changes'
import type { Announce } from '../../live/channel'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'

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

/** The auditor's view of the audit trail (the administrator's while allowed): filtered pages, and 校验 of its hash chain. */
export function createAuditViewer(db: Kysely<Database>, announce: Announce) {
  async function list(ctx: CallContext, input: ListInput): Promise<AuditPage> {
    const filter = toFilter(input, signedIn(ctx).hall.time_zone)
    const [rows, total, actions, users] = await Promise.all([
      searchAudit(db, filter, input.limit, input.offset),
      countAudit(db, filter),
      auditActions(db),
      auditUsers(db),
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
      users: users.map((u) => ({ id: u.id, name: u.name, badgeNo: u.badge_no })),
    }
  }

  /**
   * Checks the whole chain and the end it had at the last check, records that it was checked
   * with the result, and signs the chain's new end (with that record) as the anchor for the next.
   */
  async function verify(ctx: CallContext): Promise<AuditVerifyResult> {
    const { user: actor, now } = signedIn(ctx)
    const { checked, firstBrokenId, cutAtEnd } = await checkAudit(db)
    const result = { ok: firstBrokenId === null && cutAtEnd === null, checked, firstBrokenId, cutAtEnd }
    await db.transaction().execute(async (trx) => {
      await appendAudit(trx, now, {
        userId: actor.id,
        action: 'audit.verify',
        entity: 'audit_log',
        detail: result,
      })
      await recordAnchor(trx, now)
    })
    return result
  }

  /** The auditor opens or closes the trail to the administrator; the change is itself audited. */
  async function setAdminAccess(ctx: CallContext, { allowed }: { allowed: boolean }): Promise<{ adminReadsAudit: boolean }> {
    const { user: actor, now } = signedIn(ctx)
    const changed = await db.transaction().execute(async (trx) => {
      const hall = await getHall(trx)
      if (hall === undefined) throw new AppError('SETUP_REQUIRED')
      const before = hall.admin_reads_audit === 1
      if (before === allowed) return false
      await updateHall(trx, { admin_reads_audit: allowed ? 1 : 0 })
      await appendAudit(trx, now, {
        userId: actor.id,
        action: 'audit.adminAccess',
        entity: 'hall',
        entityId: '1',
        detail: { before: { adminReadsAudit: before }, after: { adminReadsAudit: allowed } },
      })
      return true
    })
    if (changed) announce(change('settings', null))
    return { adminReadsAudit: allowed }
  }

  return { list, verify, setAdminAccess }
}

export type AuditViewer = ReturnType<typeof createAuditViewer>

import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { SessionInfo, SetupResult } from '../../../shared/accounts/types'
import type { setupSchema } from '../../../shared/accounts/schemas'
import { change } from '../../../shared/live/changes'
import { AppError } from '../../errors'
import type { Database } from '../../db/schema'
import { getHall, insertHall } from '../../db/repositories/hall'
import { countUsers, insertUser } from '../../db/repositories/users'
import type { Announce } from '../../live/channel'
import type { CallContext } from '../../rpc/context'
import { appendAudit } from '../audit/audit'
import { hashPassword } from './password'
import type { SessionStore } from './sessions'
import { sessionInfo } from './sessions'

const DEFAULT_IDLE_LOCK_MINUTES = 10
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'
const DEFAULT_SHOW_LABELS = ['工号', '姓名', '职务'] as const

export interface SetupDeps {
  db: Kysely<Database>
  sessions: SessionStore
  scryptN: number
  announce: Announce
  /** The hall's 恢复密钥 (recovery key): setup shows it to the administrator who creates the hall. */
  recoveryKey: string
}

/** The hall's first start: its name and code and its first administrator, who is signed in by it. */
export function createSetup({ db, sessions, scryptN, announce, recoveryKey }: SetupDeps) {
  /** Setups run one at a time, so a setup after the first answers at once, unhashed. */
  let setupQueue: Promise<unknown> = Promise.resolve()

  async function setup(ctx: CallContext, input: z.output<typeof setupSchema>): Promise<SetupResult> {
    const run = setupQueue.then(() => setupOnce(ctx.sessionKey, input, ctx.now))
    setupQueue = run.catch(() => undefined)
    return { ...(await run), recoveryKey }
  }

  async function setupOnce(key: string, input: z.output<typeof setupSchema>, now: Date): Promise<SessionInfo> {
    // A hall that exists answers before the 128 MiB hash: repeated setups cannot slow sign-ins.
    if ((await getHall(db)) !== undefined || (await countUsers(db)) > 0) throw new AppError('ALREADY_SET_UP')
    const passwordHash = await hashPassword(input.admin.password, scryptN)
    const iso = now.toISOString()
    const user = await db.transaction().execute(async (trx) => {
      // Checked inside the transaction: two windows finishing setup at once get one hall.
      if ((await getHall(trx)) !== undefined || (await countUsers(trx)) > 0) throw new AppError('ALREADY_SET_UP')
      await insertHall(trx, {
        name: input.hallName,
        code: input.hallCode,
        time_zone: DEFAULT_TIME_ZONE,
        idle_lock_minutes: DEFAULT_IDLE_LOCK_MINUTES,
        show_labels: JSON.stringify(DEFAULT_SHOW_LABELS),
        // The daily backup is on from the first day when setup names a folder.
        ...(input.backupFolder !== undefined && input.backupFolder.trim() !== '' ? { backup_folder: input.backupFolder.trim() } : {}),
        created_at: iso,
      })
      const admin = await insertUser(trx, iso, {
        badge_no: input.admin.badgeNo,
        name: input.admin.name,
        position: input.admin.position,
        role: 'admin',
        password_hash: passwordHash,
        must_change_password: 0,
      })
      await appendAudit(trx, now, {
        userId: admin.id,
        action: 'hall.setup',
        entity: 'hall',
        entityId: '1',
        detail: { hallCode: input.hallCode, adminBadgeNo: admin.badge_no, backupFolder: input.backupFolder?.trim() || null },
      })
      return admin
    })
    announce(change('settings', null), change('user', [user.id]))
    return sessionInfo(user, sessions.start(key, user.id, now))
  }

  return { setup }
}

export type Setup = ReturnType<typeof createSetup>

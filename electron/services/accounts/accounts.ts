import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { Role } from '../../../shared/domain'
import type { SessionInfo, UserRow } from '../../../shared/rpc/types'
import type { changePasswordSchema, createUserSchema, setupSchema, signInSchema } from '../../../shared/schemas/accounts'
import { AppError } from '../../errors'
import type { Database, User } from '../../db/schema'
import { getHall, insertHall } from '../../db/repositories/hall'
import {
  countUsers,
  findUserByBadge,
  findUserById,
  incrementFailedAttempts,
  insertUser,
  listUsers,
  updateUser,
} from '../../db/repositories/users'
import { hallClockTime } from '../../../shared/time'
import { appendAudit } from '../audit/audit'
import { MIN_SCRYPT_N, hashPassword, verifyPassword } from './password'
import type { SessionState, SessionStore } from './sessions'

export const MAX_FAILED_ATTEMPTS = 5
export const ACCOUNT_LOCK_MINUTES = 15
export const DEFAULT_IDLE_LOCK_MINUTES = 10
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'
export const DEFAULT_SHOW_LABELS = ['工号', '姓名', '职务'] as const

export interface AccountsDeps {
  db: Kysely<Database>
  sessions: SessionStore
  scryptN: number
}

export function sessionInfo(user: User, session: SessionState): SessionInfo {
  return {
    userId: user.id,
    badgeNo: user.badge_no,
    name: user.name,
    position: user.position,
    role: user.role,
    mustChangePassword: user.must_change_password === 1,
    locked: session.locked,
  }
}

export function userRow(u: User): UserRow {
  return {
    id: u.id,
    badgeNo: u.badge_no,
    name: u.name,
    position: u.position,
    role: u.role,
    disabled: u.disabled === 1,
    mustChangePassword: u.must_change_password === 1,
    createdAt: u.created_at,
  }
}

/** A hash to compare against when the badge number is unknown, so timing reveals nothing. */
let decoyHash: Promise<string> | undefined

export function createAccounts({ db, sessions, scryptN }: AccountsDeps) {
  // Stored hashes below the app's minimum cost are refused; only tests open a core at a lower one.
  const minScryptN = Math.min(scryptN, MIN_SCRYPT_N)
  function assertNotLocked(user: User, now: Date, timeZone: string, onLocked?: () => void): void {
    if (user.locked_until !== null && user.locked_until > now.toISOString()) {
      onLocked?.()
      throw new AppError('ACCOUNT_LOCKED', 'e.ACCOUNT_LOCKED', { until: hallClockTime(new Date(user.locked_until), timeZone) })
    }
  }

  /** Counts a wrong password (atomically, so parallel guesses all count) and locks at the limit. */
  async function failedPassword(user: User, now: Date, timeZone: string, action: string, onLocked?: () => void): Promise<never> {
    const until = new Date(now.getTime() + ACCOUNT_LOCK_MINUTES * 60_000)
    const attempts = await db.transaction().execute(async (trx) => {
      const n = await incrementFailedAttempts(trx, user.id)
      const locks = n >= MAX_FAILED_ATTEMPTS
      if (locks) await updateUser(trx, user.id, { failed_attempts: 0, locked_until: until.toISOString() })
      await appendAudit(trx, now, {
        userId: user.id,
        action: locks ? 'auth.accountLocked' : action,
        entity: 'user',
        entityId: String(user.id),
        detail: { attempts: n },
      })
      return n
    })
    if (attempts >= MAX_FAILED_ATTEMPTS) {
      onLocked?.()
      throw new AppError('ACCOUNT_LOCKED', 'e.ACCOUNT_LOCKED', { until: hallClockTime(until, timeZone) })
    }
    throw new AppError('BAD_CREDENTIALS', 'e.BAD_CREDENTIALS_LEFT', { left: MAX_FAILED_ATTEMPTS - attempts })
  }

  async function setup(key: string, input: z.output<typeof setupSchema>, now: Date): Promise<SessionInfo> {
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
        created_at: iso,
      })
      const admin = await insertUser(trx, {
        badge_no: input.admin.badgeNo,
        name: input.admin.name,
        position: input.admin.position,
        role: 'admin',
        password_hash: passwordHash,
        must_change_password: 0,
        failed_attempts: 0,
        locked_until: null,
        disabled: 0,
        created_at: iso,
        updated_at: iso,
      })
      await appendAudit(trx, now, {
        userId: admin.id,
        action: 'hall.setup',
        entity: 'hall',
        entityId: '1',
        detail: { hallCode: input.hallCode, adminBadgeNo: admin.badge_no },
      })
      return admin
    })
    return sessionInfo(user, sessions.start(key, user.id, now))
  }

  async function signIn(key: string, input: z.output<typeof signInSchema>, now: Date, timeZone: string): Promise<SessionInfo> {
    const user = await findUserByBadge(db, input.badgeNo)
    if (user === undefined) {
      decoyHash ??= hashPassword('decoy-password-1', scryptN)
      await verifyPassword(input.password, await decoyHash, minScryptN)
      await db.transaction().execute((trx) =>
        appendAudit(trx, now, { userId: null, action: 'auth.signIn.failed', detail: { badgeNo: input.badgeNo, reason: 'unknown' } }),
      )
      throw new AppError('BAD_CREDENTIALS')
    }
    assertNotLocked(user, now, timeZone)
    if (!(await verifyPassword(input.password, user.password_hash, minScryptN))) {
      await failedPassword(user, now, timeZone, 'auth.signIn.failed')
    }
    if (user.disabled === 1) throw new AppError('ACCOUNT_DISABLED')
    await db.transaction().execute(async (trx) => {
      // Checked again after the slow hash: a lock set meanwhile by parallel guesses holds.
      const current = await findUserById(trx, user.id)
      if (current !== undefined) assertNotLocked(current, now, timeZone)
      await updateUser(trx, user.id, { failed_attempts: 0, locked_until: null })
      await appendAudit(trx, now, { userId: user.id, action: 'auth.signIn', entity: 'user', entityId: String(user.id) })
    })
    return sessionInfo(user, sessions.start(key, user.id, now))
  }

  async function lock(key: string, user: User, now: Date, reason: 'manual' | 'idle'): Promise<void> {
    const session = sessions.get(key)
    if (session === undefined || session.locked) return
    session.locked = true
    await db.transaction().execute((trx) =>
      appendAudit(trx, now, { userId: user.id, action: 'auth.lock', entity: 'user', entityId: String(user.id), detail: { reason } }),
    )
  }

  async function unlock(key: string, user: User, password: string, now: Date, timeZone: string): Promise<SessionInfo> {
    const session = sessions.get(key)
    if (session === undefined) throw new AppError('UNAUTHENTICATED')
    assertNotLocked(user, now, timeZone, () => sessions.endAllOf(user.id))
    if (!(await verifyPassword(password, user.password_hash, minScryptN))) {
      // A wrong password at the lock screen counts like one at sign-in.
      await failedPassword(user, now, timeZone, 'auth.unlock.failed', () => sessions.endAllOf(user.id))
    }
    session.locked = false
    session.lastActivity = now.getTime()
    await db.transaction().execute(async (trx) => {
      await updateUser(trx, user.id, { failed_attempts: 0 })
      await appendAudit(trx, now, { userId: user.id, action: 'auth.unlock', entity: 'user', entityId: String(user.id) })
    })
    return sessionInfo(user, session)
  }

  async function signOut(key: string, user: User, now: Date): Promise<void> {
    sessions.end(key)
    await db.transaction().execute((trx) =>
      appendAudit(trx, now, { userId: user.id, action: 'auth.signOut', entity: 'user', entityId: String(user.id) }),
    )
  }

  async function changePassword(
    key: string,
    user: User,
    input: z.output<typeof changePasswordSchema>,
    now: Date,
  ): Promise<SessionInfo> {
    if (!(await verifyPassword(input.currentPassword, user.password_hash, minScryptN))) {
      throw new AppError('VALIDATION', 'e.VALIDATION', {}, [{ path: 'currentPassword', key: 'e.BAD_CREDENTIALS' }])
    }
    const hash = await hashPassword(input.password, scryptN)
    const iso = now.toISOString()
    await db.transaction().execute(async (trx) => {
      await updateUser(trx, user.id, { password_hash: hash, must_change_password: 0, updated_at: iso })
      await appendAudit(trx, now, { userId: user.id, action: 'user.changePassword', entity: 'user', entityId: String(user.id) })
    })
    const updated = await findUserById(db, user.id)
    const session = sessions.get(key)
    if (updated === undefined || session === undefined) throw new AppError('UNAUTHENTICATED')
    return sessionInfo(updated, session)
  }

  async function createUser(actor: User, input: z.output<typeof createUserSchema>, now: Date): Promise<UserRow> {
    const hash = await hashPassword(input.password, scryptN)
    const iso = now.toISOString()
    const created = await db.transaction().execute(async (trx) => {
      if ((await findUserByBadge(trx, input.badgeNo)) !== undefined) {
        throw new AppError('VALIDATION', 'e.VALIDATION', { badgeNo: input.badgeNo }, [{ path: 'badgeNo', key: 'e.BADGE_TAKEN' }])
      }
      const u = await insertUser(trx, {
        badge_no: input.badgeNo,
        name: input.name,
        position: input.position,
        role: input.role satisfies Role,
        password_hash: hash,
        must_change_password: 1,
        failed_attempts: 0,
        locked_until: null,
        disabled: 0,
        created_at: iso,
        updated_at: iso,
      })
      await appendAudit(trx, now, {
        userId: actor.id,
        action: 'user.create',
        entity: 'user',
        entityId: String(u.id),
        detail: { after: { badgeNo: u.badge_no, name: u.name, position: u.position, role: u.role } },
      })
      return u
    })
    return userRow(created)
  }

  return {
    setup,
    signIn,
    lock,
    unlock,
    signOut,
    changePassword,
    createUser,
    listUsers: async () => (await listUsers(db)).map(userRow),
  }
}

export type Accounts = ReturnType<typeof createAccounts>

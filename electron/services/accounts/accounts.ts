import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { Role } from '../../../shared/domain'
import type { SessionInfo, UserRow } from '../../../shared/accounts/types'
import type { changePasswordSchema, createUserSchema, setupSchema, signInSchema } from '../../../shared/accounts/schemas'
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
import { change } from '../../../shared/live/changes'
import type { Announce } from '../../live/channel'

export const MAX_FAILED_ATTEMPTS = 5
export const ACCOUNT_LOCK_MINUTES = 15
export const DEFAULT_IDLE_LOCK_MINUTES = 10
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'
export const DEFAULT_SHOW_LABELS = ['工号', '姓名', '职务'] as const

export interface AccountsDeps {
  db: Kysely<Database>
  sessions: SessionStore
  scryptN: number
  announce: Announce
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

/** Where one try at an account's password stands. */
type Try = { kind: 'locked'; until: string } | { kind: 'open'; user: User } | { kind: 'wrong'; left: number }

/** A hash to compare against when the badge number is unknown, so timing reveals nothing. */
let decoyHash: Promise<string> | undefined

export function createAccounts({ db, sessions, scryptN, announce }: AccountsDeps) {
  // Stored hashes below the app's minimum cost are refused; only tests open a core at a lower one.
  const minScryptN = Math.min(scryptN, MIN_SCRYPT_N)
  function lockedError(until: string, timeZone: string): AppError {
    return new AppError('ACCOUNT_LOCKED', 'e.ACCOUNT_LOCKED', { until: hallClockTime(new Date(until), timeZone) })
  }

  /**
   * Takes one of the account's five tries before any password is hashed, in one transaction:
   * parallel guesses each take a try or find none left, so at most five are ever checked.
   * With none left the account locks; a locked account gets the same answer whatever password
   * came with it, and nothing is hashed. A lock that has run out starts a fresh count.
   */
  async function takeAttempt(userId: number, now: Date, timeZone: string, action: string): Promise<User> {
    const iso = now.toISOString()
    const outcome = await db.transaction().execute(async (trx): Promise<Exclude<Try, { kind: 'wrong' }>> => {
      const user = await findUserById(trx, userId)
      if (user === undefined) throw new AppError('UNAUTHENTICATED')
      if (user.locked_until !== null && user.locked_until > iso) return { kind: 'locked', until: user.locked_until }
      if (user.locked_until !== null) await updateUser(trx, user.id, { failed_attempts: 0, locked_until: null })
      else if (user.failed_attempts >= MAX_FAILED_ATTEMPTS) {
        // Five tries are out and being checked: a sixth call locks the account unchecked.
        const until = new Date(now.getTime() + ACCOUNT_LOCK_MINUTES * 60_000).toISOString()
        await updateUser(trx, user.id, { locked_until: until })
        await appendAudit(trx, now, {
          userId: user.id,
          action: 'auth.accountLocked',
          entity: 'user',
          entityId: String(user.id),
          detail: { attempts: user.failed_attempts, during: action },
        })
        return { kind: 'locked', until }
      }
      await incrementFailedAttempts(trx, user.id)
      return { kind: 'open', user }
    })
    if (outcome.kind === 'locked') throw lockedError(outcome.until, timeZone)
    return outcome.user
  }

  /**
   * Settles a taken try after the hash: a right password gives it back (unless a lock was set
   * meanwhile, which holds), a wrong one keeps it and locks at the fifth.
   */
  async function settleAttempt(
    userId: number,
    right: boolean,
    now: Date,
    timeZone: string,
    action: string,
    auditSuccess: boolean,
  ): Promise<User> {
    const iso = now.toISOString()
    const outcome = await db.transaction().execute(async (trx): Promise<Try> => {
      const user = await findUserById(trx, userId)
      if (user === undefined) throw new AppError('UNAUTHENTICATED')
      if (user.locked_until !== null && user.locked_until > iso) return { kind: 'locked', until: user.locked_until }
      if (right) {
        await updateUser(trx, user.id, { failed_attempts: 0, locked_until: null })
        if (auditSuccess) await appendAudit(trx, now, { userId: user.id, action, entity: 'user', entityId: String(user.id) })
        return { kind: 'open', user: { ...user, failed_attempts: 0, locked_until: null } }
      }
      const attempts = user.failed_attempts
      if (attempts >= MAX_FAILED_ATTEMPTS) {
        // The count is kept: the lock's end, not the lock itself, starts a fresh one.
        const until = new Date(now.getTime() + ACCOUNT_LOCK_MINUTES * 60_000).toISOString()
        await updateUser(trx, user.id, { locked_until: until })
        await appendAudit(trx, now, { userId: user.id, action: 'auth.accountLocked', entity: 'user', entityId: String(user.id), detail: { attempts, during: `${action}.failed` } })
        return { kind: 'locked', until }
      }
      await appendAudit(trx, now, { userId: user.id, action: `${action}.failed`, entity: 'user', entityId: String(user.id), detail: { attempts } })
      return { kind: 'wrong', left: MAX_FAILED_ATTEMPTS - attempts }
    })
    if (outcome.kind === 'locked') throw lockedError(outcome.until, timeZone)
    if (outcome.kind === 'wrong') throw new AppError('BAD_CREDENTIALS', 'e.BAD_CREDENTIALS_LEFT', { left: outcome.left })
    return outcome.user
  }

  /** One try of a password against the account, counted before it is hashed. */
  async function checkPassword(
    userId: number,
    password: string,
    now: Date,
    timeZone: string,
    action: string,
    auditSuccess = true,
  ): Promise<User> {
    const user = await takeAttempt(userId, now, timeZone, action)
    const right = await verifyPassword(password, user.password_hash, minScryptN)
    return settleAttempt(userId, right, now, timeZone, action, auditSuccess)
  }

  /** Setups run one at a time, so a setup after the first answers at once, unhashed. */
  let setupQueue: Promise<unknown> = Promise.resolve()

  function setup(key: string, input: z.output<typeof setupSchema>, now: Date): Promise<SessionInfo> {
    const run = setupQueue.then(() => setupOnce(key, input, now))
    setupQueue = run.catch(() => undefined)
    return run
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
        detail: { hallCode: input.hallCode, adminBadgeNo: admin.badge_no, backupFolder: input.backupFolder?.trim() || null },
      })
      return admin
    })
    announce(change('settings', null), change('user', [user.id]))
    return sessionInfo(user, sessions.start(key, user.id, now))
  }

  async function signIn(key: string, input: z.output<typeof signInSchema>, now: Date, timeZone: string): Promise<SessionInfo> {
    const found = await findUserByBadge(db, input.badgeNo)
    if (found === undefined) {
      decoyHash ??= hashPassword('decoy-password-1', scryptN)
      await verifyPassword(input.password, await decoyHash, minScryptN)
      await db.transaction().execute((trx) =>
        appendAudit(trx, now, { userId: null, action: 'auth.signIn.failed', detail: { badgeNo: input.badgeNo, reason: 'unknown' } }),
      )
      throw new AppError('BAD_CREDENTIALS')
    }
    // A disabled account says so whatever the password: no hash, so no answer tells them apart.
    if (found.disabled === 1) {
      await db.transaction().execute((trx) =>
        appendAudit(trx, now, { userId: found.id, action: 'auth.signIn.failed', entity: 'user', entityId: String(found.id), detail: { reason: 'disabled' } }),
      )
      throw new AppError('ACCOUNT_DISABLED')
    }
    const user = await checkPassword(found.id, input.password, now, timeZone, 'auth.signIn')
    return sessionInfo(user, sessions.start(key, user.id, now))
  }

  async function lock(key: string, user: User, now: Date, reason: 'manual' | 'idle'): Promise<void> {
    if (!sessions.lock(key)) return
    await db.transaction().execute((trx) =>
      appendAudit(trx, now, { userId: user.id, action: 'auth.lock', entity: 'user', entityId: String(user.id), detail: { reason } }),
    )
  }

  async function unlock(key: string, user: User, password: string, now: Date, timeZone: string): Promise<SessionInfo> {
    if (sessions.get(key) === undefined) throw new AppError('UNAUTHENTICATED')
    // A wrong password at the lock screen counts like one at sign-in; a lock ends every session.
    const checked = await signOutOnLock(user.id, () => checkPassword(user.id, password, now, timeZone, 'auth.unlock'))
    // Ended while the password was checked (the user disabled meanwhile): signed out, as changePassword answers.
    const session = sessions.unlock(key, now)
    if (session === undefined) throw new AppError('UNAUTHENTICATED')
    return sessionInfo(checked, session)
  }

  async function signOutOnLock<T>(userId: number, run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (error) {
      if (error instanceof AppError && error.code === 'ACCOUNT_LOCKED') sessions.endAllOf(userId)
      throw error
    }
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
    timeZone: string,
  ): Promise<SessionInfo> {
    // The current password is one more try at the account, counted like a sign-in.
    await signOutOnLock(user.id, async () => {
      try {
        await checkPassword(user.id, input.currentPassword, now, timeZone, 'auth.changePassword', false)
      } catch (error) {
        if (error instanceof AppError && error.code === 'BAD_CREDENTIALS') {
          throw new AppError('VALIDATION', 'e.VALIDATION', error.params, [{ path: 'currentPassword', key: 'e.BAD_CREDENTIALS_LEFT' }])
        }
        throw error
      }
    })
    const hash = await hashPassword(input.password, scryptN)
    const iso = now.toISOString()
    await db.transaction().execute(async (trx) => {
      await updateUser(trx, user.id, { password_hash: hash, must_change_password: 0, updated_at: iso })
      await appendAudit(trx, now, { userId: user.id, action: 'user.changePassword', entity: 'user', entityId: String(user.id) })
    })
    announce(change('user', [user.id]))
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
    announce(change('user', [created.id]))
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

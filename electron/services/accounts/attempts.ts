import type { Kysely } from 'kysely'
import { AppError } from '../../errors'
import type { Database, User } from '../../db/schema'
import { findUserById, incrementFailedAttempts, updateUser } from '../../db/repositories/users'
import { hallClockTime } from '../../../shared/time'
import { appendAudit } from '../audit/audit'
import { MIN_SCRYPT_N, verifyPassword } from './password'

const MAX_FAILED_ATTEMPTS = 5
const ACCOUNT_LOCK_MINUTES = 15

/** Where one try at an account's password stands. */
type Try = { kind: 'locked'; until: string } | { kind: 'open'; user: User } | { kind: 'wrong'; left: number }

/**
 * The five tries an account has at its password, shared by sign-in, the lock screen and the
 * change of password: counted before anything is hashed, the account locked for a quarter of an
 * hour when they are out.
 */
export function createPasswordTries(db: Kysely<Database>, scryptN: number) {
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

  return {
    /** The hashes' floor, for checking a password against a decoy hash. */
    minScryptN,
    /** One try of a password against the account, counted before it is hashed. */
    async check(userId: number, password: string, now: Date, timeZone: string, action: string, auditSuccess = true): Promise<User> {
      const user = await takeAttempt(userId, now, timeZone, action)
      const right = await verifyPassword(password, user.password_hash, minScryptN)
      return settleAttempt(userId, right, now, timeZone, action, auditSuccess)
    },
  }
}

export type PasswordTries = ReturnType<typeof createPasswordTries>

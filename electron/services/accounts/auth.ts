import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { SessionInfo } from '../../../shared/accounts/types'
import type { changePasswordSchema, lockSchema, signInSchema, unlockSchema } from '../../../shared/accounts/schemas'
import { change } from '../../../shared/live/changes'
import { AppError } from '../../errors'
import type { Database } from '../../db/schema'
import { findUserByBadge, findUserById, updateUser } from '../../db/repositories/users'
import type { Announce } from '../../live/channel'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import { appendAudit } from '../audit/audit'
import { createPasswordTries } from './attempts'
import { hashPassword, verifyPassword } from './password'
import type { SessionStore } from './sessions'
import { sessionInfo } from './sessions'

export interface AuthDeps {
  db: Kysely<Database>
  sessions: SessionStore
  scryptN: number
  announce: Announce
}

/** A hash to compare against when the badge number is unknown, so timing reveals nothing. */
let decoyHash: Promise<string> | undefined

/**
 * A window's session: sign-in, the lock screen, sign-out and the change of one's own password.
 * Every password typed is one of the account's five tries (attempts.ts).
 */
export function createAuth({ db, sessions, scryptN, announce }: AuthDeps) {
  const tries = createPasswordTries(db, scryptN)

  async function signIn(ctx: CallContext, input: z.output<typeof signInSchema>): Promise<SessionInfo> {
    if (ctx.hall === undefined) throw new AppError('SETUP_REQUIRED')
    const { now } = ctx
    const found = await findUserByBadge(db, input.badgeNo)
    if (found === undefined) {
      decoyHash ??= hashPassword('decoy-password-1', scryptN)
      await verifyPassword(input.password, await decoyHash, tries.minScryptN)
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
    const user = await tries.check(found.id, input.password, now, ctx.hall.time_zone, 'auth.signIn')
    return sessionInfo(user, sessions.start(ctx.sessionKey, user.id, now))
  }

  /** The lock screen, asked for or after the hall's idle minutes (the dispatcher's). */
  async function lock(ctx: CallContext, input: z.output<typeof lockSchema>): Promise<null> {
    const { user, now } = signedIn(ctx)
    if (!sessions.lock(ctx.sessionKey)) return null
    await db.transaction().execute((trx) =>
      appendAudit(trx, now, { userId: user.id, action: 'auth.lock', entity: 'user', entityId: String(user.id), detail: { reason: input.reason ?? 'manual' } }),
    )
    return null
  }

  async function unlock(ctx: CallContext, input: z.output<typeof unlockSchema>): Promise<SessionInfo> {
    const { user, hall, now, sessionKey } = signedIn(ctx)
    if (sessions.get(sessionKey) === undefined) throw new AppError('UNAUTHENTICATED')
    // A wrong password at the lock screen counts like one at sign-in; a lock ends every session.
    const checked = await signOutOnLock(user.id, () => tries.check(user.id, input.password, now, hall.time_zone, 'auth.unlock'))
    // Ended while the password was checked (the user disabled meanwhile): signed out, as changePassword answers.
    const session = sessions.unlock(sessionKey, now)
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

  async function signOut(ctx: CallContext): Promise<null> {
    const { user, now } = signedIn(ctx)
    sessions.end(ctx.sessionKey)
    await db.transaction().execute((trx) =>
      appendAudit(trx, now, { userId: user.id, action: 'auth.signOut', entity: 'user', entityId: String(user.id) }),
    )
    return null
  }

  async function changePassword(ctx: CallContext, input: z.output<typeof changePasswordSchema>): Promise<SessionInfo> {
    const { user, hall, now, sessionKey, session: current } = signedIn(ctx)
    if (current.locked) throw new AppError('SESSION_LOCKED')
    // The current password is one more try at the account, counted like a sign-in.
    await signOutOnLock(user.id, async () => {
      try {
        await tries.check(user.id, input.currentPassword, now, hall.time_zone, 'auth.changePassword', false)
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
    const session = sessions.get(sessionKey)
    if (updated === undefined || session === undefined) throw new AppError('UNAUTHENTICATED')
    return sessionInfo(updated, session)
  }

  return { signIn, lock, unlock, signOut, changePassword }
}

export type Auth = ReturnType<typeof createAuth>

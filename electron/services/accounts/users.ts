import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { Role } from '../../../shared/domain'
import type { UserRow } from '../../../shared/accounts/types'
import type { createUserSchema, resetPasswordSchema, updateUserSchema } from '../../../shared/accounts/schemas'
import { change } from '../../../shared/live/changes'
import { AppError } from '../../errors'
import type { Database, User } from '../../db/schema'
import { countEnabledExcept, findUserByBadge, findUserById, insertUser, listUsers, updateUser as updateUserRow } from '../../db/repositories/users'
import type { Announce } from '../../live/channel'
import type { CallContext } from '../../rpc/context'
import { signedIn } from '../../rpc/context'
import { appendAudit } from '../audit/audit'
import { hashPassword } from './password'
import type { SessionStore } from './sessions'

export interface UsersDeps {
  db: Kysely<Database>
  sessions: SessionStore
  scryptN: number
  announce: Announce
}

function userRow(u: User): UserRow {
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

async function targetOf(db: Kysely<Database>, id: number): Promise<User> {
  const user = await findUserById(db, id)
  if (user === undefined) throw new AppError('NOT_FOUND', 'e.USER_NOT_FOUND')
  return user
}

/** Roles the hall keeps at least one enabled user of, once it has one: 管理员 and 审计员. */
const KEPT_ROLES = [
  { role: 'admin', error: 'e.LAST_ADMIN' },
  { role: 'auditor', error: 'e.LAST_AUDITOR' },
] as const

/**
 * The hall's user accounts as administrators keep them: add one, change its role, disable or
 * enable it, reset its password. The hall always keeps an enabled administrator (and auditor,
 * once it has one), and nobody disables themselves.
 */
export function createUsers({ db, sessions, scryptN, announce }: UsersDeps) {
  async function list(): Promise<UserRow[]> {
    return (await listUsers(db)).map(userRow)
  }

  async function create(ctx: CallContext, input: z.output<typeof createUserSchema>): Promise<UserRow> {
    const { user: actor, now } = signedIn(ctx)
    const hash = await hashPassword(input.password, scryptN)
    const iso = now.toISOString()
    const created = await db.transaction().execute(async (trx) => {
      if ((await findUserByBadge(trx, input.badgeNo)) !== undefined) {
        throw new AppError('VALIDATION', 'e.VALIDATION', { badgeNo: input.badgeNo }, [{ path: 'badgeNo', key: 'e.BADGE_TAKEN' }])
      }
      const u = await insertUser(trx, iso, {
        badge_no: input.badgeNo,
        name: input.name,
        position: input.position,
        role: input.role satisfies Role,
        password_hash: hash,
        must_change_password: 1,
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

  async function update(ctx: CallContext, input: z.output<typeof updateUserSchema>): Promise<UserRow> {
    const { user: actor, now } = signedIn(ctx)
    const iso = now.toISOString()
    const updated = await db.transaction().execute(async (trx) => {
      const before = await targetOf(trx, input.id)
      const disabled = input.disabled ? 1 : 0
      if (before.role === input.role && before.disabled === disabled) return before
      if (disabled === 1 && before.id === actor.id) throw new AppError('CONFLICT', 'e.CANNOT_DISABLE_SELF')
      // Checked inside the transaction: two administrators demoting each other cannot both succeed.
      for (const kept of KEPT_ROLES) {
        const was = before.role === kept.role && before.disabled === 0
        const stays = input.role === kept.role && disabled === 0
        if (was && !stays && (await countEnabledExcept(trx, kept.role, before.id)) === 0) {
          throw new AppError('CONFLICT', kept.error)
        }
      }
      await updateUserRow(trx, before.id, { role: input.role, disabled, updated_at: iso })
      await appendAudit(trx, now, {
        userId: actor.id,
        action: 'user.update',
        entity: 'user',
        entityId: String(before.id),
        detail: {
          badgeNo: before.badge_no,
          before: { role: before.role, disabled: before.disabled === 1 },
          after: { role: input.role, disabled: disabled === 1 },
        },
      })
      return { ...before, role: input.role, disabled, updated_at: iso }
    })
    // A disabled user is signed out everywhere at once, not at the next call (nor hears this change).
    if (updated.disabled === 1) sessions.endAllOf(updated.id)
    announce(change('user', [updated.id]))
    return userRow(updated)
  }

  async function resetPassword(ctx: CallContext, input: z.output<typeof resetPasswordSchema>): Promise<UserRow> {
    const { user: actor, now } = signedIn(ctx)
    await targetOf(db, input.id)
    const hash = await hashPassword(input.password, scryptN)
    const iso = now.toISOString()
    const updated = await db.transaction().execute(async (trx) => {
      const before = await targetOf(trx, input.id)
      const changes = {
        password_hash: hash,
        must_change_password: 1,
        failed_attempts: 0,
        locked_until: null,
        updated_at: iso,
      }
      await updateUserRow(trx, before.id, changes)
      await appendAudit(trx, now, {
        userId: actor.id,
        action: 'user.resetPassword',
        entity: 'user',
        entityId: String(before.id),
        // Never the password or its hash: only what the reset changed besides them.
        detail: {
          badgeNo: before.badge_no,
          before: {
            mustChangePassword: before.must_change_password === 1,
            failedAttempts: before.failed_attempts,
            lockedUntil: before.locked_until,
          },
          after: { mustChangePassword: true, failedAttempts: 0, lockedUntil: null },
        },
      })
      return { ...before, ...changes }
    })
    // Whoever sits at a window signed in as this user must sign in again with the new password.
    sessions.endAllOf(updated.id)
    announce(change('user', [updated.id]))
    return userRow(updated)
  }

  return { list, create, update, resetPassword }
}

export type Users = ReturnType<typeof createUsers>

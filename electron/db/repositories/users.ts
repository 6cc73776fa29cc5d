import type { Kysely } from 'kysely'
import type { Role } from '../../../shared/domain'
import type { Database, NewUser, User, UserUpdate } from '../schema'

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function findUserByBadge(db: Kysely<Database>, badgeNo: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('badge_no', '=', badgeNo).executeTakeFirst()
}

export async function findUserById(db: Kysely<Database>, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  return db.selectFrom('users').selectAll().orderBy('badge_no').execute()
}

/** What a new account is given; it starts with no failed attempts, not locked, not disabled. */
export type NewAccount = Pick<NewUser, 'badge_no' | 'name' | 'position' | 'role' | 'password_hash' | 'must_change_password'>

export async function insertUser(db: Kysely<Database>, at: string, account: NewAccount): Promise<User> {
  const user: NewUser = { ...account, failed_attempts: 0, locked_until: null, disabled: 0, created_at: at, updated_at: at }
  return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow()
}

export async function updateUser(db: Kysely<Database>, id: number, changes: UserUpdate): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute()
}

/** Counts one more failed password, atomically: attempts sent at the same time all count. */
export async function incrementFailedAttempts(db: Kysely<Database>, id: number): Promise<number> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', id)
    .returning('failed_attempts')
    .executeTakeFirstOrThrow()
  return row.failed_attempts
}

/** Enabled administrators other than the given user: the hall must keep at least one. */
export async function countEnabledAdminsExcept(db: Kysely<Database>, userId: number): Promise<number> {
  return countEnabledExcept(db, 'admin', userId)
}

/** Enabled users of a role other than the given user (the last admin and last auditor stay). */
export async function countEnabledExcept(db: Kysely<Database>, role: Role, userId: number): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', role)
    .where('disabled', '=', 0)
    .where('id', '!=', userId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

import { method, none } from '../rpc/method'
import { admins } from '../rpc/roles'
import { changePasswordSchema, createUserSchema, lockSchema, resetPasswordSchema, setupSchema, signInSchema, unlockSchema, updateUserSchema } from './schemas'
import type { SessionInfo, SetupResult, UserRow } from './types'

/** The accounts slice of the RPC contract. */
export const accountsContract = {
  'app.setup': method<SetupResult>()(setupSchema, 'public'),
  'auth.signIn': method<SessionInfo>()(signInSchema, 'public'),
  'auth.signOut': method<null>()(none, 'session'),
  'auth.lock': method<null>()(lockSchema, 'session'),
  'auth.unlock': method<SessionInfo>()(unlockSchema, 'session'),
  'auth.changePassword': method<SessionInfo>()(changePasswordSchema, 'session'),
  'users.list': method<UserRow[]>()(none, admins),
  'users.create': method<UserRow>()(createUserSchema, admins),
  'users.update': method<UserRow>()(updateUserSchema, admins),
  'users.resetPassword': method<UserRow>()(resetPasswordSchema, admins),
} as const

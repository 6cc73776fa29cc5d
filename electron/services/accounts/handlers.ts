import type { MethodName } from '../../../shared/rpc/contract'
import type { accountsContract } from '../../../shared/accounts/contract'
import type { HandlerSlice } from '../../rpc/context'
import type { Auth } from './auth'
import type { Setup } from './setup'
import type { Users } from './users'

type AccountsMethod = keyof typeof accountsContract & MethodName

/** The accounts feature's handler entries (setup, sessions, users): each one the service method itself. */
export function accountsHandlers(hallSetup: Setup, auth: Auth, users: Users): HandlerSlice<AccountsMethod> {
  return {
    'app.setup': hallSetup.setup,
    'auth.signIn': auth.signIn,
    'auth.signOut': auth.signOut,
    'auth.lock': auth.lock,
    'auth.unlock': auth.unlock,
    'auth.changePassword': auth.changePassword,
    'users.list': users.list,
    'users.create': users.create,
    'users.update': users.update,
    'users.resetPassword': users.resetPassword,
  }
}

import type { MethodName } from '../../../shared/rpc/contract'
import type { appContract } from '../../../shared/app/contract'
import type { HandlerSlice } from '../../rpc/context'
import type { App } from './app'

type AppMethod = keyof typeof appContract & MethodName

/** The app feature's handler entries: each one the service method itself. */
export function appHandlers(app: App): HandlerSlice<AppMethod> {
  return {
    'app.status': app.status,
    'app.link': app.link,
  }
}

import type { MethodName } from '../../../shared/rpc/contract'
import type { HandlerSlice } from '../../rpc/context'
import type { HallConnectionService } from './hall-connection'

type HallConnectionMethod = Extract<MethodName, `hallConnection.${string}`>

/** The hall connection's handler entries: each one the service method itself. */
export function hallConnectionHandlers(service: HallConnectionService): HandlerSlice<HallConnectionMethod> {
  return { 'hallConnection.get': service.get, 'hallConnection.test': service.test, 'hallConnection.save': service.save, 'hallConnection.joinTest': service.joinTest, 'hallConnection.join': service.join }
}

import type { MethodName } from '../../../shared/rpc/contract'
import type { settingsContract } from '../../../shared/settings/contract'
import type { HandlerSlice } from '../../rpc/context'
import type { Settings } from './settings'

type SettingsMethod = keyof typeof settingsContract & MethodName

/** The hall settings' handler entries: each one the service method itself. */
export function settingsHandlers(settings: Settings): HandlerSlice<SettingsMethod> {
  return {
    'settings.get': settings.get,
    'settings.update': settings.update,
    'settings.rulesImpact': settings.rulesImpact,
  }
}

import { method, none } from '../rpc/method'
import { admins } from '../rpc/roles'
import { hallSettingsSchema, rulesImpactSchema } from './schemas'
import type { HallSettings, RulesImpact } from './types'

/** The settings slice of the RPC contract. */
export const settingsContract = {
  'settings.get': method<HallSettings>()(none, admins),
  'settings.update': method<HallSettings>()(hallSettingsSchema, admins),
  // How many open cases a change of the rules would move (the settings page asks before saving).
  'settings.rulesImpact': method<RulesImpact>()(rulesImpactSchema, admins),
} as const

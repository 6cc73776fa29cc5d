import { z } from 'zod'
import { method, none } from '../rpc/method'
import { admins, everyone } from '../rpc/roles'
import { categoryUpdateSchema, holidayImportSchema, holidayRemoveSchema, holidaySchema, holidaysImpactSchema, unitNameSchema, unitUpdateSchema } from './schemas'
import type { RulesImpact } from '../settings/types'
import type { HolidayRow, UnitRow } from './types'

/** The hall-data slice of the RPC contract. */
export const hallDataContract = {
  'units.list': method<UnitRow[]>()(z.strictObject({ includeRetired: z.boolean('v.boolean') }), everyone),
  'units.add': method<UnitRow>()(unitNameSchema, admins),
  'units.update': method<UnitRow>()(unitUpdateSchema, admins),
  'categories.listAll': method<UnitRow[]>()(none, admins),
  'categories.add': method<UnitRow>()(unitNameSchema, admins),
  'categories.update': method<UnitRow>()(categoryUpdateSchema, admins),
  'holidays.list': method<HolidayRow[]>()(none, everyone),
  'holidays.put': method<HolidayRow[]>()(holidaySchema, admins),
  'holidays.remove': method<HolidayRow[]>()(holidayRemoveSchema, admins),
  'holidays.import': method<HolidayRow[]>()(holidayImportSchema, admins),
  'holidays.impact': method<RulesImpact>()(holidaysImpactSchema, admins),
} as const

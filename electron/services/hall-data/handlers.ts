import type { MethodName } from '../../../shared/rpc/contract'
import type { hallDataContract } from '../../../shared/hall-data/contract'
import type { HandlerSlice } from '../../rpc/context'
import type { Holidays } from './holidays'
import type { UnitLists } from './units'

type HallDataMethod = keyof typeof hallDataContract & MethodName

/** The hall data's handler entries (units, categories, holidays): each one the service method itself. */
export function hallDataHandlers({ units, categories }: UnitLists, holidays: Holidays): HandlerSlice<HallDataMethod> {
  return {
    'units.list': units.list,
    'units.add': units.add,
    'units.update': units.update,
    'categories.listAll': categories.listAll,
    'categories.add': categories.add,
    'categories.update': categories.update,
    'holidays.list': holidays.list,
    'holidays.put': holidays.put,
    'holidays.remove': holidays.remove,
    'holidays.import': holidays.import,
    'holidays.impact': holidays.impact,
  }
}

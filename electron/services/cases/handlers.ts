import type { casesContract } from '../../../shared/cases/contract'
import type { HandlerSlice } from '../../rpc/context'
import type { Cases } from './cases'
import type { Leaders } from './leaders'
import type { CaseLists } from './lists'

/** The case page, its steps, 督办, search and 领导接访: each entry the service method itself. */
export function casesHandlers(cases: Cases, lists: CaseLists, leaders: Leaders): HandlerSlice<keyof typeof casesContract> {
  return {
    'cases.get': cases.get,
    'cases.act': cases.act,
    'cases.revealIdentity': cases.revealIdentity,
    'cases.supervision': lists.supervision,
    'cases.search': lists.search,
    'leaders.record': leaders.record,
    'leaders.list': leaders.list,
  }
}

import type { mattersContract } from '../../../shared/matters/contract'
import type { HandlerSlice } from '../../rpc/context'
import type { Matters } from './matters'

/** 同一事项: each entry the service method itself. */
export function mattersHandlers(matters: Matters): HandlerSlice<keyof typeof mattersContract> {
  return {
    'matters.candidates': matters.candidates,
    'matters.decide': matters.decide,
  }
}

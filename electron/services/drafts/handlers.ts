import type { HandlerSlice } from '../../rpc/context'
import type { Drafts } from './drafts'

/** The intake form in progress: each entry the service method itself. */
export function draftsHandlers(drafts: Drafts): HandlerSlice<'drafts.get' | 'drafts.save' | 'drafts.discard'> {
  return {
    'drafts.get': drafts.get,
    'drafts.save': drafts.save,
    'drafts.discard': drafts.discard,
  }
}

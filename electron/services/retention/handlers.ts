import type { HandlerSlice } from '../../rpc/context'
import type { Retention } from './retention'

/** 个人信息保存期限: the service's methods are the handlers. */
export function retentionHandlers(retention: Retention): HandlerSlice<'retention.due' | 'retention.update' | 'retention.purge'> {
  return {
    'retention.due': retention.due,
    'retention.update': retention.update,
    'retention.purge': retention.purge,
  }
}

import type { MethodName } from '../../../shared/rpc/contract'
import type { queueContract } from '../../../shared/queue/contract'
import type { HandlerSlice } from '../../rpc/context'
import type { Queue } from './queue'

type QueueMethod = keyof typeof queueContract & MethodName

/** 排队叫号: the service's methods are the handlers. */
export function queueHandlers(queue: Queue): HandlerSlice<QueueMethod> {
  return {
    'queue.kioskTake': queue.kioskTake,
    'queue.board': queue.board,
    'queue.take': queue.take,
    'queue.desk': queue.desk,
    'queue.return': queue.returnTicket,
    'queue.callNext': queue.callNext,
    'queue.recall': queue.recall,
    'queue.skip': queue.skip,
    'queue.transfer': queue.transfer,
    'queue.callOutOfOrder': queue.callOutOfOrder,
    'queue.rate': queue.rate,
    'queue.statistics': queue.statistics,
    'queue.settings': queue.getSettings,
    'queue.updateSettings': queue.updateSettings,
  }
}

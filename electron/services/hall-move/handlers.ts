import type { HandlerSlice } from '../../rpc/context'
import type { HallMove } from './hall-move'

/** 迁移到大厅数据库: the service's methods are the handlers. */
export function hallMoveHandlers(hallMove: HallMove): HandlerSlice<'hallMove.start' | 'hallMove.job'> {
  return {
    'hallMove.start': hallMove.start,
    'hallMove.job': hallMove.job,
  }
}

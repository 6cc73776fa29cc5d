import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { HallMoveJob } from '../../../shared/hall-move/types'
import { call } from '../../api/client'
import { RpcFailure, useDeskLink, useRpcMutation } from '../../api/queries'

/** How often the card asks for the move's progress while it runs (as the exports do). */
const POLL_MS = 250

const running = (job: HallMoveJob | undefined) => job !== undefined && (job.phase === 'copying' || job.phase === 'verifying')

/**
 * 迁移到大厅数据库 as server state: the desk's engine (a desk already on the hall database has
 * nothing to move), the start, and the job followed until it is done or has failed.
 */
export function useHallMove() {
  const link = useDeskLink()
  const start = useRpcMutation('hallMove.start')
  const [startedId, setStartedId] = useState<string | null>(null)
  const job = useQuery<HallMoveJob, RpcFailure>({
    queryKey: ['hallMove.job', startedId],
    enabled: startedId !== null,
    queryFn: async () => {
      const r = await call('hallMove.job', { id: startedId ?? '' })
      if (!r.ok) throw new RpcFailure(r.error)
      return r.value
    },
    refetchInterval: (query) => (running(query.state.data) ? POLL_MS : false),
  })
  const begin = (url: string) =>
    start.mutate(
      { url },
      {
        onSuccess: (started) => setStartedId(started.id),
      },
    )
  return {
    engine: link.data?.engine ?? null,
    begin,
    starting: start.isPending,
    refused: start.error,
    job: job.data ?? (startedId !== null ? start.data : undefined) ?? null,
    running: start.isPending || running(job.data ?? start.data),
  }
}

import type { SqliteHandle } from './cipher'

/**
 * The database's housekeeping, done between registrations rather than inside them: merging
 * the search index's segments a little at a time, and folding the WAL back into the file.
 * Both used to happen inside the committing transaction when a threshold was crossed, which
 * made one registration in a few hundred take several times as long (`npm run bench`).
 */
export interface Maintenance {
  /** A write has committed: run a step soon, once the desk is quiet. */
  afterWrite: () => void
  /** One step now; `checkpoint` folds the WAL back whatever its size (shutdown, tests). */
  step: (options?: { checkpoint?: boolean }) => void
  stop: () => void
}

export interface MaintenanceOptions {
  /** How long after a write the step runs; later writes within it wait for the same step. */
  delayMs?: number
  /** A checkpoint at least this often, for writes that do not call afterWrite (drafts, case steps). */
  intervalMs?: number
  onError?: (error: unknown) => void
}

/** Pages of the search index merged per step: a millisecond or two of work. */
const MERGE_PAGES = 32
/** Registrations between checkpoints: a few megabytes of WAL. */
const WRITES_PER_CHECKPOINT = 32
/** Below this many WAL frames a checkpoint does not restart the WAL itself: an idle desk writes nothing. */
const RESTART_MIN_FRAMES = 64

export function createMaintenance(raw: SqliteHandle, options: MaintenanceOptions = {}): Maintenance {
  const delayMs = options.delayMs ?? 250
  const merge = raw.prepare("INSERT INTO visit_search (visit_search, rank) VALUES ('merge', ?)")
  // Restating the index's setting is a write of one small page. Made right after a checkpoint,
  // it is the one that starts the WAL afresh (a header written and synced), not the next
  // registration.
  const restartWal = raw.prepare("INSERT INTO visit_search (visit_search, rank) VALUES ('automerge', 0)")
  let pending: NodeJS.Timeout | undefined
  let stopped = false
  let writes = 0

  function step({ checkpoint = false } = {}): void {
    if (stopped || !raw.open) return
    // A transaction of the services is between two awaits: come back when it has finished.
    if (raw.inTransaction) {
      schedule()
      return
    }
    try {
      merge.run(MERGE_PAGES)
      if (checkpoint || writes >= WRITES_PER_CHECKPOINT) {
        writes = 0
        const [result] = raw.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[]
        if (result !== undefined && result.busy === 0 && result.log >= RESTART_MIN_FRAMES && result.log === result.checkpointed)
          restartWal.run()
      }
    } catch (error) {
      // Housekeeping only: a busy file or a full disk shows up again on the next write, where it
      // is reported to the user. Nothing here may take the desk down.
      options.onError?.(error)
    }
  }

  function schedule(): void {
    if (pending !== undefined || stopped) return
    pending = setTimeout(() => {
      pending = undefined
      step()
    }, delayMs)
    pending.unref()
  }

  const interval = setInterval(() => step({ checkpoint: true }), options.intervalMs ?? 5 * 60_000)
  interval.unref()

  return {
    afterWrite: () => {
      writes += 1
      schedule()
    },
    step,
    stop: () => {
      stopped = true
      clearInterval(interval)
      if (pending !== undefined) clearTimeout(pending)
      pending = undefined
    },
  }
}

/** Hall mode: the PostgreSQL server keeps its own house (autovacuum); nothing to do between registrations. */
export function idleMaintenance(): Maintenance {
  return { afterWrite: () => undefined, step: () => undefined, stop: () => undefined }
}

/**
 * The daily backup timer: a chain of unref'd timers that never keeps the process alive, with
 * the first run soon after start when the last backup is stale.
 */
import { DAY_MS } from './stamps'

/** How soon after start a stale backup is made up: long enough for the window to show first. */
export const STALE_START_DELAY_MS = 60_000

export interface BackupSchedule {
  run: () => Promise<unknown>
  /** Between runs; a day unless told. */
  every?: number
  /** Until the first run; see firstBackupDelay. */
  firstIn?: number
  onError?: (error: unknown) => void
}

/** Shortly after start when the last backup is stale, else a full period later. */
export function firstBackupDelay(stale: boolean, every = DAY_MS): number {
  return stale ? STALE_START_DELAY_MS : every
}

/** Runs `run` on a chain of unref'd timers, so it never keeps the process alive; returns stop. */
export function startBackupSchedule(schedule: BackupSchedule): () => void {
  const every = schedule.every ?? DAY_MS
  const onError =
    schedule.onError ??
    ((error: unknown) => {
      const e = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
      console.error(`[intake-desk] scheduled backup failed: ${e}`)
    })
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  const arm = (ms: number) => {
    if (stopped) return
    timer = setTimeout(tick, ms)
    timer.unref()
  }
  const tick = () => {
    schedule
      .run()
      .catch(onError)
      .finally(() => arm(every))
      .catch(() => undefined)
  }
  arm(schedule.firstIn ?? every)
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}

/**
 * Backup file names and the time stamps in them: `intake-desk-YYYYMMDD-HHmmss[-n].sqlite3`, in
 * the hall's local wall-clock time, written and read back.
 */
import { instantOfWallClock, wallClock } from '../../../shared/time'

export const DAY_MS = 24 * 60 * 60 * 1000

const BACKUP_NAME = /^intake-desk-(\d{8}-\d{6})(?:-\d+)?\.sqlite3$/

const two = (n: number) => String(n).padStart(2, '0')

/** The local wall-clock time of an instant as YYYYMMDD-HHmmss, for file and folder names. */
export function timeStamp(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone)
  return `${String(w.year).padStart(4, '0')}${two(w.month)}${two(w.day)}-${two(w.hour)}${two(w.minute)}${two(w.second)}`
}

/** The instant a stamp written by timeStamp stands for, in the same time zone. */
export function parseTimeStamp(stamp: string, timeZone: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})$/.exec(stamp)
  if (m === null) return null
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number]
  return instantOfWallClock({ year, month, day, hour, minute, second }, timeZone)
}

/** The name of a backup made at `stamp`; the second and later of the same second get `-n`. */
export function backupFileName(stamp: string, n = 1): string {
  return n === 1 ? `intake-desk-${stamp}.sqlite3` : `intake-desk-${stamp}-${n}.sqlite3`
}

/** The time stamp in a backup's file name; null for a file not named like a backup. */
export function backupNameStamp(fileName: string): string | null {
  return BACKUP_NAME.exec(fileName)?.[1] ?? null
}

/** Which of the backups of one second a file is: 1 for the first, else its `-n`. */
export function backupNameSuffix(fileName: string): number {
  return Number(/-\d{6}-(\d+)\.sqlite3$/.exec(fileName)?.[1] ?? 1)
}

/**
 * Backup file names and the time stamps in them: `intake-desk-YYYYMMDD-HHmmss[-n].sqlite3` for a
 * copy of the desk's file, `intake-desk-hall-YYYYMMDD-HHmmss[-n].dump` for the hall database's
 * pg_dump archive, in the hall's local wall-clock time, written and read back.
 */
import { instantOfWallClock, wallClock } from '../../../shared/time'

export const DAY_MS = 24 * 60 * 60 * 1000

const BACKUP_NAME = /^intake-desk-(\d{8}-\d{6})(?:-\d+)?\.sqlite3$/
const DUMP_NAME = /^intake-desk-hall-(\d{8}-\d{6})(?:-\d+)?\.dump$/

export type BackupKind = 'file' | 'dump'

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
export function backupFileName(stamp: string, n = 1, kind: BackupKind = 'file'): string {
  const [prefix, ext] = kind === 'file' ? ['intake-desk-', 'sqlite3'] : ['intake-desk-hall-', 'dump']
  return n === 1 ? `${prefix}${stamp}.${ext}` : `${prefix}${stamp}-${n}.${ext}`
}

/** The time stamp in a backup's file name; null for a file not named like a backup. */
export function backupNameStamp(fileName: string): string | null {
  return BACKUP_NAME.exec(fileName)?.[1] ?? DUMP_NAME.exec(fileName)?.[1] ?? null
}

/** Which kind of backup a file named like one is. */
export function backupNameKind(fileName: string): BackupKind {
  return DUMP_NAME.test(fileName) ? 'dump' : 'file'
}

/** Which of the backups of one second a file is: 1 for the first, else its `-n`. */
export function backupNameSuffix(fileName: string): number {
  return Number(/-\d{6}-(\d+)\.(?:sqlite3|dump)$/.exec(fileName)?.[1] ?? 1)
}

/**
 * Backup file names and the time stamps in them: `intake-desk-YYYYMMDD-HHmmss[-n].sqlite3`, in
 * the hall's local wall-clock time, written and read back.
 */
import { dateTimeFormat } from '../../../shared/intl'

export const DAY_MS = 24 * 60 * 60 * 1000

const BACKUP_NAME = /^intake-desk-(\d{8}-\d{6})(?:-\d+)?\.sqlite3$/

/** The local wall-clock time of an instant as YYYYMMDD-HHmmss, for file and folder names. */
export function timeStamp(at: Date, timeZone: string): string {
  const parts = dateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00'
  return `${part('year')}${part('month')}${part('day')}-${part('hour')}${part('minute')}${part('second')}`
}

function stampAsUtc(stamp: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})$/.exec(stamp)
  if (m === null) return null
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number]
  return Date.UTC(y, mo - 1, d, h, mi, s)
}

/** The instant a stamp written by timeStamp stands for, in the same time zone. */
export function parseTimeStamp(stamp: string, timeZone: string): Date | null {
  const wall = stampAsUtc(stamp)
  if (wall === null) return null
  const offsetAt = (t: number) => (stampAsUtc(timeStamp(new Date(t), timeZone)) ?? t) - t
  // Twice, so that an instant near a daylight-saving change lands on the right offset.
  const first = wall - offsetAt(wall)
  return new Date(wall - offsetAt(first))
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

import { dateTimeFormat } from '../shared/intl'

/** Date and time of an ISO instant in the hall's time zone: 2026-11-22 10:05. */
export function formatDateTime(iso: string, timeZone: string): string {
  return `${formatDate(iso, timeZone)} ${formatTime(iso, timeZone)}`
}

export function formatDate(iso: string, timeZone: string): string {
  return dateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso))
}

export function formatTime(iso: string, timeZone: string, seconds = false): string {
  return dateTimeFormat('sv-SE', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(new Date(iso))
}

/**
 * A backups folder: the backups in it, newest first, and the pruning of those older than the
 * hall's keep-days. Files not named like a backup are never touched.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { BackupFile } from '../../../shared/backup/types'
import { DEFAULT_TIME_ZONE } from '../accounts/setup'
import { headerVersion, readSidecar, sha256File } from './format'
import { DAY_MS, backupNameKind, backupNameStamp, backupNameSuffix, parseTimeStamp } from './stamps'

export const DEFAULT_KEEP_DAYS = 30

/** The backups in a folder, newest first; other files are ignored. */
export async function listBackups(
  folder: string,
  options: { verifyHashes?: boolean; timeZone?: string } = {},
): Promise<BackupFile[]> {
  if (!existsSync(folder)) return []
  const found: BackupFile[] = []
  for (const fileName of readdirSync(folder)) {
    const stamp = backupNameStamp(fileName)
    const path = join(folder, fileName)
    if (stamp === null || !statSync(path).isFile()) continue
    const sidecar = readSidecar(path)
    const createdAt =
      sidecar?.createdAt ?? parseTimeStamp(stamp, options.timeZone ?? DEFAULT_TIME_ZONE)?.toISOString()
    if (createdAt === undefined) continue
    const verify = options.verifyHashes ?? true
    const kind = backupNameKind(fileName)
    found.push({
      path,
      fileName,
      kind,
      createdAt,
      // An encrypted backup's header is unreadable without opening it (a dump has none): its sidecar says.
      schemaVersion: (kind === 'file' ? headerVersion(path) : null) ?? sidecar?.schemaVersion ?? null,
      sizeBytes: statSync(path).size,
      hashMatches: sidecar === null || !verify ? null : (await sha256File(path)) === sidecar.sha256,
    })
  }
  // Two backups of the same second: the one with the higher suffix was made later.
  return found.sort(
    (a, b) =>
      b.createdAt.localeCompare(a.createdAt) || backupNameSuffix(b.fileName) - backupNameSuffix(a.fileName),
  )
}

/**
 * Removes the backups in `folder` older than `keepDays` (by the sidecar's time, else the file
 * name's) with their sidecars, except those in `keep`. Returns the file names removed.
 */
export function pruneBackups(
  folder: string,
  now: Date,
  keepDays: number,
  timeZone: string,
  keep: string[] = [],
): string[] {
  const removed: string[] = []
  const limit = now.getTime() - Math.max(1, keepDays) * DAY_MS
  for (const fileName of readdirSync(folder)) {
    const stamp = backupNameStamp(fileName)
    const path = join(folder, fileName)
    if (stamp === null || keep.includes(path) || !statSync(path).isFile()) continue
    const sidecar = readSidecar(path)
    const created = sidecar !== null ? new Date(sidecar.createdAt) : parseTimeStamp(stamp, timeZone)
    if (created === null || created.getTime() >= limit) continue
    rmSync(path)
    rmSync(`${path}.json`, { force: true })
    removed.push(fileName)
  }
  return removed
}

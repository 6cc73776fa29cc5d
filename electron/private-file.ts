import { chmodSync, closeSync, fsyncSync, openSync, renameSync, writeFileSync } from 'node:fs'

/**
 * Writes a file readable by its owner only, replacing any earlier one whole, and on disk before
 * it returns, so that a crash leaves the old file or the new: the key file must outlive a power
 * cut that the database encrypted with it survives, and a backup's sidecar and the last-backup
 * state must never be half written.
 */
export function writePrivateFile(path: string, data: string | Buffer): void {
  const temp = `${path}.tmp`
  writeFileSync(temp, data, { mode: 0o600 })
  chmodSync(temp, 0o600)
  const fd = openSync(temp, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, path)
}

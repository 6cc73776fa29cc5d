import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../electron/paths'
import { openSqlite } from '../../electron/db/cipher'
import { databaseKeyIn } from '../../electron/services/keys/hall-secret'
import { inspectCrashDatabase } from '../crash/checks'
import { runCrashTrial } from '../crash/crash-harness'
import { formatKillRow, runFull } from '../crash/run-full'
import { tempDir } from './helpers'

// The short crash run: a worker process registers intakes in a loop and is killed with SIGKILL
// three times. The full run (20+ kills, with kills during start-up) is `npm run test:crash`.
describe('crash durability', () => {
  it('keeps every acknowledged case, its number and the draft through 3 SIGKILLs', async () => {
    const dir = tempDir()
    try {
      const summary = await runCrashTrial({
        kills: 3,
        dataDir: dir.dir,
        minMs: 50,
        maxMs: 600,
        startupShare: 0,
      })
      const table = summary.rows.map(formatKillRow).join('\n')
      expect(summary.failures, `seed ${summary.seed}\n${table}`).toEqual([])
      expect(summary.kills).toBe(3)
      expect(summary.acknowledged, table).toBeGreaterThan(0)
      expect(summary.stored).toBeGreaterThanOrEqual(summary.acknowledged)
      // At most one registration per kill can commit without its ACK line having been printed.
      expect(summary.stored - summary.acknowledged).toBeLessThanOrEqual(summary.kills)
    } finally {
      dir.remove()
    }
  })

  it('the checks notice a lost case and a burned number', async () => {
    const dir = tempDir()
    try {
      const summary = await runCrashTrial({
        kills: 1,
        dataDir: dir.dir,
        minMs: 300,
        maxMs: 400,
        startupShare: 0,
      })
      expect(summary.failures).toEqual([])
      const [lost] = [...summary.acknowledgedCases.cases].at(-1) ?? []
      expect(lost).toBeDefined()
      // What a lost commit would look like: the visit gone, its number taken.
      const raw = openSqlite(join(dir.dir, DATABASE_FILE), databaseKeyIn(dir.dir))
      raw.pragma('foreign_keys = OFF')
      raw.prepare('DELETE FROM visits WHERE case_number = ?').run(lost)
      raw.close()
      const found = await inspectCrashDatabase(dir.dir, summary.acknowledgedCases)
      expect(found.failures).toEqual(
        expect.arrayContaining([
          expect.stringContaining(`acknowledged ${lost}`),
          expect.stringMatching(/case_sequences says \d+, visits hold \d+/),
        ]),
      )
    } finally {
      dir.remove()
    }
  })

  it('the full runner refuses a bad command line without starting anything', async () => {
    let out = ''
    expect(await runFull(['--kills', '0'], (text) => (out += text))).toBe(2)
    expect(out).toMatch(/^usage: /)
  })
})

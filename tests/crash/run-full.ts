import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { KillRow } from './crash-harness'
import { runCrashTrial } from './crash-harness'

const USAGE = 'usage: run-full.ts [--kills N>=1] [--min-ms A] [--max-ms B>=A] [--seed S] [--keep]\n'

const HEADER = [
  'kill',
  'target',
  'after ms',
  'last line before the kill',
  'acked',
  'acked total',
  'stored',
  'unacked',
  'draft',
  'result',
]
const WIDTHS = [4, 7, 8, 34, 5, 11, 6, 7, 6, 6]
const cells = (values: (string | number)[]) =>
  values
    .map((v, i) => String(v).padEnd(WIDTHS[i] ?? 0))
    .join('  ')
    .trimEnd()

/** One row of the table: a kill and what the check found after it. */
export function formatKillRow(r: KillRow): string {
  return cells([
    r.kill,
    r.target,
    r.delayMs,
    r.lastLine.slice(0, 34),
    r.acks,
    r.acknowledged,
    r.stored,
    r.unacknowledged,
    r.draft ?? '-',
    r.failures.length === 0 ? 'ok' : `FAIL ${r.failures.length}`,
  ])
}

/**
 * The full crash run: `npm run test:crash [-- --kills N --min-ms A --max-ms B --seed S --keep]`.
 * Writes one row per kill and a summary, and returns the exit code: 0 only when every check
 * after every kill held. The data folder is kept (and named) when something failed or with --keep.
 */
export async function runFull(argv: string[], write: (text: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      kills: { type: 'string', default: '25' },
      'min-ms': { type: 'string', default: '20' },
      'max-ms': { type: 'string', default: '1500' },
      seed: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  })
  const kills = Number(values.kills)
  const minMs = Number(values['min-ms'])
  const maxMs = Number(values['max-ms'])
  const seed = values.seed === undefined ? undefined : Number(values.seed)
  if (
    !Number.isInteger(kills) ||
    kills < 1 ||
    !(minMs >= 0) ||
    !(maxMs >= minMs) ||
    (seed !== undefined && !Number.isInteger(seed))
  ) {
    write(USAGE)
    return 2
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'intake-desk-crash-'))
  write(`crash run: ${kills} kills, loop kills ${minMs}–${maxMs} ms after READY, data in ${dataDir}\n`)
  write(`${cells(HEADER)}\n`)
  const summary = await runCrashTrial({
    kills,
    dataDir,
    minMs,
    maxMs,
    seed,
    onKill: (r) => write(`${formatKillRow(r)}\n`),
  })

  write(
    [
      '',
      `seed ${summary.seed} · ${summary.kills} kills (${summary.startupKills} during start-up) · ` +
        `${summary.acknowledged} cases acknowledged · ${summary.stored} stored over ${summary.days} hall days · ` +
        `${(summary.durationMs / 1000).toFixed(1)} s`,
      summary.failures.length === 0 ? 'no failures' : `${summary.failures.length} failures:`,
      ...summary.failures.slice(0, 50).map((f) => `  ${f}`),
      '',
    ].join('\n'),
  )
  const passed = summary.failures.length === 0 && summary.kills >= kills
  if (!passed || values.keep) write(`data kept in ${dataDir} (repeat with --seed ${summary.seed})\n`)
  else rmSync(dataDir, { recursive: true, force: true })
  return passed ? 0 : 1
}

// Run as a program (`node --import tsx tests/crash/run-full.ts`), not when imported by a test.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runFull(process.argv.slice(2), (text) => process.stdout.write(text)).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
      process.exitCode = 1
    },
  )
}

import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Acknowledged, Inspection } from './checks'
import { checkThroughCore, inspectCrashDatabase } from './checks'
import type { WorkerLine } from './protocol'
import { parseWorkerLine } from './protocol'
import type { WorkerArgs } from './worker'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url))

export interface CrashTrialOptions {
  kills: number
  dataDir: string
  /** A loop kill lands this many milliseconds after the worker is READY, uniformly. */
  minMs: number
  maxMs: number
  /** Share of kills aimed at start-up (opening, migrating, setting up, signing in). Default 0.2. */
  startupShare?: number
  /** Start-up kills land up to this many milliseconds after OPENING (start-up takes ~30–50 ms). Default 40. */
  startupWindowMs?: number
  /** Makes the kill times reproducible; random when not given. */
  seed?: number
  /** Called after each kill has been checked, for progress output. */
  onKill?: (row: KillRow) => void
}

/** One kill and what the check of the database found after it. */
export interface KillRow {
  kill: number
  target: 'startup' | 'loop'
  delayMs: number
  /** The last whole line of the killed worker: what it had last acknowledged. */
  lastLine: string
  /** Cases acknowledged by the killed worker. */
  acks: number
  /** Cases acknowledged since the trial began. */
  acknowledged: number
  /** Cases in the database. */
  stored: number
  /** Stored but never acknowledged (killed between the commit and ACK), since the trial began. */
  unacknowledged: number
  /** The draft drafts.get returns after the kill: its loop number, or none. */
  draft: number | null
  failures: string[]
}

export interface CrashSummary {
  seed: number
  kills: number
  acknowledged: number
  stored: number
  days: number
  startupKills: number
  durationMs: number
  rows: KillRow[]
  failures: string[]
  /** Everything acknowledged, for checks of one's own. */
  acknowledgedCases: Acknowledged
}

/** mulberry32: a small seeded generator, so a failing run can be repeated. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface WorkerRun {
  child: ChildProcess
  lines: string[]
  partial: string
  stderr: string
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Resolves true once a line starting with `prefix` was printed, false if the worker ended first. */
  waitFor: (prefix: string) => Promise<boolean>
}

function startWorker(dataDir: string): WorkerRun {
  const args: WorkerArgs = [dataDir]
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const waiters = new Set<() => void>()
  let ended = false
  const run: WorkerRun = {
    child,
    lines: [],
    partial: '',
    stderr: '',
    closed: new Promise((resolve) => {
      child.on('close', (code, signal) => {
        ended = true
        for (const w of waiters) w()
        resolve({ code, signal })
      })
    }),
    waitFor: (prefix) =>
      new Promise((resolve) => {
        let from = 0
        const check = () => {
          for (; from < run.lines.length; from++) {
            if (run.lines[from]?.startsWith(prefix) === true) {
              waiters.delete(check)
              resolve(true)
              return
            }
          }
          if (ended) {
            waiters.delete(check)
            resolve(false)
          }
        }
        waiters.add(check)
        check()
      }),
  }
  child.stdout?.setEncoding('utf8')
  child.stdout?.on('data', (chunk: string) => {
    // Only whole lines count: a line cut by the kill is no acknowledgement.
    const parts = (run.partial + chunk).split('\n')
    run.partial = parts.pop() ?? ''
    for (const p of parts) run.lines.push(p)
    for (const w of waiters) w()
  })
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    run.stderr = (run.stderr + chunk).slice(-4000)
  })
  return run
}

/** A loop kill this long after READY must find at least one acknowledged case. */
const STALL_MS = 1000

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Starts the worker, kills it with SIGKILL at a random moment, checks the database, and
 * repeats `kills` times; every acknowledged case must survive whole, numbered without gaps.
 */
export async function runCrashTrial(options: CrashTrialOptions): Promise<CrashSummary> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31)
  const random = seededRandom(seed)
  const startupShare = options.startupShare ?? 0.2
  const startupWindowMs = options.startupWindowMs ?? 40
  const started = Date.now()
  const ack: Acknowledged = { cases: new Map(), loops: new Map(), lastDraft: 0 }
  const rows: KillRow[] = []
  const failures: string[] = []
  let expectedRecovery: number | null = null
  let last: Inspection = { stored: 0, maxLoop: 0, days: 0, draft: null, failures: [] }

  for (let kill = 1; kill <= options.kills; kill++) {
    // The first start sets the hall up; aim it at the loop so the trial has something to keep.
    const target = kill > 1 && random() < startupShare ? 'startup' : 'loop'
    const delayMs =
      target === 'startup'
        ? Math.floor(random() * startupWindowMs)
        : Math.floor(options.minMs + random() * (options.maxMs - options.minMs))
    const run = startWorker(options.dataDir)
    const rowFailures: string[] = []

    const reached = await run.waitFor(target === 'startup' ? 'OPENING' : 'READY')
    if (reached) {
      await sleep(delayMs)
      run.child.kill('SIGKILL')
    }
    const { code, signal } = await run.closed
    if (signal !== 'SIGKILL') {
      rowFailures.push(
        `the worker ended by itself (code ${code}): ${run.lines.filter((l) => l.startsWith('ERROR')).join('; ')} ${run.stderr.trim()}`,
      )
    }

    let acks = 0
    let drafts = 0
    for (const text of run.lines) {
      const line: WorkerLine | null = parseWorkerLine(text)
      if (line === null) {
        rowFailures.push(`garbled line: ${JSON.stringify(text.slice(0, 80))}`)
        continue
      }
      if (line.kind === 'RECOVERED' && line.loop !== expectedRecovery) {
        rowFailures.push(
          `after the restart the app recovered draft ${line.loop ?? 'none'}, expected ${expectedRecovery ?? 'none'}`,
        )
      }
      if (line.kind === 'DRAFT') {
        drafts += 1
        ack.lastDraft = Math.max(ack.lastDraft, line.loop)
      }
      if (line.kind === 'ACK') {
        acks += 1
        const before = ack.cases.get(line.caseNumber)
        if (before !== undefined)
          rowFailures.push(
            `case number ${line.caseNumber} acknowledged twice (loops ${before} and ${line.loop})`,
          )
        const earlier = ack.loops.get(line.loop)
        if (earlier !== undefined)
          rowFailures.push(`loop ${line.loop} acknowledged twice (${earlier} and ${line.caseNumber})`)
        ack.cases.set(line.caseNumber, line.loop)
        ack.loops.set(line.loop, line.caseNumber)
      }
    }

    // A loop takes a few milliseconds: a worker that saved a draft and then acknowledged
    // nothing for a whole second is stuck (a hang is no durability, however well it keeps).
    if (target === 'loop' && reached && delayMs >= STALL_MS && drafts > 0 && acks === 0) {
      rowFailures.push(
        `no registration was acknowledged in ${delayMs} ms after READY: the worker is stuck after "${run.lines.at(-1) ?? ''}"`,
      )
    }

    last = await inspectCrashDatabase(options.dataDir, ack)
    rowFailures.push(...last.failures)
    expectedRecovery = last.draft
    const row: KillRow = {
      kill,
      target,
      delayMs,
      lastLine: run.lines.at(-1) ?? '(nothing)',
      acks,
      acknowledged: ack.cases.size,
      stored: last.stored,
      unacknowledged: Math.max(0, last.stored - ack.cases.size),
      draft: last.draft,
      failures: rowFailures,
    }
    rows.push(row)
    failures.push(...rowFailures.map((f) => `kill ${kill}: ${f}`))
    options.onKill?.(row)
  }

  if (ack.cases.size === 0) failures.push('no case was acknowledged in the whole trial')
  failures.push(...(await checkThroughCore(options.dataDir, ack, last.draft)).map((f) => `final start: ${f}`))
  return {
    seed,
    kills: rows.length,
    acknowledged: ack.cases.size,
    stored: last.stored,
    days: last.days,
    startupKills: rows.filter((r) => r.target === 'startup').length,
    durationMs: Date.now() - started,
    rows,
    failures,
    acknowledgedCases: ack,
  }
}

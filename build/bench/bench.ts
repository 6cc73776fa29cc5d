import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Core } from '../../electron/core'
import { openCore } from '../../electron/core'
import type { GenerationMeta } from './common'
import { ADMIN, BASELINE_DAY, DEFAULT_TODAY, RECEPTIONIST_PASSWORD, SCRYPT_N, hallInstant, must } from './common'
import type { Metric } from './metric'
import { passes } from './metric'
import { summarize } from './measure'
import type { StatementPlan } from './plans'
import { capturePlans } from './plans'
import type { BenchContext } from './read-scenarios'
import { history, receiptPreview, search, todayLog, xlsxExport, yearStatistics } from './read-scenarios'
import { register, registerStatements } from './register-scenario'
import { machine, table } from './report'
import { matterCandidates } from './matter-scenario'
import { runPostgres } from './postgres'
import { createBenchSchema, seedPostgres } from './postgres-seed'
import { DATABASE_FILE } from '../../electron/paths'
import { databaseKeyIn } from '../../electron/services/keys/hall-secret'

/**
 * `npm run bench -- [--visits N] [--out FILE] [--data-dir DIR] [--keep] [--reuse]
 *                   [--registrations N] [--today YYYY-MM-DD]
 *                   [--engine sqlite|postgres] [--database postgres://…] [--schema bench_…]`
 *
 * `--engine postgres` (issue #10) measures the hall's database instead: the generated hall is
 * copied into a fresh schema of the database named by `--database` or INTAKE_DESK_TEST_DATABASE
 * (dropped afterwards unless --keep), and four desk cores race registrations on it (postgres.ts).
 * `--reuse --schema bench_…` (with the same --data-dir) measures again on a schema a run seeded and
 * kept, without generating or seeding: the desks migrate it as any desk would, and it is kept.
 *
 * Generates a hall of N visits (default 1,000,000) in a fresh database, then measures the
 * operations the issue names through the real dispatcher, each against a raw baseline where
 * one exists, and prints a table and writes a JSON file (default bench-results/bench-N.json; the folder is git-ignored).
 */

const { values: args } = parseArgs({
  options: {
    visits: { type: 'string', default: '1000000' },
    out: { type: 'string' },
    'data-dir': { type: 'string' },
    today: { type: 'string', default: DEFAULT_TODAY },
    registrations: { type: 'string', default: '1000' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    engine: { type: 'string', default: 'sqlite' },
    database: { type: 'string' },
    schema: { type: 'string' },
  },
})

const engine = args.engine
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error('--engine must be sqlite or postgres')
const databaseUrl = args.database ?? process.env.INTAKE_DESK_TEST_DATABASE
if (engine === 'postgres' && (databaseUrl === undefined || !databaseUrl.startsWith('postgres')))
  throw new Error('--engine postgres needs --database postgres://… or INTAKE_DESK_TEST_DATABASE')
const reusedSchema = args.schema
if (reusedSchema !== undefined && !(engine === 'postgres' && args.reuse && /^bench_[a-z0-9]+$/.test(reusedSchema)))
  throw new Error('--schema bench_… goes with --engine postgres --reuse (a schema a run kept)')

const visits = Number(args.visits)
if (!Number.isInteger(visits) || visits < 1000)
  throw new Error('--visits must be a whole number of at least 1000')
const today = args.today
const out = resolve(args.out ?? join('bench-results', engine === 'postgres' ? `bench-postgres-${visits}.json` : `bench-${visits}.json`))
const dataDir = resolve(args['data-dir'] ?? mkdtempSync(join(tmpdir(), 'intake-desk-bench-')))
const metaFile = join(dataDir, 'generation.json')

function generate(): Promise<void> {
  const script = join(import.meta.dirname, 'generate.ts')
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, script, dataDir, String(visits), today, metaFile],
      { stdio: 'inherit' },
    )
    child.on('error', fail)
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`generation failed (exit ${code ?? 'signal'})`)),
    )
  })
}

const rssMiB = () => Math.round(process.memoryUsage().rss / 2 ** 20)

/** The open core, so that a failed run still removes its export files. */
let openCoreForCleanup: Core | undefined

async function main(): Promise<void> {
  const startedMachine = machine()
  console.log(`Intake Desk bench: ${visits.toLocaleString('en')} visits, today ${today}, data in ${dataDir}`)
  console.log(
    `machine: ${startedMachine.cpuModel} × ${startedMachine.cpuCount}, ${startedMachine.totalMemoryGiB} GiB, ${startedMachine.os}, Node ${startedMachine.node}, load ${startedMachine.loadAverage.join(' ')}`,
  )
  if (!(args.reuse && existsSync(metaFile))) {
    rmSync(dataDir, { recursive: true, force: true })
    mkdirSync(dataDir, { recursive: true })
    await generate()
  }
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as GenerationMeta
  const g = meta.timing
  console.log(
    `generated ${meta.visits.toLocaleString('en')} visits (${meta.visitors.toLocaleString('en')} visitors) in ${g.totalS.toFixed(1)} s: ${Math.round(g.visitsPerS).toLocaleString('en')} visits/s, database ${(meta.databaseBytes / 2 ** 30).toFixed(2)} GiB`,
  )

  if (engine === 'postgres') return postgresMain(meta, startedMachine, databaseUrl ?? '')

  // The hall's clock: today at 17:30, after the day's generated visits.
  let now = hallInstant(today, 17, 30)
  const clock = () => new Date(now)
  // Fonts warmed at start as the app and the browser host do (main.ts, serve.ts).
  const options = { dataDir, clock, scryptN: SCRYPT_N, warmFonts: true }
  const metrics: Metric[] = []
  const opens: number[] = []
  let core: Core | undefined
  for (let i = 0; i < 5; i++) {
    await core?.close()
    const t = performance.now()
    core = await openCore(options)
    opens.push(performance.now() - t)
  }
  if (core === undefined) throw new Error('no core')
  const openSummary = summarize(opens.slice(1))
  metrics.push({
    name: 'open database (openCore: checks, migrations, holidays, due dates)',
    value: opens[0] ?? NaN,
    unit: 'ms',
    stat: 'first',
    target: 2000,
    samples: openSummary,
    note: `reopened 4 more times: median ${openSummary.p50.toFixed(0)} ms, max ${openSummary.max.toFixed(0)} ms`,
  })
  openCoreForCleanup = core
  const rssAfterOpen = rssMiB()

  const desk = 'bench-desk'
  const admin = 'bench-admin'
  await must(core, desk, 'auth.signIn', { badgeNo: 'R001', password: RECEPTIONIST_PASSWORD })
  await must(core, admin, 'auth.signIn', { badgeNo: ADMIN.badgeNo, password: ADMIN.password })
  const ctx: BenchContext = { core, raw: core.connection.raw, meta, desk, admin, checks: {} }

  // Due dates as the services compute them, for a sample of the generated open cases.
  let dueMismatches = 0
  for (const caseNumber of meta.sampleOpenCaseNumbers) {
    const detail = await must(core, admin, 'cases.get', { caseNumber })
    const stored = ctx.raw
      .prepare('SELECT due_date FROM visits WHERE case_number = ?')
      .pluck()
      .get(caseNumber)
    if (detail.clocks.find((c) => c.key === 'handling')?.due !== stored) dueMismatches += 1
  }
  ctx.checks.generatedDueDatesMatchEngine = dueMismatches === 0

  const plans: Record<string, StatementPlan[]> = {}
  const stage = async (name: string, run: () => Promise<Metric[]>, planOf: () => Promise<unknown>) => {
    process.stdout.write(`measuring ${name}…\n`)
    plans[name] = await capturePlans(core.connection, planOf)
    metrics.push(...(await run()))
  }
  const term = meta.terms[0]?.term ?? '工资'
  await stage(
    'today',
    () => todayLog(ctx),
    () => must(core, desk, 'visits.today', {}),
  )
  await stage(
    'export',
    () => xlsxExport(ctx),
    () => must(core, admin, 'reports.statistics', { from: today, to: today }),
  )
  await stage(
    'statistics',
    () => yearStatistics(ctx),
    () => must(core, admin, 'reports.statistics', { from: meta.lastYear.from, to: today }),
  )
  await stage(
    'search',
    () => search(ctx),
    () => must(core, desk, 'cases.search', { query: term, by: 'text' }),
  )
  await stage(
    'matter candidates',
    () => matterCandidates(ctx),
    () => must(core, desk, 'matters.candidates', { intakeId: 'bench-intake-plan', name: '', noId: true, idNumber: '', phone: '', address: '', representatives: [], categoryId: 6, facts: '包工头拖欠工资三万六千元，多次讨要未果', demands: '要求支付拖欠的工资' }),
  )
  await stage(
    'receipt preview',
    () => receiptPreview(ctx),
    () => Promise.resolve(),
  )
  await stage(
    'history',
    () => history(ctx),
    () => must(core, desk, 'intake.history', { idNumber: meta.repeatIdNumbers[0] ?? '' }),
  )
  // Registrations go to a hall day of their own, the first after every registered one: today's
  // log keeps its generated rows, and a rerun with --reuse never runs out of the day's 9,999
  // numbers. Sessions idle that long are locked, so the desk signs in again.
  const lastDay = ctx.raw
    .prepare('SELECT max(hall_day) FROM visits WHERE hall_day < ?')
    .pluck()
    .get(BASELINE_DAY.slice(0, 4)) as string
  now = hallInstant(lastDay.replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3'), 8, 30) + 86_400_000
  await must(core, desk, 'auth.signIn', { badgeNo: 'R001', password: RECEPTIONIST_PASSWORD })
  const registerClock = { advance: (ms: number) => (now += ms), now: clock }
  await stage(
    'register',
    // The app runs its housekeeping step a moment after each registration; here it runs
    // between two registrations, outside the timed call, and is timed on its own.
    () => register(ctx, registerClock, Number(args.registrations), () => core.maintenance.step()),
    () => Promise.resolve(),
  )
  plans['register (100 registrations)'] = await registerStatements(ctx, registerClock, 100)
  metrics.push({
    name: 'main-process peak RSS (the measuring process)',
    value: process.resourceUsage().maxRSS / 1024,
    unit: 'MiB',
    stat: 'max',
    note: `RSS after opening ${rssAfterOpen} MiB; the generator process (not the app) peaked at ${Math.round(meta.generatorMaxRssMiB)} MiB`,
  })
  await core.close()

  console.log(`\n${table(metrics)}\n`)
  console.log('checks:', JSON.stringify(ctx.checks))
  const fullScans = Object.entries(plans).flatMap(([name, list]) =>
    list
      .filter((p) => p.plan.some((l) => /\bSCAN\b/.test(l) && !/VIRTUAL TABLE|SCAN CONSTANT ROW/.test(l)))
      .map((p) => `${name}: ${p.sql.slice(0, 100)}…`),
  )
  if (fullScans.length > 0)
    console.log(
      `statements with a SCAN in their plan (one ordered by rowid with a LIMIT reads only that many rows):\n  ${fullScans.join('\n  ')}`,
    )
  mkdirSync(dirname(out), { recursive: true })
  const result = {
    when: new Date().toISOString(),
    machine: { ...startedMachine, loadAverageAtEnd: machine().loadAverage },
    generation: { ...meta, repeatIdNumbers: meta.repeatIdNumbers.length },
    metrics: metrics.map((m) => ({ ...m, pass: passes(m) })),
    checks: ctx.checks,
    plans,
  }
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
  console.log(`results written to ${out}`)
  if (!args.keep && args['data-dir'] === undefined) rmSync(dataDir, { recursive: true, force: true })
}

/** The PostgreSQL run: the generated hall seeded into a fresh schema, measured, the schema dropped. */
async function postgresMain(meta: GenerationMeta, startedMachine: ReturnType<typeof machine>, url: string): Promise<void> {
  const { schema, drop } =
    reusedSchema === undefined ? await createBenchSchema(url) : { schema: reusedSchema, drop: () => Promise.resolve() }
  console.log(`PostgreSQL: ${url.replace(/\/\/[^@]*@/, '//…@')}, schema ${schema}${reusedSchema === undefined ? '' : ' (reused, not seeded)'}`)
  try {
    const seeded =
      reusedSchema === undefined
        ? await seedPostgres(url, schema, join(dataDir, DATABASE_FILE), databaseKeyIn(dataDir), (line) => console.log(line))
        : null
    if (seeded !== null)
      console.log(`seeded ${seeded.rows.toLocaleString('en')} rows in ${seeded.seconds.toFixed(0)} s (indexes built in ${seeded.indexSeconds.toFixed(0)} s of it)`)
    const { metrics, checks } = await runPostgres({ url, schema, dataDir, meta, registrations: Number(args.registrations) })
    console.log(`\n${table(metrics)}\n`)
    console.log('checks:', JSON.stringify(checks))
    mkdirSync(dirname(out), { recursive: true })
    const result = {
      when: new Date().toISOString(),
      engine: 'postgres',
      machine: { ...startedMachine, loadAverageAtEnd: machine().loadAverage },
      generation: { ...meta, repeatIdNumbers: meta.repeatIdNumbers.length },
      seeding: seeded,
      metrics: metrics.map((m) => ({ ...m, pass: passes(m) })),
      checks,
    }
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
    console.log(`results written to ${out}`)
  } finally {
    if (args.keep || reusedSchema !== undefined) console.log(`schema ${schema} kept (--keep, or --schema)`)
    else await drop()
    if (!args.keep && args['data-dir'] === undefined) rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  openCoreForCleanup?.exports.cleanup()
  console.error(error)
  process.exit(1)
})

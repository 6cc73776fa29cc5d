import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openCore } from '../../electron/core'
import { DATABASE_FILE } from '../../electron/paths'
import { openSqlite } from '../../electron/db/cipher'
import { databaseKeyIn } from '../../electron/services/keys/hall-secret'
import { nationalCalendar } from '../../shared/deadlines'
import type { GenerationMeta } from './common'
import { ADMIN, HALL, RECEPTIONISTS, RECEPTIONIST_PASSWORD, SCRYPT_N, hallInstant, must } from './common'
import type { ExtraClauses } from './fake'
import { Faker, clausesOf } from './fake'
import { Lifecycles } from './lifecycle'
import { SEARCH_WORDS_2, SEARCH_WORDS_4 } from './phrases'
import { Random } from './random'
import { planDays, planVisitors } from './schedule'
import { SearchIndexBuilder } from './search-builder'
import { buildMatterIndex } from './matter-index'
import { TermSampler } from './terms'
import type { Receptionist, SearchRow } from './writer'
import { HallWriter } from './writer'

/**
 * The generator: `node --import tsx build/bench/generate.ts DATA_DIR VISITS TODAY META_FILE`.
 * Sets the hall up through the dispatcher as a first run does, then writes years of visits
 * straight into the tables with prepared statements, about 20,000 visits per transaction,
 * while a worker thread builds the search index.
 */

const BATCH = 20_000

function fixtureClauses(): ExtraClauses {
  const file = join(import.meta.dirname, '../../tests/fixtures/sample-visits.json')
  const { visits } = JSON.parse(readFileSync(file, 'utf8')) as {
    visits: Record<keyof ExtraClauses, string>[]
  }
  const of = (key: keyof ExtraClauses) => visits.flatMap((v) => clausesOf(v[key]))
  return {
    facts: of('facts'),
    demands: of('demands'),
    difficulties: of('difficulties'),
    history: of('history'),
    priorHandling: of('priorHandling'),
  }
}

const seconds = (from: number) => (performance.now() - from) / 1000

/** Setup, users and their first password change, through the dispatcher on the first day. */
async function setUp(dataDir: string, firstDay: string): Promise<void> {
  const core = await openCore({ dataDir, clock: () => new Date(hallInstant(firstDay, 7)), scryptN: SCRYPT_N })
  await must(core, 'admin', 'app.setup', { hallName: HALL.hallName, hallCode: HALL.hallCode, admin: ADMIN })
  for (const [i, badgeNo] of RECEPTIONISTS.entries()) {
    const session = `r${i}`
    const initial = 'Initial2026'
    await must(core, 'admin', 'users.create', {
      badgeNo,
      name: `接待员${i + 1}`,
      position: '接待员',
      role: 'receptionist',
      password: initial,
      confirmPassword: initial,
    })
    await must(core, session, 'auth.signIn', { badgeNo, password: initial })
    await must(core, session, 'auth.changePassword', {
      currentPassword: initial,
      password: RECEPTIONIST_PASSWORD,
      confirmPassword: RECEPTIONIST_PASSWORD,
    })
  }
  await core.close()
}

async function main(): Promise<void> {
  const [dataDir, visitsArg, today, metaFile] = process.argv.slice(2)
  if (dataDir === undefined || visitsArg === undefined || today === undefined || metaFile === undefined)
    throw new Error('usage: generate.ts DATA_DIR VISITS TODAY META_FILE')
  const visits = Number(visitsArg)
  const started = performance.now()
  const random = new Random(20261120)
  const cal = nationalCalendar()
  const schedule = planDays(visits, today, cal)
  const firstDay = schedule.days[0]?.day ?? today
  await setUp(dataDir, firstDay)
  const setupS = seconds(started)

  const file = join(dataDir, DATABASE_FILE)
  // The app's file is encrypted with the hall's key, which setup left in the data folder.
  const db = openSqlite(file, databaseKeyIn(dataDir))
  // Bulk-load settings for this connection only; the app's own settings apply when it opens.
  db.pragma('synchronous = OFF')
  db.pragma('foreign_keys = OFF')
  db.pragma('cache_size = -1000000')
  const receptionists = db
    .prepare("SELECT id, badge_no, name, position FROM users WHERE role = 'receptionist' ORDER BY id")
    .all() as Receptionist[]
  const adminId = db.prepare("SELECT id FROM users WHERE role = 'admin'").pluck().get() as number
  const createSql = db
    .prepare("SELECT sql FROM sqlite_master WHERE name = 'visit_search'")
    .pluck()
    .get() as string
  const search = new SearchIndexBuilder(join(dataDir, 'search-build.sqlite3'), createSql)

  const plan = planVisitors(visits, random)
  const faker = new Faker(random, fixtureClauses())
  const writer = new HallWriter(
    db,
    random,
    faker,
    new Lifecycles(random, cal, today, adminId),
    plan,
    receptionists,
  )
  const sampler = new TermSampler(Math.max(1, Math.floor(visits / 4000)))
  const insertStarted = performance.now()
  let written = 0
  for (let d = 0; d < schedule.days.length;) {
    const rows: SearchRow[] = []
    db.transaction(() => {
      while (d < schedule.days.length && rows.length < BATCH) {
        const { day, count } = schedule.days[d++] ?? { day: today, count: 0 }
        writer.writeDay(day, count, written, rows)
        written += count
      }
    })()
    rows.forEach((r, i) => sampler.offer(written - rows.length + i, r.answers))
    await search.add(rows)
    process.stderr.write(
      `\r  ${written.toLocaleString('en')} / ${visits.toLocaleString('en')} visits, ${Math.round(written / seconds(insertStarted)).toLocaleString('en')} visits/s   `,
    )
  }
  await search.finish(db)
  process.stderr.write('\n')
  const insertS = seconds(insertStarted)

  const finishStarted = performance.now()
  // intake.register keeps a repeat visitor's contact details current.
  db.exec(
    'UPDATE visitors SET updated_at = (SELECT max(v.registered_at) FROM visits v WHERE v.visitor_id = visitors.id)',
  )
  const matterIndex = buildMatterIndex(db, today)
  if (visits <= 200_000)
    db.exec("INSERT INTO visit_search (visit_search, rank) VALUES ('integrity-check', 0)")
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  const finishS = seconds(finishStarted)

  // Repeat visitors in proportion to their visits: whoever walks in next.
  const repeatIdNumbers: string[] = []
  for (let tries = 0; repeatIdNumbers.length < 500 && tries < 100_000; tries++) {
    const slot = plan.slots[random.int(0, visits - 1)] ?? 0
    const id = writer.people[slot]?.id
    if (slot >= plan.singles && typeof id === 'string') repeatIdNumbers.push(id)
  }
  const meta: GenerationMeta = {
    visits,
    visitors: plan.visitors,
    repeatVisitors: plan.visitors - plan.singles,
    visitorsWithoutId: writer.counts.withoutId,
    today,
    todayVisits: schedule.todayCount,
    lastYear: schedule.lastYear,
    firstDay,
    rows: {
      caseEvents: writer.counts.events,
      receiptPrints: writer.counts.prints,
      auditLog: writer.counts.audit,
      searchIndex: visits,
      matterDocs: matterIndex.docs,
      matterTerms: matterIndex.terms,
      representatives: matterIndex.representatives,
    },
    timing: { setupS, insertS, finishS, totalS: seconds(started), visitsPerS: visits / insertS },
    databaseBytes: statSync(file).size,
    generatorMaxRssMiB: process.resourceUsage().maxRSS / 1024,
    repeatIdNumbers,
    terms: sampler.choose([...SEARCH_WORDS_2, ...SEARCH_WORDS_4, ...faker.coinedWords()]),
    sampleOpenCaseNumbers: writer.openCases.slice(0, 20),
  }
  writeFileSync(metaFile, JSON.stringify(meta, null, 2))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})

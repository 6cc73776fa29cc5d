// `node build/test-floor.mjs vitest|playwright [runner args…]`: runs the test runner as `npm test`
// does, reads the counts from its JSON report, prints them with the floor, and fails when fewer
// tests passed than the floor in build/test-floors.json (a stray `.only`, `.skip` or an include
// pattern gone wrong would otherwise pass with a green exit code).
//
// Raising the floor is part of adding tests; lowering it is a decision to write in the commit.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const floors = JSON.parse(readFileSync(join(import.meta.dirname, 'test-floors.json'), 'utf8'))
const [runner, ...rest] = process.argv.slice(2)
if (runner !== 'vitest' && runner !== 'playwright') {
  console.error('usage: node build/test-floor.mjs vitest|playwright [args…]')
  process.exit(2)
}

const dir = mkdtempSync(join(tmpdir(), 'intake-desk-counts-'))
const report = join(dir, 'report.json')
const bin = join(root, 'node_modules', '.bin', runner)
const run =
  runner === 'vitest'
    ? spawnSync(bin, ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...rest], {
        cwd: root,
        stdio: 'inherit',
      })
    : spawnSync(bin, ['test', '--reporter=list,json', ...rest], {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: report },
      })

/** passed, failed, skipped: from vitest's Jest-style summary or Playwright's stats. */
function counts() {
  const json = JSON.parse(readFileSync(report, 'utf8'))
  if (runner === 'vitest') {
    return {
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
    }
  }
  return { passed: json.stats.expected + json.stats.flaky, failed: json.stats.unexpected, skipped: json.stats.skipped }
}

let result
try {
  result = counts()
} catch (error) {
  console.error(`${runner}: no report to count (${error instanceof Error ? error.message : String(error)})`)
  process.exit(run.status || 1)
} finally {
  rmSync(dir, { recursive: true, force: true })
}

const floor = floors[runner]
const line = `${runner}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped; floor ${floor} passed`
if (run.status !== 0) {
  console.error(`${line}: the run failed (exit ${run.status ?? run.signal})`)
  process.exit(run.status || 1)
}
if (!Number.isInteger(floor) || result.passed < floor) {
  console.error(`${line}: FEWER TESTS RAN THAN THE FLOOR (build/test-floors.json)`)
  process.exit(1)
}
console.log(line)

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import { addUser, ok, setUpHall, tempDir, testCore, validIntake, type FakeClock } from './helpers'

let dir: ReturnType<typeof tempDir>
let core: Core & { clock: FakeClock }
const DAY = '2026-11-22'

beforeEach(async () => {
  dir = tempDir()
  core = await testCore(dir.dir)
  await setUpHall(core)
  await addUser(core, 'desk', 'receptionist', 'R001')
  await ok(core, 'desk', 'intake.register', validIntake())
})
afterEach(async () => {
  await core.close()
  dir.remove()
})

function chainOf(html: string): { rows: number; hash: string; text: string } {
  const m = /<p class="chain" data-chain-rows="(\d+)" data-chain-hash="([0-9a-f]{64})">([^<]*)<\/p>/.exec(html)
  if (m === null) throw new Error('the 台账 carries no audit chain line')
  return { rows: Number(m[1]), hash: m[2] ?? '', text: m[3] ?? '' }
}

describe('the printed 台账 (print dialog and PDF)', () => {
  it('carries the audit chain’s row count and newest hash, which stay in the trail at that row', async () => {
    const raw = core.connection.raw
    const expected = raw.prepare('SELECT count(*) AS rows, (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS hash FROM audit_log').get() as {
      rows: number
      hash: string
    }
    const { html } = await ok(core, 'admin', 'reports.logHtml', { from: DAY, to: DAY })
    const chain = chainOf(html)
    expect(chain).toMatchObject(expected)
    expect(chain.text).toBe(`审计日志核对值：共 ${expected.rows} 条记录，末条哈希 ${expected.hash}`)

    // The trail goes on; the paper still names a row of it: the one at that count.
    await ok(core, 'desk', 'intake.register', validIntake())
    const later = chainOf((await ok(core, 'admin', 'reports.logHtml', { from: DAY, to: DAY })).html)
    expect(later.rows).toBeGreaterThan(chain.rows)
    const atCount = raw.prepare('SELECT hash FROM audit_log ORDER BY id LIMIT 1 OFFSET ?').pluck().get(chain.rows - 1)
    expect(atCount).toBe(chain.hash)
  })
})

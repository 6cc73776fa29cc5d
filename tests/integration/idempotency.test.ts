import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import { zhCN } from '../../shared/i18n/zh-CN'
import { call, ok, setUpHall, tempDir, testCore, validIntake } from './helpers'

// Both engines: a 登记 whose answer was lost (the commit happened, the reply did not arrive) is
// retried with the key the form made when it was started, and must not make a second case.

let core: Core
let remove: () => void
afterEach(async () => {
  await core.close()
  remove()
})

async function hall(): Promise<Core> {
  const dir = tempDir()
  remove = dir.remove
  core = await testCore(dir.dir)
  await setUpHall(core)
  return core
}

describe('登记 with the form’s idempotency key', () => {
  it('returns the first registration to a retry with the same key, and registers a new form anew', async () => {
    await hall()
    const key = randomUUID()
    const first = await ok(core, 'admin', 'intake.register', validIntake(undefined, { idempotencyKey: key }))
    const retry = await ok(core, 'admin', 'intake.register', validIntake(undefined, { idempotencyKey: key }))
    expect(retry).toEqual(first)
    expect(await ok(core, 'admin', 'visits.today', {})).toHaveLength(1)
    const next = await ok(core, 'admin', 'intake.register', validIntake(undefined, { idempotencyKey: randomUUID() }))
    expect(next.caseNumber).toBe(first.caseNumber.replace(/0001$/, '0002'))
  })

  it('makes one case of two attempts with one key sent at once, without using up a number', async () => {
    await hall()
    const key = randomUUID()
    const [a, b] = await Promise.all([
      ok(core, 'admin', 'intake.register', validIntake(undefined, { idempotencyKey: key })),
      ok(core, 'admin', 'intake.register', validIntake(undefined, { idempotencyKey: key })),
    ])
    expect(b).toEqual(a)
    expect(await ok(core, 'admin', 'visits.today', {})).toHaveLength(1)
    // The attempt that found the key rolled back: the next case number follows without a gap.
    const next = await ok(core, 'admin', 'intake.register', validIntake())
    expect(next.caseNumber).toBe(a.caseNumber.replace(/0001$/, '0002'))
  })

  it('refuses a key that is not one the form makes, with a Chinese message, and saves nothing', async () => {
    await hall()
    const refused = await call(core, 'admin', 'intake.register', validIntake(undefined, { idempotencyKey: 'x' }))
    expect(refused.ok).toBe(false)
    if (!refused.ok) {
      expect(refused.error.code).toBe('VALIDATION')
      expect(refused.error.message).toBe(zhCN.v.idempotencyKey)
    }
    expect(await ok(core, 'admin', 'visits.today', {})).toHaveLength(0)
  })
})

import { describe, expect } from 'vitest'
import { emptyIntake } from '../../shared/intake/schemas'
import { it } from './fixtures'
import { call, ok, validIntake } from './helpers'

it.override('users', { r1: ['receptionist', 'R001'], r2: ['receptionist', 'R002'] })

/** A half-filled form, as it is when the receptionist steps away. */
function halfFilled() {
  const form = emptyIntake()
  form.shows = { badge: true, name: true, position: true }
  form.showsConfirmedAt = '2026-11-22T01:55:00.000Z'
  form.visitor = { ...form.visitor, name: '吕建国', idNumber: '4201061965' }
  form.answers.facts.text = '第一行\n第二行'
  return form
}

describe('drafts', () => {
  it('survive closing and reopening the app', async ({ core, reopen }) => {
    const values = halfFilled()
    const saved = await ok(core, 'r1', 'drafts.save', { values, step: 2 })
    expect(saved.updatedAt).toBe('2026-11-22T02:00:00.000Z')
    core = await reopen()
    // Sessions are in memory only: the receptionist signs in again.
    expect((await call(core, 'r1', 'drafts.get', {})).ok).toBe(false)
    await ok(core, 'r1', 'auth.signIn', { badgeNo: 'R001', password: 'Mine2026pass' })
    expect(await ok(core, 'r1', 'drafts.get', {})).toEqual({ values, step: 2, updatedAt: saved.updatedAt })
  })

  it('keep only the latest save', async ({ core }) => {
    await ok(core, 'r1', 'drafts.save', { values: { a: 1 }, step: 1 })
    core.clock.advance(5_000)
    await ok(core, 'r1', 'drafts.save', { values: { a: 2 }, step: 3 })
    expect(await ok(core, 'r1', 'drafts.get', {})).toEqual({
      values: { a: 2 },
      step: 3,
      updatedAt: '2026-11-22T02:00:05.000Z',
    })
    expect(core.connection.raw.prepare('SELECT count(*) FROM drafts').pluck().get()).toBe(1)
  })

  it('are deleted when the intake is registered', async ({ core }) => {
    await ok(core, 'r1', 'drafts.save', { values: halfFilled(), step: 3 })
    await ok(core, 'r1', 'intake.register', validIntake())
    expect(await ok(core, 'r1', 'drafts.get', {})).toBeNull()
  })

  it('belong to one receptionist: another does not see it, nor lose theirs when the first registers', async ({ core }) => {
    await ok(core, 'r1', 'drafts.save', { values: halfFilled(), step: 2 })
    expect(await ok(core, 'r2', 'drafts.get', {})).toBeNull()

    await ok(core, 'r2', 'drafts.save', { values: { mine: 'r2' }, step: 1 })
    await ok(core, 'r1', 'intake.register', validIntake())
    expect(await ok(core, 'r1', 'drafts.get', {})).toBeNull()
    expect(await ok(core, 'r2', 'drafts.get', {})).toMatchObject({ values: { mine: 'r2' }, step: 1 })
  })

  it('are removed by discard, and discarding nothing is fine', async ({ core }) => {
    await ok(core, 'r1', 'drafts.save', { values: halfFilled(), step: 2 })
    expect(await ok(core, 'r1', 'drafts.discard', {})).toBeNull()
    expect(await ok(core, 'r1', 'drafts.get', {})).toBeNull()
    expect(await ok(core, 'r1', 'drafts.discard', {})).toBeNull()
  })

  it('accept exactly 64,000 characters of JSON and refuse one more', async ({ core }) => {
    // JSON.stringify of a string adds two quotes.
    await ok(core, 'r1', 'drafts.save', { values: 'x'.repeat(63_998), step: 0 })

    const result = await call(core, 'r1', 'drafts.save', { values: 'x'.repeat(63_999), step: 1 })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('VALIDATION')
    expect(result.error.key).toBe('v.draft.tooLarge')
    expect(result.error.message).toBe('草稿内容过大，无法保存。')
    // The earlier draft is kept.
    expect(await ok(core, 'r1', 'drafts.get', {})).toMatchObject({ step: 0 })
  })

  it('refuse an oversized form', async ({ core }) => {
    const values = halfFilled()
    values.answers.facts.text = '事'.repeat(70_000)
    const result = await call(core, 'r1', 'drafts.save', { values, step: 2 })
    expect(result.ok ? 'ok' : result.error.code).toBe('VALIDATION')
    expect(await ok(core, 'r1', 'drafts.get', {})).toBeNull()
  })

  it('refuse a step outside 0–10', async ({ core }) => {
    for (const step of [-1, 11, 1.5]) {
      const result = await call(core, 'r1', 'drafts.save', { values: {}, step })
      expect(result.ok ? 'ok' : result.error.code).toBe('VALIDATION')
    }
  })
})

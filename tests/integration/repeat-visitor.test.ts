import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core'
import { addUser, ok, setUpHall, tempDir, testCore, validIntake, type FakeClock } from './helpers'

// Issue #13: a repeat visitor's phone and address are offered with the history, so the
// receptionist asks "还是这个电话、这个地址吗？" instead of typing them again. What is offered is
// the last the visitor gave: a later visit's new phone replaces the old one.

const ID = '420106196503120311'

let dir: ReturnType<typeof tempDir>
let core: Core & { clock: FakeClock }

beforeEach(async () => {
  dir = tempDir()
  core = await testCore(dir.dir)
  await setUpHall(core)
  await addUser(core, 'r1', 'receptionist', 'R001')
})
afterEach(async () => {
  await core.close()
  dir.remove()
})

describe('a repeat visitor’s contact details with the history', () => {
  it('offers the phone and address given at the latest visit that gave them', async () => {
    await ok(core, 'r1', 'intake.register', validIntake(ID, { visitor: { name: '吕建国', noId: false, idNumber: ID, noIdReason: '', phone: '13700002222', address: '武汉市武昌区某小区' } }))
    core.clock.advance(60_000)
    await ok(core, 'r1', 'intake.register', validIntake(ID, { visitor: { name: '吕建国', noId: false, idNumber: ID, noIdReason: '', phone: '13900001111', address: '武汉市洪山区珞喻路 1 号' } }))

    const history = await ok(core, 'r1', 'intake.history', { idNumber: ID })
    expect(history.visits).toHaveLength(2)
    expect(history.visitor?.phone).toBe('13900001111')
    expect(history.visitor?.address).toBe('武汉市洪山区珞喻路 1 号')
  })

  it('offers the phone from before when the latest visit gave none', async () => {
    await ok(core, 'r1', 'intake.register', validIntake(ID))
    core.clock.advance(60_000)
    await ok(core, 'r1', 'intake.register', validIntake(ID, { visitor: { name: '吕建国', noId: false, idNumber: ID, noIdReason: '', phone: '', address: '武汉市武昌区新址' } }))
    const history = await ok(core, 'r1', 'intake.history', { idNumber: ID })
    expect(history.visitor).toMatchObject({ phone: '13700002222', address: '武汉市武昌区新址' })
  })

  it('offers an empty phone as empty, not as a made-up value', async () => {
    await ok(core, 'r1', 'intake.register', validIntake(ID, { visitor: { name: '吕建国', noId: false, idNumber: ID, noIdReason: '', phone: '', address: '武汉市武昌区某小区' } }))
    const history = await ok(core, 'r1', 'intake.history', { idNumber: ID })
    expect(history.visitor?.phone).toBe('')
    expect(history.visitor?.address).toBe('武汉市武昌区某小区')
  })

  it('has no contact details for somebody never seen', async () => {
    const history = await ok(core, 'r1', 'intake.history', { idNumber: ID })
    expect(history.visitor).toBeNull()
  })
})

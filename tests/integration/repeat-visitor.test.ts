import { describe, expect } from 'vitest'
import { it } from './fixtures'
import { ok, validIntake } from './helpers'

// Issue #13: a repeat visitor's phone and address are offered with the history, so the
// receptionist asks "还是这个电话、这个地址吗？" instead of typing them again. What is offered is
// the last the visitor gave: a later visit's new phone replaces the old one.

const ID = '420106196503120311'

it.override('users', { r1: ['receptionist', 'R001'] })

describe('a repeat visitor’s contact details with the history', () => {
  it('offers the phone and address given at the latest visit that gave them', async ({ core }) => {
    await ok(core, 'r1', 'intake.register', validIntake(ID, { visitor: { name: '吕建国', noId: false, idNumber: ID, noIdReason: '', phone: '13700002222', address: '武汉市武昌区某小区' } }))
    core.clock.advance(60_000)
    await ok(core, 'r1', 'intake.register', validIntake(ID, { visitor: { name: '吕建国', noId: false, idNumber: ID, noIdReason: '', phone: '13900001111', address: '武汉市洪山区珞喻路 1 号' } }))

    const history = await ok(core, 'r1', 'intake.history', { idNumber: ID })
    expect(history.visits).toHaveLength(2)
    expect(history.visitor?.phone).toBe('13900001111')
    expect(history.visitor?.address).toBe('武汉市洪山区珞喻路 1 号')
  })

  it('offers the phone from before when the latest visit gave none', async ({ core }) => {
    await ok(core, 'r1', 'intake.register', validIntake(ID))
    core.clock.advance(60_000)
    await ok(core, 'r1', 'intake.register', validIntake(ID, { visitor: { name: '吕建国', noId: false, idNumber: ID, noIdReason: '', phone: '', address: '武汉市武昌区新址' } }))
    const history = await ok(core, 'r1', 'intake.history', { idNumber: ID })
    expect(history.visitor).toMatchObject({ phone: '13700002222', address: '武汉市武昌区新址' })
  })

  it('offers an empty phone as empty, not as a made-up value', async ({ core }) => {
    await ok(core, 'r1', 'intake.register', validIntake(ID, { visitor: { name: '吕建国', noId: false, idNumber: ID, noIdReason: '', phone: '', address: '武汉市武昌区某小区' } }))
    const history = await ok(core, 'r1', 'intake.history', { idNumber: ID })
    expect(history.visitor?.phone).toBe('')
    expect(history.visitor?.address).toBe('武汉市武昌区某小区')
  })

  it('has no contact details for somebody never seen', async ({ core }) => {
    const history = await ok(core, 'r1', 'intake.history', { idNumber: ID })
    expect(history.visitor).toBeNull()
  })
})

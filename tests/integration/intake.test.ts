import { describe, expect } from 'vitest'
import { it } from './fixtures'
import { call, ok, validIntake } from './helpers'

it.override('users', { r1: ['receptionist', 'R001'] })

describe('intake.register', () => {
  it('gives the first case of the hall day number 0001 and lists it in today’s log', async ({ core }) => {
    const result = await ok(core, 'r1', 'intake.register', validIntake())
    expect(result.caseNumber).toBe('WH-20261122-0001')
    const today = await ok(core, 'r1', 'visits.today', {})
    expect(today).toHaveLength(1)
    expect(today[0]).toMatchObject({
      caseNumber: 'WH-20261122-0001',
      visitorName: '吕建国',
      maskedIdNumber: '420106********0311',
      category: '城乡建设·市政设施',
      routing: 'accepted',
      receptionist: '用户R001',
    })
  })

  it('refuses an invalid ID number with a Chinese message and saves nothing', async ({ core }) => {
    const result = await call(core, 'r1', 'intake.register', validIntake('420106196503120310'))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('VALIDATION')
    expect(result.error.fields?.[0]?.path).toBe('visitor.idNumber')
    expect(result.error.message).toContain('校验位')
    expect(await ok(core, 'r1', 'visits.today', {})).toHaveLength(0)
  })
})

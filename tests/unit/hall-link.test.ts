import { describe, expect, it } from 'vitest'
import { createHallLink } from '../../electron/db/postgres'

// The header's link to the hall's server (issue #10): a server that stops while nobody calls must
// show as lost within a few seconds, and only the server's own answer may show it as back.
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('the hall link', () => {
  it('asks the server when the desk has been quiet, and shows it lost when it does not answer', async () => {
    let pings = 0
    let up = true
    const link = createHallLink(() => {
      pings += 1
      return up ? Promise.resolve() : Promise.reject(new Error('ECONNREFUSED'))
    }, 60_000, 0)
    link.check()
    await flush()
    expect(pings).toBe(1)
    expect(link.state()).toBe('connected')
    up = false
    link.check()
    await flush()
    expect(link.state()).toBe('reconnecting')
    link.stop()
  })

  it('does not ask while the desk has heard from the server recently, nor twice at once', () => {
    let pings = 0
    const link = createHallLink(() => {
      pings += 1
      return new Promise<void>(() => undefined)
    }, 60_000, 60_000)
    link.check()
    expect(pings).toBe(0)
    const quiet = createHallLink(() => {
      pings += 1
      return new Promise<void>(() => undefined)
    }, 60_000, 0)
    quiet.check()
    quiet.check()
    expect(pings).toBe(1)
    link.stop()
    quiet.stop()
  })

  it('stays lost until the server answers again', async () => {
    let up = false
    const link = createHallLink(() => (up ? Promise.resolve() : Promise.reject(new Error('down'))), 10, 0)
    link.lost()
    link.check()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(link.state()).toBe('reconnecting')
    up = true
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(link.state()).toBe('connected')
    link.stop()
  })
})

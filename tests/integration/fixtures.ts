/**
 * The integration suite's one fixture: a core on a fresh data folder (a fresh schema on
 * PostgreSQL), the hall set up with session `admin` signed in as its administrator, and the
 * file's users signed in on their sessions; closed and removed after each test. A file says
 * what it needs with `test.override` (`users`, `settings`, `coreOptions`, `hall: false`); a test
 * of what outlasts a restart takes `reopen`.
 */
import { test as base } from 'vitest'
import type { Core, CoreOptions } from '../../electron/core'
import type { Role } from '../../shared/domain'
import type { MethodInput } from '../../shared/rpc/contract'
import { addUser, ok, setUpHall, tempDir, testCore, type FakeClock } from './helpers'

/** A test core: its fake clock, and on PostgreSQL the schema its hall is in (undefined on SQLite). */
export type TestCore = Core & { clock: FakeClock; schema: string | undefined }

/** Session name → the role and badge number of the user signed in on it, created in this order. */
export type Users = Readonly<Record<string, readonly [Role, string]>>

interface IntegrationFixtures {
  /** Options the core opens with (a printer, a desk name, a key store). */
  coreOptions: Partial<CoreOptions>
  /** Whether the hall is set up before the test (`false` for tests of setting it up). */
  hall: boolean
  /** The hall's settings (address, phone, receipt layout), saved by the administrator before the users are added. */
  settings: MethodInput<'settings.update'> | null
  users: Users
  /** The core's data folder, removed after the test. */
  dir: string
  core: TestCore
  /**
   * Closes the core and opens another on its data folder and clock, as the app after a restart
   * (the sessions are gone), with `options` or else the file's coreOptions; it is closed after the
   * test. SQLite only: on PostgreSQL the core's schema goes with it.
   */
  reopen: (options?: Partial<CoreOptions>) => Promise<TestCore>
}

export const test = base.extend<IntegrationFixtures>({
  coreOptions: {},
  hall: true,
  settings: null,
  users: {},
  // eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's dependencies from its destructuring
  dir: async ({}, use) => {
    const dir = tempDir()
    try {
      await use(dir.dir)
    } finally {
      dir.remove()
    }
  },
  core: async ({ dir, coreOptions, hall, settings, users }, use) => {
    const core = await testCore(dir, undefined, coreOptions)
    // It closes once: a test that took `reopen` has closed it already.
    const close = core.close
    let closing: Promise<void> | undefined
    core.close = () => (closing ??= close())
    try {
      if (hall) await setUpHall(core)
      if (settings !== null) await ok(core, 'admin', 'settings.update', settings)
      for (const [session, [role, badgeNo]] of Object.entries(users))
        await addUser(core, session, role, badgeNo)
      await use(core)
    } finally {
      await core.close()
    }
  },
  reopen: async ({ dir, core, coreOptions }, use) => {
    let latest: TestCore | undefined
    try {
      await use(async (options = coreOptions) => {
        await (latest ?? core).close()
        latest = await testCore(dir, core.clock, options)
        return latest
      })
    } finally {
      await latest?.close()
    }
  },
})

/** The settings most files give the hall: its address and phone on receipts, A5 receipts, no idle lock. */
export const HALL_SETTINGS: MethodInput<'settings.update'> = {
  address: '中北路1号',
  phone: '027-88886666',
  receiptLayout: 'a5',
  receiptPrinter: null,
  idleLockMinutes: 0,
}

export const it = test

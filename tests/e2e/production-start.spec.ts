import { spawnSync } from 'node:child_process'
import { apiClient } from './api'
import { ADMIN, expect, openHallDatabase, stopHost, test } from './fixtures'

// The unit and integration tests hash passwords at scrypt N = 2^10 to stay quick. The app, as
// started for real (the browser host here; Electron's main.ts passes no cost either), must hash
// at the shipped N = 2^17, r = 8, p = 1, and offer no way to start it at a lower cost.

test('the browser host stores every password at the shipped scrypt cost', async ({ host }) => {
  const api = apiClient(host)
  await api.ok('app.setup', {
    hallName: '武汉市信访局接待大厅',
    hallCode: 'WH',
    admin: { ...ADMIN, confirmPassword: ADMIN.password },
  })
  await api.ok('users.create', {
    badgeNo: 'R001',
    name: '李娜',
    position: '接待员',
    role: 'receptionist',
    password: 'Initial2026',
    confirmPassword: 'Initial2026',
  })
  await stopHost(host)

  const db = openHallDatabase(host, { readonly: true })
  try {
    const hashes = db.prepare('SELECT badge_no, password_hash FROM users ORDER BY badge_no').all() as {
      badge_no: string
      password_hash: string
    }[]
    expect(hashes.map((h) => h.badge_no)).toEqual(['A001', 'R001'])
    for (const { badge_no, password_hash } of hashes) {
      expect(password_hash.split('$').slice(0, 4), badge_no).toEqual(['scrypt', '131072', '8', '1'])
    }
  } finally {
    db.close()
  }
})

test('the browser host has no option that lowers the password cost', () => {
  for (const option of ['--scrypt-n', '--scryptN', '--scrypt']) {
    const run = spawnSync(process.execPath, ['dist/electron/serve.cjs', option, '1024', '--port', '0'], {
      encoding: 'utf8',
      timeout: 20_000,
    })
    expect(run.status, option).not.toBe(0)
    expect(run.stderr, option).toContain(`Unknown option '${option}'`)
  }
})

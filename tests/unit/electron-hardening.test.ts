import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { appMenuTemplate, dataDirOverride } from '../../electron/menu'

/** The `electronFuses:` block of electron-builder.yml, as key → boolean (a flat YAML mapping). */
function fuses(): Record<string, boolean> {
  const text = readFileSync('electron-builder.yml', 'utf8')
  const block = /^electronFuses:\n((?:[ ]{2}\w+: (?:true|false)\n)+)/m.exec(text)?.[1] ?? ''
  const entries = [...block.matchAll(/^ {2}(\w+): (true|false)$/gm)].map((m): [string, boolean] => [m[1] ?? '', m[2] === 'true'])
  return Object.fromEntries(entries)
}

describe('the packaged app', () => {
  it('flips the Electron fuses through electron-builder', () => {
    expect(fuses()).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('has a short Chinese menu without developer tools or reload', () => {
    const items = appMenuTemplate().flatMap((top) => [top, ...(top.submenu ?? [])])
    const roles: string[] = items.flatMap((i) => (i.role === undefined ? [] : [i.role]))
    for (const forbidden of ['toggleDevTools', 'reload', 'forceReload', 'viewMenu']) expect(roles).not.toContain(forbidden)
    expect(appMenuTemplate().map((top) => top.label)).toEqual(['接访台', '编辑', '视图'])
    for (const item of items) if (item.type !== 'separator') expect(item.label).toMatch(/[\u4e00-\u9fff]/)
  })

  it('honours INTAKE_DESK_DATA_DIR only in development or with --portable', () => {
    const env = { INTAKE_DESK_DATA_DIR: '/tmp/elsewhere' }
    expect(dataDirOverride(env, ['app'], false)).toBe('/tmp/elsewhere')
    expect(dataDirOverride(env, ['app'], true)).toBeNull()
    expect(dataDirOverride(env, ['app', '--portable'], true)).toBe('/tmp/elsewhere')
    expect(dataDirOverride({}, ['app', '--portable'], true)).toBeNull()
  })

  it('handles will-redirect like will-navigate, denies permission checks, and has no DevTools when packaged', () => {
    const main = readFileSync('electron/main.ts', 'utf8')
    expect(main).toMatch(/on\('will-redirect', \(event, url\) => \{\s+if \(!isOwnPage\(url\)\) event\.preventDefault\(\)/)
    expect(main).toContain('setPermissionCheckHandler(() => false)')
    expect(main).toContain('devTools: !app.isPackaged')
  })
})

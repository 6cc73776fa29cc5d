import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { en } from '../../shared/i18n/en'
import type { Catalogue } from '../../shared/i18n/translate'
import { translate } from '../../shared/i18n/translate'
import { zhCN } from '../../shared/i18n/zh-CN'

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : []
  })
}

const keys = new Set<string>()
const add = (m: RegExpMatchArray) => m[1] && !m[1].endsWith('.') && keys.add(m[1])
// shared/ and renderer/ hold no SQL: every 'v.…' or 'e.…' literal there is a message key.
for (const file of ['shared', 'renderer'].flatMap(files).filter((f) => !f.includes('i18n/'))) {
  const text = readFileSync(file, 'utf8')
  for (const m of text.matchAll(/'((?:v|e)\.[A-Za-z][\w.]*)'/g)) add(m)
  for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) add(m)
}
// In the main process, 'v.' is also a table alias: take the keys where errors are raised.
for (const file of files('electron')) {
  const text = readFileSync(file, 'utf8')
  for (const m of text.matchAll(/(?:fieldError\([^)]*?|key: |AppError\([^)]*?)'((?:v|e)\.[A-Za-z][\w.]*)'/g)) add(m)
}

function leaves(c: Catalogue, prefix = ''): string[] {
  return Object.entries(c).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)))
}

describe('the catalogues', () => {
  it(`hold every one of the ${keys.size} message keys the code uses, in Chinese and in English`, () => {
    const missing = [...keys].filter((k) => translate(zhCN, k) === k || translate(en, k) === k)
    expect(missing).toEqual([])
  })

  it('have the same keys in both languages, with every Chinese string non-empty', () => {
    expect(leaves(en)).toEqual(leaves(zhCN))
    for (const key of leaves(zhCN)) expect(translate(zhCN, key).trim(), key).not.toBe('')
  })

  it('use the domain words of DESIGN.md exactly', () => {
    expect(zhCN.answers.facts.label).toBe('事实真相')
    expect(zhCN.answers.demands.label).toBe('诉求与理由')
    expect(zhCN.answers.difficulties.label).toBe('实际困难')
    expect(zhCN.answers.history.label).toBe('信访经历')
    expect(zhCN.answers.priorHandling.label).toBe('此前办理情况')
    expect([zhCN.shows.badge, zhCN.shows.name, zhCN.shows.position]).toEqual(['已亮工号', '已亮姓名', '已亮职务'])
    expect(zhCN.intake.register).toBe('登记')
    expect(zhCN.signIn.submit).toBe('登录')
    const r = zhCN.routing
    expect([r.resolved, r.accepted, r.assigned, r.transferred, r.rejected]).toEqual(['当场办结', '受理', '交办', '转送', '不予受理'])
  })
})

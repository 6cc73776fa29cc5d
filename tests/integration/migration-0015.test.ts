import { describe, expect } from 'vitest'
import { MIGRATIONS } from '../../electron/db/migrations'
import * as m0015 from '../../electron/db/migrations/0015-matter-pairs'
import { matterTerms, packPairs } from '../../shared/matters/similarity'
import { matterQuery } from '../support/matter-query'
import { it, type TestCore } from './fixtures'
import { ok, validIntake } from './helpers'

// Migration 0015 replaces the matter index's postings (matter_terms, a row per case and pair) with
// the pairs packed in the case's own row. A hall upgraded with cases in the index must find the
// same earlier cases, with the same similarity, as before the upgrade. SQLite: the test takes
// the file back to the shape of version 14 by hand (PostgreSQL runs 0015 on an empty schema).

it.override('users', { r1: ['receptionist', 'R001'] })

const WAGES = 6
const FACTS = '我在光谷某建筑工地做钢筋工，从今年三月干到八月，包工头张某拖欠工资三万六千元，多次讨要未果，现在人已联系不上。'
const DEMANDS = '要求总包单位和包工头支付拖欠的工资三万六千元，并赔偿误工损失。'
const answer = (text: string) => ({ text, mark: null, reason: '' })

const retold = matterQuery({
  intakeId: 'intake-migration-0001',
  categoryId: WAGES,
  facts: '我在光谷建筑工地做钢筋工，三月干到八月，包工头张某拖欠工资三万六千元。',
  demands: DEMANDS,
})

async function found(core: TestCore) {
  await ok(core, 'r1', 'auth.signIn', { badgeNo: 'R001', password: 'Mine2026pass' })
  return (await ok(core, 'r1', 'matters.candidates', retold)).candidates.map((c) => [c.caseNumber, c.reasons])
}

describe('migration 0015 (the matter index in one row per case)', () => {
  it('fills each indexed case\'s pairs from its text, drops the postings, and finds the same cases with the same similarity', async ({ core, reopen }) => {
    const texts = [
      [FACTS, DEMANDS],
      [FACTS.slice(0, 40), DEMANDS],
      ['单位未给我缴纳社会保险，今年被辞退也没有经济补偿。', '要求补缴社保。'],
    ] as const
    for (const [facts, demands] of texts) {
      await ok(core, 'r1', 'intake.register', validIntake(undefined, { categoryId: WAGES, answers: { ...validIntake().answers, facts: answer(facts), demands: answer(demands) } }))
    }
    const before = await found(core)
    expect(before).toHaveLength(2)

    // Back to version 14: postings instead of packed pairs.
    const raw = core.connection.raw
    const docs = raw.prepare('SELECT d.visit_id, d.category_id, v.facts, v.demands FROM matter_docs d JOIN visits v ON v.id = d.visit_id').all() as {
      visit_id: number
      category_id: number
      facts: string
      demands: string
    }[]
    expect(docs).toHaveLength(3)
    raw.exec(`DROP TABLE matter_docs;
      CREATE TABLE matter_docs (visit_id integer PRIMARY KEY REFERENCES visits (id), category_id integer NOT NULL, terms integer NOT NULL, closed_day text);
      CREATE INDEX matter_docs_closed_idx ON matter_docs (closed_day);
      CREATE TABLE matter_terms (category_id integer NOT NULL, bigram text NOT NULL, visit_id integer NOT NULL,
        CONSTRAINT matter_terms_pk PRIMARY KEY (category_id, bigram, visit_id));
      CREATE INDEX matter_terms_visit_idx ON matter_terms (visit_id);`)
    const doc = raw.prepare('INSERT INTO matter_docs (visit_id, category_id, terms, closed_day) VALUES (?, ?, ?, NULL)')
    for (const d of docs) doc.run(d.visit_id, d.category_id, matterTerms(d.facts, d.demands).length)
    const posting = raw.prepare('INSERT INTO matter_terms (category_id, bigram, visit_id) VALUES (?, ?, ?)')
    for (const d of docs) for (const pair of matterTerms(d.facts, d.demands)) posting.run(d.category_id, pair, d.visit_id)
    raw.pragma(`user_version = ${MIGRATIONS.indexOf(m0015)}`)

    const upgraded = await reopen()
    const after = upgraded.connection.raw
    expect(after.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    expect(after.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'matter_terms'").pluck().get()).toBe(0)
    const rows = after.prepare('SELECT d.doc_key, d.visit_id, d.category_id, d.terms, d.pairs, v.facts, v.demands FROM matter_docs d JOIN visits v ON v.id = d.visit_id').all() as {
      doc_key: number
      visit_id: number
      category_id: number
      terms: number
      pairs: Buffer
      facts: string
      demands: string
    }[]
    expect(rows).toHaveLength(3)
    for (const r of rows) {
      // A category's cases lie together: the key is category · 2³² + visit.
      expect(r.doc_key).toBe(r.category_id * 2 ** 32 + r.visit_id)
      const pairs = matterTerms(r.facts, r.demands)
      expect(r.terms).toBe(pairs.length)
      expect(new Uint8Array(r.pairs)).toEqual(packPairs(pairs))
    }
    expect(await found(upgraded)).toEqual(before)
  })
})

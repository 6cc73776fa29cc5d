import { describe, expect, it } from 'vitest'
import type { IdNumberProblem } from '../../shared/id-number'
import { idCheckChar, maskIdNumber, normalizeIdNumber, parseIdNumber } from '../../shared/id-number'
import fixture from '../fixtures/id-numbers.json'

// A fixed "today", so the future check does not depend on when the tests run.
const TODAY = new Date(Date.UTC(2026, 10, 24))

const SEX = { 男: 'male', 女: 'female' } as const

const FULL_WIDTH = '４２０１０６１９６５０３１２０３１1'

/** Why each invalid fixture vector is refused (the full-width one is handled separately). */
const EXPECTED_PROBLEM: Record<string, IdNumberProblem> = {
  '321283197902290086': 'birthDate',
  '420106196503120310': 'checksum',
  '4201061965031203': 'length',
  '4201061965031203111': 'length',
  '42010619650312031A': 'characters',
  '420106196513120315': 'birthDate',
  '420106210001010313': 'future',
  // Spaces are dropped when normalising, leaving 8 characters.
  "' OR 1=1 --": 'length',
}

describe('parseIdNumber: valid ID numbers', () => {
  it.each(fixture.valid)('accepts $id ($sex, born $birthDate)', ({ id, sex, birthDate }) => {
    const result = parseIdNumber(id, TODAY)
    expect(result).toEqual({ ok: true, value: id, birthDate, sex: SEX[sex as keyof typeof SEX] })
  })

  it('accepts a lowercase x typed by the receptionist and stores it as X', () => {
    const result = parseIdNumber('42010619810517003x', TODAY)
    expect(result).toEqual({ ok: true, value: '42010619810517003X', birthDate: '1981-05-17', sex: 'male' })
  })

  it('drops spaces the receptionist typed between groups of digits', () => {
    const result = parseIdNumber(' 420106 19650312 0311 ', TODAY)
    expect(result.ok && result.value).toBe('420106196503120311')
  })

  it('computes the GB 11643 check character of every valid vector', () => {
    for (const { id } of fixture.valid) expect(idCheckChar(id.slice(0, 17))).toBe(id[17])
  })
})

describe('parseIdNumber: full-width digits', () => {
  it('the fixture’s full-width entry is 18 characters that normalise to the valid 420106196503120311', () => {
    expect(fixture.invalid.map((v) => v.id)).toContain(FULL_WIDTH)
    expect(FULL_WIDTH).toHaveLength(18)
    expect(normalizeIdNumber(FULL_WIDTH)).toBe('420106196503120311')
  })

  it('is accepted after normalising (not refused), and the stored value is half-width, never as typed', () => {
    const result = parseIdNumber(FULL_WIDTH, TODAY)
    expect(result).toEqual({ ok: true, value: '420106196503120311', birthDate: '1965-03-12', sex: 'male' })
  })

  it('normalises a full-width lowercase ｘ check character to X', () => {
    const result = parseIdNumber('４２０１０６１９８１０５１７００３ｘ', TODAY)
    expect(result.ok && result.value).toBe('42010619810517003X')
  })
})

describe('parseIdNumber: invalid ID numbers', () => {
  const invalid = fixture.invalid.filter((v) => v.id !== FULL_WIDTH)

  it('has an expected problem for every invalid fixture vector', () => {
    for (const { id } of invalid) expect(EXPECTED_PROBLEM).toHaveProperty([id])
  })

  it.each(invalid)('refuses $id ($why)', ({ id }) => {
    expect(parseIdNumber(id, TODAY)).toEqual({ ok: false, problem: EXPECTED_PROBLEM[id] })
  })

  it('refuses an empty or blank field as empty', () => {
    expect(parseIdNumber('', TODAY)).toEqual({ ok: false, problem: 'empty' })
    expect(parseIdNumber('  \u3000 ', TODAY)).toEqual({ ok: false, problem: 'empty' })
  })

  it('refuses a birth year before 1880 as a birth date that cannot be right', () => {
    const first17 = '42010618790101031'
    expect(parseIdNumber(first17 + idCheckChar(first17), TODAY)).toEqual({ ok: false, problem: 'birthDate' })
  })

  it('accepts someone born today but refuses someone born tomorrow', () => {
    const bornToday = '42010620261124031'
    const bornTomorrow = '42010620261125031'
    expect(parseIdNumber(bornToday + idCheckChar(bornToday), TODAY).ok).toBe(true)
    expect(parseIdNumber(bornTomorrow + idCheckChar(bornTomorrow), TODAY)).toEqual({
      ok: false,
      problem: 'future',
    })
  })
})

describe('maskIdNumber', () => {
  it('shows only the area code and the last four characters', () => {
    expect(maskIdNumber('420106196503120311')).toBe('420106********0311')
    expect(maskIdNumber('42010619810517003X')).toBe('420106********003X')
  })

  it('shows nothing for a visitor without an ID number', () => {
    expect(maskIdNumber(null)).toBe('')
  })
})

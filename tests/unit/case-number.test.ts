import { describe, expect, it } from 'vitest'
import { formatCaseNumber, hallDay, parseCaseNumber } from '../../shared/case-number'

describe('formatCaseNumber', () => {
  it('pads the day sequence to four digits', () => {
    expect(formatCaseNumber('WH', '20261122', 7)).toBe('WH-20261122-0007')
    expect(formatCaseNumber('WH', '20261122', 1)).toBe('WH-20261122-0001')
    expect(formatCaseNumber('WUHANS', '20261122', 9999)).toBe('WUHANS-20261122-9999')
  })

  it.each(['wh', 'W', 'WUHANXY', 'W1', 'W-H', ''])('refuses the hall code %j', (code) => {
    expect(() => formatCaseNumber(code, '20261122', 1)).toThrow(/hall code/)
  })

  it.each(['2026112', '202611220', '2026-11-2', 'abcdefgh'])('refuses the day %j', (day) => {
    expect(() => formatCaseNumber('WH', day, 1)).toThrow(/day/)
  })

  it.each([0, -1, 10000, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses the sequence %s', (seq) => {
    expect(() => formatCaseNumber('WH', '20261122', seq)).toThrow(/sequence/)
  })
})

describe('parseCaseNumber', () => {
  it.each([1, 7, 42, 1000, 9999])('reads back a formatted number with sequence %i', (seq) => {
    const value = formatCaseNumber('WH', '20261122', seq)
    expect(parseCaseNumber(value)).toEqual({ hallCode: 'WH', day: '20261122', seq })
  })

  it.each([
    'WH-20261122-0000',
    'wh-20261122-0001',
    'WH-20261122-001',
    'WH-20261122-00001',
    'WH20261122-0001',
    'WH-2026112-0001',
    'W-20261122-0001',
    ' WH-20261122-0001',
    'WH-20261122-0001 ',
    '',
  ])('refuses %j', (value) => {
    expect(parseCaseNumber(value)).toBeNull()
  })
})

describe('hallDay in Asia/Shanghai', () => {
  const day = (iso: string) => hallDay(new Date(iso), 'Asia/Shanghai')

  it('is still the 22nd one second before local midnight', () => {
    expect(day('2026-11-22T15:59:59Z')).toBe('20261122')
  })

  it('is the 23rd at local midnight (16:00 UTC)', () => {
    expect(day('2026-11-22T16:00:00Z')).toBe('20261123')
  })

  it('is already the local day in the UTC early hours', () => {
    expect(day('2026-11-22T00:00:00Z')).toBe('20261122')
  })

  it('rolls over the year at local midnight', () => {
    expect(day('2026-12-31T15:59:59Z')).toBe('20261231')
    expect(day('2026-12-31T16:00:00Z')).toBe('20270101')
  })
})

import { describe, expect, it } from 'vitest'
import { retentionCutoff } from '../../shared/retention/cutoff'

// A case closed on the cutoff day has kept its personal data for the full period by today.
describe('the retention cutoff', () => {
  it('is the same day of the month, the period earlier', () => {
    expect(retentionCutoff('2026-12-02', 36)).toBe('2023-12-02')
    expect(retentionCutoff('2026-12-02', 6)).toBe('2026-06-02')
    expect(retentionCutoff('2027-01-15', 1)).toBe('2026-12-15')
    expect(retentionCutoff('2026-12-02', 12)).toBe('2025-12-02')
  })
  it('is the month’s last day when the earlier month is shorter', () => {
    expect(retentionCutoff('2027-03-31', 1)).toBe('2027-02-28')
    expect(retentionCutoff('2028-08-31', 6)).toBe('2028-02-29')
    expect(retentionCutoff('2026-05-31', 1)).toBe('2026-04-30')
  })
})

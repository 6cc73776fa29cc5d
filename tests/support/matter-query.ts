import type { MatterCandidatesInput } from '../../shared/matters/schemas'

/** What the intake form sends for 同一事项 candidates: nothing typed yet, unless `overrides` says so. */
export function matterQuery(overrides: Partial<MatterCandidatesInput> = {}): MatterCandidatesInput {
  return {
    intakeId: 'intake-test-0001',
    name: '',
    noId: true,
    idNumber: '',
    phone: '',
    address: '',
    representatives: [],
    categoryId: 0,
    facts: '',
    demands: '',
    ...overrides,
  }
}

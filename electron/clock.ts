/** The source of "now" for the core; tests and the crash harness pass their own. */
export type Clock = () => Date

export const systemClock: Clock = () => new Date()

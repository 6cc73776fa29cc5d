/** A share with what it counts: the page and the exports show the same three numbers. */
export interface Rate {
  numerator: number
  denominator: number
  /** null when there is nothing to count. */
  value: number | null
}

export interface CountRow {
  name: string
  batches: number
  persons: number
}

/** The hall's numbers for a period (DESIGN §4), today included. */
export interface Statistics {
  from: string
  to: string
  batches: number
  persons: number
  byDay: { day: string; batches: number; persons: number }[]
  byCategory: CountRow[]
  byUnit: CountRow[]
  byReceptionist: CountRow[]
  timelyAcceptance: Rate
  onTimeClosing: Rate
  satisfaction: Rate & { satisfied: number; basicallySatisfied: number; unsatisfied: number }
  sameDay: Rate
  /** Per person: registrations whose visitor had visited before. */
  repeatVisits: number
  /** Per matter: registrations confirmed as the same matter as an earlier case, and the matters they were on. */
  repeatVisitsByMatter: number
  repeatMatters: number
}

export interface ExportJob {
  id: string
  progress: number
  status: 'running' | 'done' | 'failed'
  fileName: string
  error: string | null
  /** Electron saves through a dialog; the browser host downloads from this address. */
  download: string | null
}

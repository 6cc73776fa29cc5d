import { idCheckChar } from '../../shared/id-number'
import type { Random } from './random'
import {
  DEMANDS,
  DIFFICULTIES,
  DISTRICTS,
  ESTATE_SUFFIXES,
  FACTS,
  FIRM_SUFFIXES,
  GIVEN,
  GOVERNMENT_UNITS,
  HISTORY,
  HOSPITALS,
  NAME_CHARS,
  PRIOR,
  PROJECT_SUFFIXES,
  SCHOOLS,
  STREETS,
  SURNAMES,
} from './phrases'

/** Region codes of the hall's catchment; the register benchmark uses one outside it (530102). */
const REGIONS = [
  '420102',
  '420103',
  '420104',
  '420105',
  '420106',
  '420107',
  '420111',
  '420112',
  '420113',
  '420114',
  '420115',
  '420116',
  '420117',
  '421002',
  '420502',
  '420602',
  '422801',
  '410481',
  '430103',
  '360102',
]

export const ANSWER_MIN = 50
export const ANSWER_MAX = 400

/** Extra clauses, e.g. those of tests/fixtures/sample-visits.json, by answer. */
export interface ExtraClauses {
  facts: string[]
  demands: string[]
  difficulties: string[]
  history: string[]
  priorHandling: string[]
}

export type AnswerName = keyof ExtraClauses

/** Synthetic visitors and answers for a hall in Wuhan. */
export class Faker {
  private readonly firms: string[]
  private readonly estates: string[]
  private readonly projects: string[]
  private readonly pools: Record<AnswerName, readonly string[]>
  private readonly ids = new Set<string>()

  constructor(
    private readonly random: Random,
    extra: ExtraClauses,
  ) {
    const coined = (n: number, suffixes: readonly string[]) =>
      Array.from(
        { length: n },
        () =>
          `${random.pick(NAME_CHARS)}${random.pick(NAME_CHARS)}${random.chance(0.3) ? random.pick(NAME_CHARS) : ''}${random.pick(suffixes)}`,
      )
    this.firms = coined(3000, FIRM_SUFFIXES)
    this.estates = coined(3000, ESTATE_SUFFIXES)
    this.projects = coined(600, PROJECT_SUFFIXES)
    this.pools = {
      facts: [...FACTS, ...extra.facts],
      demands: [...DEMANDS, ...extra.demands],
      difficulties: [...DIFFICULTIES, ...extra.difficulties],
      history: [...HISTORY, ...extra.history],
      priorHandling: [...PRIOR, ...extra.priorHandling],
    }
  }

  /** The coined names of firms and estates, as candidate rare search words. */
  coinedWords(): string[] {
    return [...this.firms, ...this.estates].flatMap((n) => [n.slice(0, 2), n.slice(0, 4)])
  }

  name(): string {
    const r = this.random
    return `${r.pick(SURNAMES)}${r.pick(GIVEN)}${r.chance(0.7) ? r.pick(GIVEN) : ''}`
  }

  /** A valid, unique GB 11643 number; `region` forces the area code (for numbers never generated). */
  idNumber(region?: string): string {
    const r = this.random
    for (;;) {
      const birth = new Date(Date.UTC(1940, 0, 1) + r.int(0, 23_700) * 86_400_000)
      const first17 = `${region ?? r.pick(REGIONS)}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(r.int(0, 999)).padStart(3, '0')}`
      const id = `${first17}${idCheckChar(first17)}`
      if (this.ids.has(id)) continue
      this.ids.add(id)
      return id
    }
  }

  phone(): string {
    const r = this.random
    return `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`
  }

  address(): string {
    const r = this.random
    return `武汉市${r.pick(DISTRICTS)}${r.pick(STREETS)}${r.int(1, 999)}号${r.pick(this.estates)}${r.int(1, 30)}栋${r.int(1, 6)}单元${r.int(1, 33)}0${r.int(1, 6)}室`
  }

  firm(): string {
    return this.random.pick(this.firms)
  }

  /** One answer of 50–400 characters, most of them short: clauses joined like a receptionist's notes. */
  answer(key: AnswerName, year: number, lead = ''): string {
    const r = this.random
    const target = ANSWER_MIN + Math.floor((ANSWER_MAX - ANSWER_MIN) * Math.pow(r.next(), 1.6))
    let text = lead
    while (text.length < target) {
      text += this.fill(r.pick(this.pools[key]), year)
      text += text.length >= target || r.chance(0.4) ? '。' : '，'
    }
    return text.length > ANSWER_MAX ? `${text.slice(0, ANSWER_MAX - 1)}。` : text
  }

  private fill(template: string, year: number): string {
    const r = this.random
    return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
      switch (slot) {
        case 'year':
          return String(r.int(year - 6, year))
        case 'month':
          return String(r.int(1, 12))
        case 'day':
          return String(r.int(1, 28))
        case 'n':
          return String(r.int(2, 60))
        case 'money':
          return String(r.int(3, 900) * 100)
        case 'company':
          return r.pick(this.firms)
        case 'community':
          return r.pick(this.estates)
        case 'project':
          return r.pick(this.projects)
        case 'person':
          return this.name()
        case 'street':
          return r.pick(STREETS)
        case 'place':
          return r.pick(DISTRICTS)
        case 'unit':
          return r.pick(GOVERNMENT_UNITS)
        case 'hospital':
          return r.pick(HOSPITALS)
        case 'school':
          return `${r.pick(DISTRICTS).slice(0, 2)}${r.pick(SCHOOLS)}`
        default:
          return slot
      }
    })
  }
}

/** The clauses of a text, split at Chinese and Latin punctuation. */
export function clausesOf(text: string): string[] {
  return text
    .split(/[，。；！？、,.;!?\n]+/)
    .map((c) => c.trim())
    .filter((c) => c.length >= 4)
}

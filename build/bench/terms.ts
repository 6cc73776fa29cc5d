const HAN_RUN = /\p{Script=Han}+/gu

/**
 * Counts, over every `every`-th visit's answers, in how many visits each two- and
 * four-character Chinese term occurs, to choose search terms of a known frequency.
 */
export class TermSampler {
  private readonly df = new Map<string, number>()
  private docs = 0

  constructor(private readonly every: number) {}

  offer(index: number, text: string): void {
    if (index % this.every !== 0) return
    this.docs += 1
    const terms = new Set<string>()
    for (const match of text.matchAll(HAN_RUN)) {
      const run = match[0]
      for (let i = 0; i + 2 <= run.length; i++) terms.add(run.slice(i, i + 2))
      for (let i = 0; i + 4 <= run.length; i++) terms.add(run.slice(i, i + 4))
    }
    for (const t of terms) this.df.set(t, (this.df.get(t) ?? 0) + 1)
  }

  /** A common and a rare word of each length: the ones of `words` whose share is nearest the aim. */
  choose(words: readonly string[]): { label: string; term: string; sampleShare: number }[] {
    const aims = [
      { label: '2-char common', length: 2, share: 0.05 },
      { label: '2-char rare', length: 2, share: 0.002 },
      { label: '4-char common', length: 4, share: 0.02 },
      { label: '4-char rare', length: 4, share: 0.002 },
    ]
    return aims.map((aim) => {
      let best = { term: '', share: 0, distance: Infinity }
      for (const term of words) {
        const n = this.df.get(term) ?? 0
        if (term.length !== aim.length || n === 0) continue
        const share = n / this.docs
        const distance = Math.abs(Math.log(share / aim.share))
        if (distance < best.distance) best = { term, share, distance }
      }
      return { label: aim.label, term: best.term, sampleShare: best.share }
    })
  }
}

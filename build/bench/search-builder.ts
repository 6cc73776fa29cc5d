import { rmSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers'
import type { FromWorker, ToWorker } from './fts-worker'
import type { SearchRow } from './writer'

const MAX_IN_FLIGHT = 2

/** The generator's side of the FTS worker: batches go out, at most two waiting at a time. */
export class SearchIndexBuilder {
  private readonly worker: Worker
  private inFlight = 0
  private failure: Error | null = null
  private wake: (() => void) | null = null
  private closed = false

  constructor(
    private readonly file: string,
    createSql: string,
  ) {
    // Worker threads do not inherit tsx's loader: register it before importing the worker.
    const url = new URL('./fts-worker.ts', import.meta.url).href
    this.worker = new Worker(
      `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}) })`,
      { eval: true, workerData: { file, createSql } },
    )
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'done') this.inFlight -= 1
      if (m.type === 'closed') this.closed = true
      if (m.type === 'failed') this.failure = new Error(m.message)
      this.wake?.()
    })
    this.worker.on('error', (error) => {
      this.failure = error
      this.wake?.()
    })
  }

  private async until(done: () => boolean): Promise<void> {
    while (!done()) {
      if (this.failure !== null) throw this.failure
      await new Promise<void>((resolve) => (this.wake = resolve))
    }
    if (this.failure !== null) throw this.failure
  }

  async add(rows: SearchRow[]): Promise<void> {
    await this.until(() => this.inFlight < MAX_IN_FLIGHT)
    this.inFlight += 1
    this.worker.postMessage({ type: 'rows', rows } satisfies ToWorker)
  }

  /** Waits for the last batch, then copies the index's shadow tables (all but its config) into `db`. */
  async finish(db: BetterSqlite3.Database): Promise<void> {
    await this.until(() => this.inFlight === 0)
    this.worker.postMessage({ type: 'close' } satisfies ToWorker)
    await this.until(() => this.closed)
    await this.worker.terminate()
    const shadows = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'visit\\_search\\_%' ESCAPE '\\' AND name != 'visit_search_config'",
      )
      .pluck()
      .all() as string[]
    // The index was built in a plain file of its own (bench data only): KEY '' attaches it unencrypted.
    db.prepare("ATTACH DATABASE ? AS search_build KEY ''").run(this.file)
    // better-sqlite3 runs in SQLite's defensive mode, which guards shadow tables; lifted for the copy.
    db.unsafeMode(true)
    db.transaction(() => {
      for (const table of shadows) {
        db.exec(`DELETE FROM main.${table}`)
        db.exec(`INSERT INTO main.${table} SELECT * FROM search_build.${table}`)
      }
    })()
    db.unsafeMode(false)
    db.exec('DETACH DATABASE search_build')
    rmSync(this.file, { force: true })
  }
}

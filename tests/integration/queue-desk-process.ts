// A second desk computer for queue.test.ts: its own process and connection on the same hall
// database file. Signs in, says "ready", waits for "go" on stdin, presses 叫下一位 `count`
// times as fast as it can (at the parent's fake time) and prints the numbers it got as JSON.
import { openCore } from '../../electron/core'

const [dir = '', badgeNo = '', windowArg = '1', countArg = '1', nowArg = ''] = process.argv.slice(2)

const core = await openCore({ dataDir: dir, clock: () => new Date(nowArg), scryptN: 2 ** 10, onInternalError: (m, e) => console.error(m, e) })
const signIn = await core.dispatch('desk', 'auth.signIn', { badgeNo, password: 'Mine2026pass' })
if (!signIn.ok) throw new Error(JSON.stringify(signIn.error))
process.stdout.write('ready\n')
process.stdin.once('data', () => {
  void (async () => {
    const got: (string | null)[] = []
    for (let i = 0; i < Number(countArg); i++) {
      const r = await core.dispatch('desk', 'queue.callNext', { window: Number(windowArg) })
      got.push(r.ok ? ((r.value as { number: string } | null)?.number ?? null) : `error:${r.error.code}`)
      if (i === 0) process.stdout.write('pressing\n')
    }
    process.stdout.write(`${JSON.stringify(got)}\n`)
    await core.close()
  })()
})

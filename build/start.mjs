// `npm start`: runs the built app in Electron, or says in one line what to do where it cannot.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'

const require = createRequire(import.meta.url)
let binary
try {
  binary = require('electron')
} catch {
  binary = undefined
}
if (typeof binary !== 'string' || !existsSync(binary)) {
  console.error('Electron 运行时未安装，无法启动桌面版；请运行 `npm run serve` 在浏览器中使用接访台。 (Electron runtime missing: use `npm run serve`.)')
  process.exit(1)
}
const child = spawn(binary, ['.'], { stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 0))

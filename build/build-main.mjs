// Bundles the main process, the preload and the browser host into dist/electron.
// Native and Electron modules stay external: electron-builder rebuilds better-sqlite3 for Electron.
import { build } from 'esbuild'

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
}

await Promise.all([
  build({ ...common, entryPoints: { main: 'electron/main.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } }),
  build({ ...common, entryPoints: { preload: 'electron/preload.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' }, sourcemap: false }),
  build({ ...common, entryPoints: { serve: 'electron/host/serve.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } }),
])

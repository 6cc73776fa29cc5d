// Bundles the main process, the preload and the browser host into dist/electron.
// Native and Electron modules stay external: electron-builder rebuilds better-sqlite3-multiple-ciphers for Electron.
import { copyFile, mkdir } from 'node:fs/promises'
import { build } from 'esbuild'

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // pg-native and pg-cloudflare are optional backends of pg that the app does not use.
  external: ['electron', 'better-sqlite3-multiple-ciphers', 'pg-native', 'pg-cloudflare'],
  logLevel: 'warning',
}

await Promise.all([
  build({ ...common, entryPoints: { main: 'electron/main.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } }),
  build({ ...common, entryPoints: { preload: 'electron/preload.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' }, sourcemap: false }),
  build({ ...common, entryPoints: { serve: 'electron/host/serve.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } }),
])

// The receipt font ships with the app: Chinese must print on machines without CJK fonts.
const fonts = 'node_modules/@expo-google-fonts/noto-sans-sc'
await mkdir('dist/fonts', { recursive: true })
await copyFile(`${fonts}/400Regular/NotoSansSC_400Regular.ttf`, 'dist/fonts/NotoSansSC-Regular.ttf')
await copyFile(`${fonts}/700Bold/NotoSansSC_700Bold.ttf`, 'dist/fonts/NotoSansSC-Bold.ttf')
await copyFile(`${fonts}/LICENSE_FONT`, 'dist/fonts/LICENSE-NotoSansSC.txt')
// HarfBuzz subsets it for each receipt (electron/print/font-subsetter.ts).
await copyFile('node_modules/harfbuzzjs/dist/harfbuzz-subset.wasm', 'dist/fonts/harfbuzz-subset.wasm')
await copyFile('node_modules/harfbuzzjs/LICENSE', 'dist/fonts/LICENSE-harfbuzzjs.txt')

import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { builtinModules } from 'node:module'

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.renderer.json', './tsconfig.e2e.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // A focused test (`.only`) runs alone and lets the rest of the suite pass unseen.
    files: ['tests/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='only'][object.name=/^(it|test|describe|suite|bench)$/]",
          message: 'No focused tests: remove .only before committing.',
        },
        {
          selector: "MemberExpression[property.name='only'][object.type='MemberExpression'][object.object.name=/^(it|test|describe)$/]",
          message: 'No focused tests: remove .only before committing.',
        },
      ],
    },
  },
  {
    // shared/ runs on both sides: no Node, no DOM, no Electron.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...nodeModules, 'electron', 'react', 'better-sqlite3-multiple-ciphers', 'kysely'], patterns: ['../electron/*', '../renderer/*', '../../electron/*', '../../renderer/*'] }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'location', 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    // The renderer is a sandboxed web page: it never reaches into the main process.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The classic rules; the React Compiler's rules assume a compiler this app does not use.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { paths: [...nodeModules, 'electron', 'better-sqlite3-multiple-ciphers', 'kysely'], patterns: ['**/electron/**', '../electron', '../../electron'] }],
    },
  },
  {
    // Only the window, the preload and the printer adapter may import Electron.
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/print/electron-printer.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron'] }],
    },
  },
  // The main process in layers, each importing only downwards (README «代码结构»):
  // transports (main, menu, preload, host/) → core (core, core-host) → handlers (rpc/, services/*/handlers)
  // → services (services/, print/, live/) → repositories (db/). The call context (rpc/context) is
  // the one module of the handler layer a service may use: every service method takes it.
  ...layers([
    { files: ['electron/db/**/*.ts'], above: ['services', 'print', 'live', 'rpc', 'host', 'core', 'transports'], name: 'a repository' },
    { files: ['electron/services/**/*.ts', 'electron/print/**/*.ts', 'electron/live/**/*.ts'], ignores: ['electron/services/*/handlers.ts', 'electron/print/electron-printer.ts'], above: ['rpc', 'host', 'core', 'transports'], name: 'a service' },
    // The printer adapter is a service that may import Electron.
    { files: ['electron/print/electron-printer.ts'], above: ['rpc', 'host', 'core', 'transports'], name: 'a service', electron: true },
    { files: ['electron/rpc/**/*.ts', 'electron/services/*/handlers.ts'], above: ['host', 'core', 'transports'], name: 'a handler' },
    { files: ['electron/core.ts', 'electron/core-host.ts'], above: ['host', 'transports'], name: 'the core' },
  ]),
)

/** What each layer name matches in an import path (a relative path inside electron/). */
function layers(rules) {
  // shared/ is below both sides: an import of it never counts.
  const inElectron = String.raw`^(?!(\.\./)+shared/)(.*/)?`
  const matchers = {
    services: `${inElectron}services/`,
    print: `${inElectron}print/`,
    live: `${inElectron}live/`,
    // The call context is the handler layer's one module that services use.
    rpc: `${inElectron}rpc/(?!context$)`,
    host: `${inElectron}host/`,
    core: `${inElectron}(core|core-host)$`,
    transports: `${inElectron}(main|menu|preload)$`,
  }
  return rules.map(({ files, ignores, above, name, electron = false }) => ({
    files,
    ...(ignores === undefined ? {} : { ignores }),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electron ? [] : ['electron'],
          patterns: above.map((layer) => ({ regex: matchers[layer], message: `${name} must not import from the ${layer} layer above it (README «代码结构»).` })),
        },
      ],
    },
  }))
}

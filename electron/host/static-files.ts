import { readFile } from 'node:fs/promises'
import { extname, normalize, resolve, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.json': 'application/json; charset=utf-8',
}

/** Reads a file of the built renderer; null when the path leaves the folder or does not exist. */
export async function readStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const base = resolve(root)
  const file = resolve(base, normalize(`.${decoded}`))
  if (file !== base && !file.startsWith(base + sep)) return null
  try {
    const body = await readFile(file)
    return { body, type: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' }
  } catch {
    return null
  }
}

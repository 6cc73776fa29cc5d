export interface Catalogue {
  readonly [key: string]: string | Catalogue
}

/** The same keys as a catalogue, each leaf any string: what a translation must provide. */
export type SameKeys<T> = { readonly [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> }

/** Looks up a dotted key and fills {{name}} placeholders; an unknown key returns itself. */
export function translate(
  catalogue: Catalogue,
  key: string,
  params: Record<string, string | number> = {},
): string {
  let node: string | Catalogue | undefined = catalogue
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return key
    node = node[part]
  }
  if (typeof node !== 'string') return key
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''))
}

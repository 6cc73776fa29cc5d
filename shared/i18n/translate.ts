export interface Catalogue {
  readonly [key: string]: string | Catalogue
}

/** The same keys as a catalogue, each leaf any string: what a translation must provide. */
export type SameKeys<T> = { readonly [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> }

/** Every dotted path to a string in a catalogue, e.g. 'app.title' | 'case.status.accepted' | … */
export type CatalogueKey<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${CatalogueKey<T[K]>}`
}[keyof T & string]

/**
 * Looks up a dotted key and fills {{name}} placeholders; an unknown key returns itself. The key is
 * any string because some arrive at run time (a zod message, a refusal's key): a key written in
 * the code goes through `zhText`, which the compiler checks.
 */
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

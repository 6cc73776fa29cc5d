import { readFile } from 'node:fs/promises'

/** The few exports of HarfBuzz's subsetting build (harfbuzzjs/dist/harfbuzz-subset.wasm) used here. */
interface HarfBuzz {
  memory: { buffer: ArrayBuffer }
  _initialize(): void
  malloc(bytes: number): number
  free(pointer: number): void
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number
  hb_blob_destroy(blob: number): void
  hb_blob_get_data(blob: number, length: number): number
  hb_blob_get_length(blob: number): number
  hb_face_create(blob: number, index: number): number
  hb_face_destroy(face: number): void
  hb_face_reference_blob(face: number): number
  hb_set_add(set: number, value: number): void
  hb_set_clear(set: number): void
  hb_set_invert(set: number): void
  hb_subset_input_create_or_fail(): number
  hb_subset_input_destroy(input: number): void
  hb_subset_input_get_flags(input: number): number
  hb_subset_input_set_flags(input: number, flags: number): void
  hb_subset_input_set(input: number, which: number): number
  hb_subset_input_unicode_set(input: number): number
  hb_subset_or_fail(face: number, input: number): number
}

/** Node's WebAssembly, which the node-only type library leaves undeclared. */
const { WebAssembly: wasm } = globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Uint8Array): Promise<{ instance: { exports: unknown } }> }
}

const HB_MEMORY_MODE_WRITABLE = 2
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6
const HB_SUBSET_FLAGS_NO_HINTING = 0x1
const HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE = 0x200

/** Subsets one font to a text, as TrueType: every layout feature kept, no hinting, no layout closure. */
export type Subset = (text: string) => Buffer

/**
 * HarfBuzz's subsetter, with each font parsed once and kept in its memory for the life of the
 * process. Copying a 10 MB CJK font into HarfBuzz and parsing it again was nearly all of the
 * ~60 ms a receipt's subset took (subset-font does both on every call); on a face kept open a
 * receipt's glyphs take about a millisecond.
 */
export async function openSubsetter(wasmPath: string): Promise<{ font: (data: Buffer) => Subset }> {
  const { instance } = await wasm.instantiate(await readFile(wasmPath))
  const hb = instance.exports as HarfBuzz
  hb._initialize()
  // Memory can grow during a subset, which detaches earlier views: take a fresh one each time.
  const heap = () => new Uint8Array(hb.memory.buffer)

  function font(data: Buffer): Subset {
    const pointer = hb.malloc(data.byteLength)
    heap().set(data, pointer)
    const blob = hb.hb_blob_create(pointer, data.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0)
    const face = hb.hb_face_create(blob, 0)
    hb.hb_blob_destroy(blob)
    return (text) => {
      const input = hb.hb_subset_input_create_or_fail()
      if (input === 0) throw new Error('HarfBuzz could not start a subset')
      try {
        const features = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG)
        hb.hb_set_clear(features)
        hb.hb_set_invert(features)
        hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE)
        const unicodes = hb.hb_subset_input_unicode_set(input)
        for (const c of text) hb.hb_set_add(unicodes, c.codePointAt(0) ?? 0)
        const subset = hb.hb_subset_or_fail(face, input)
        if (subset === 0) throw new Error('HarfBuzz could not subset the receipt font')
        const result = hb.hb_face_reference_blob(subset)
        const offset = hb.hb_blob_get_data(result, 0)
        const bytes = Buffer.from(heap().slice(offset, offset + hb.hb_blob_get_length(result)))
        hb.hb_blob_destroy(result)
        hb.hb_face_destroy(subset)
        if (bytes.length === 0) throw new Error('HarfBuzz made an empty subset of the receipt font')
        return bytes
      } finally {
        hb.hb_subset_input_destroy(input)
      }
    }
  }

  return { font }
}

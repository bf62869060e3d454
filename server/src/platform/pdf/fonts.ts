import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

// Noto Sans SC (SIL Open Font License 1.1, from @expo-google-fonts/noto-sans-sc; see
// server/assets/fonts/README.md): Latin and CJK in one face, so labels and values in either script
// are drawn for real. Each PDF embeds only the glyphs it uses, cut out of the 10 MB face by
// HarfBuzz's subsetter (harfbuzzjs, WebAssembly): pdf-lib's own subsetting (fontkit 1.x) drops
// most glyphs of this face. The faces are read and handed to HarfBuzz once per process, and every
// PDF the hub draws (trade documents, the statistics white paper) shares them.
export type PdfFaceName = 'regular' | 'bold';
export type PdfFace = {
  /** The whole face parsed by fontkit: advance widths and the characters it can draw. */
  metrics: ReturnType<typeof fontkit.create>;
  characters: ReadonlySet<number>;
  /** The HarfBuzz face (a pointer into the subsetter's memory), kept for the process's life. */
  hbFace: number;
};

type HbExports = {
  memory: { buffer: ArrayBuffer };
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
};

const require = createRequire(import.meta.url);
const fontFiles: Record<PdfFaceName, string> = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
};
// HB_MEMORY_MODE_READONLY: HarfBuzz reads the face where it lies and never writes it.
const HB_MEMORY_MODE_READONLY = 1;

let harfbuzz: Promise<HbExports> | undefined;
let faces: Promise<Record<PdfFaceName, PdfFace>> | undefined;

const loadHarfbuzz = async (): Promise<HbExports> => {
  const wasm = readFileSync(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
  // The server's TypeScript libraries leave WebAssembly untyped; Node has it built in.
  const { WebAssembly: wasmApi } = globalThis as unknown as {
    WebAssembly: { instantiate(bytes: Uint8Array): Promise<{ instance: { exports: unknown } }> };
  };
  const { instance } = await wasmApi.instantiate(wasm);
  // The module's exports are the HarfBuzz C API (see the harfbuzzjs package).
  return instance.exports as unknown as HbExports;
};

const loadFace = async (hb: HbExports, specifier: string): Promise<PdfFace> => {
  const bytes = new Uint8Array(readFileSync(require.resolve(specifier)));
  const metrics = fontkit.create(bytes);
  const pointer = hb.malloc(bytes.byteLength);
  new Uint8Array(hb.memory.buffer).set(bytes, pointer);
  const blob = hb.hb_blob_create(pointer, bytes.byteLength, HB_MEMORY_MODE_READONLY, 0, 0);
  const hbFace = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  return { metrics, characters: new Set(metrics.characterSet), hbFace };
};

/** The regular and bold faces, read once per process. */
export const loadPdfFaces = (): Promise<Record<PdfFaceName, PdfFace>> => {
  harfbuzz ??= loadHarfbuzz();
  faces ??= harfbuzz.then(async (hb) => ({
    regular: await loadFace(hb, fontFiles.regular),
    bold: await loadFace(hb, fontFiles.bold),
  }));
  return faces;
};

/** Reads the embedded fonts now rather than on the first PDF (start-up, benchmarks). */
export const preloadPdfFonts = async (): Promise<void> => {
  await loadPdfFaces();
};

/** A TrueType font with just the glyphs of `characters` (and what their lookups reach). */
export const subsetPdfFace = async (face: PdfFace, characters: ReadonlySet<number>): Promise<Uint8Array> => {
  const hb = await (harfbuzz ?? loadHarfbuzz());
  const input = hb.hb_subset_input_create_or_fail();
  const unicodes = hb.hb_subset_input_unicode_set(input);
  for (const code of characters) {
    hb.hb_set_add(unicodes, code);
  }
  const subset = hb.hb_subset_or_fail(face.hbFace, input);
  hb.hb_subset_input_destroy(input);
  if (subset === 0) {
    throw new Error('HarfBuzz could not subset the PDF font');
  }
  const blob = hb.hb_face_reference_blob(subset);
  const data = hb.hb_blob_get_data(blob, 0);
  const length = hb.hb_blob_get_length(blob);
  // Copied out before anything else runs in the module: its memory may grow and move.
  const bytes = new Uint8Array(hb.memory.buffer, data, length).slice();
  hb.hb_blob_destroy(blob);
  hb.hb_face_destroy(subset);
  return bytes;
};

/**
 * fontkit as pdf-lib uses it, but laying text out one character to one glyph with its advance:
 * CJK and Latin need no shaping, and the face's GSUB would swap digits for alternates whose
 * widths pdf-lib then records wrongly.
 */
export const unshapedFontkit = {
  create: (bytes: Uint8Array) => {
    const font = fontkit.create(bytes);
    return new Proxy(font, {
      get(target, property) {
        if (property === 'layout') {
          return (text: string) => {
            const glyphs = [...text].map((c) => target.glyphForCodePoint(c.codePointAt(0) ?? 0));
            return {
              glyphs,
              positions: glyphs.map((g) => ({
                xAdvance: g.advanceWidth,
                yAdvance: 0,
                xOffset: 0,
                yOffset: 0,
              })),
            };
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  },
} as unknown as typeof fontkit;

/**
 * Embeds `face` in `pdf` cut down to `characters` (undefined when none are used), with the
 * unshaped layout above registered on the document.
 */
export const embedSubsetFace = async (
  pdf: PDFDocument,
  face: PdfFace,
  characters: ReadonlySet<number>,
): Promise<PDFFont | undefined> => {
  if (characters.size === 0) {
    return undefined;
  }
  pdf.registerFontkit(unshapedFontkit);
  return pdf.embedFont(await subsetPdfFace(face, characters), { subset: false });
};

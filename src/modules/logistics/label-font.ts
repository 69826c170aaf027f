// The CJK font of parcel labels (labels.ts): Noto Sans SC from the npm registry, never a system
// font. Read and parsed once per process, handed to pdf-lib already parsed, and subset intact.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type ParsedFont = ReturnType<Fontkit['create']>;

export interface CjkFont {
  bytes: Uint8Array;
  /** Hands pdf-lib the font we already parsed: parsing 10 MB costs more than a whole label. */
  fontkit: Fontkit;
  /** Advance width in em of a code point, cached: measuring runs in every wrap loop. */
  advance: (codePoint: number) => number;
}

let cjkFont: CjkFont | undefined;

export function loadCjkFont(): CjkFont {
  if (cjkFont) return cjkFont;
  const file = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
  const bytes = new Uint8Array(readFileSync(file));
  const parsed: ParsedFont = fontkit.create(bytes);
  forceLongLoca(parsed);
  // Chinese and Latin need no shaping: one glyph per character, as the cmap says. fontkit's
  // OpenType layout (GSUB/GPOS) was a fifth of the time per label, and without it (no
  // kerning either) the widths we measure from the cmap are exactly the widths drawn.
  parsed.layout = ((text: string) => ({ glyphs: parsed.glyphsForString(text) })) as unknown as ParsedFont['layout'];
  const widths = new Map<number, number>();
  // A fontkit font keeps no per-document state: each embedding makes its own subset
  // (createSubset), so one parsed font serves every document.
  const shared: Fontkit = { create: (b: Uint8Array, name?: string) => (b === bytes ? parsed : fontkit.create(b, name)) };
  const advance = (cp: number): number => {
    let w = widths.get(cp);
    if (w === undefined) {
      w = parsed.glyphForCodePoint(cp).advanceWidth / parsed.unitsPerEm;
      widths.set(cp, w);
    }
    return w;
  };
  cjkFont = { bytes, fontkit: shared, advance };
  return cjkFont;
}

/**
 * Why subsetting "garbles" CJK fonts: fontkit's TTFSubset copies each glyph's bytes as they
 * are and, when the subset is under 64 kB, writes a short `loca` table, which stores offsets
 * halved. Noto Sans SC has odd-length glyphs (as, probably, has the DroidSansFallback the
 * engineering guide mentions), so every glyph after an odd one lands a byte early and draws
 * as nothing or garbage, while the text still extracts (ToUnicode is fine). Keeping the
 * subset's `loca` in the long format (as the full font has it; 2 bytes more per glyph)
 * keeps every offset exact. TTFSubset.encode assigns a fresh `this.loca = { offsets }` and
 * picks a format only when `version` is unset, so we set it on assignment.
 */
function forceLongLoca(font: ParsedFont): void {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset();
    let loca: { version?: number } | undefined;
    Object.defineProperty(subset, 'loca', {
      configurable: true,
      get: () => loca,
      set: (value: { version?: number }) => {
        value.version = 1;
        loca = value;
      },
    });
    return subset;
  };
}

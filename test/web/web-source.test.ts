// The web apps' source rules: translations complete in both languages (every API error code
// included), no Chinese or English text written into components, and the typed client's
// schema generated from the server as it is now.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/kernel/errors.ts';
import { ROOT } from '../support/cli.ts';

const WEB = join(ROOT, 'web');
const LOCALES = join(WEB, 'locales');

function files(dir: string, keep: (f: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (name === 'dist' || name === 'node_modules') return [];
    return statSync(full).isDirectory() ? files(full, keep) : keep(full) ? [full] : [];
  });
}

/** Dotted paths of every string in a resource file. */
function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj === 'string') return [prefix];
  if (obj && typeof obj === 'object') return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  return [`${prefix}:<not a string>`];
}

const namespaces = readdirSync(join(LOCALES, 'en')).filter((f) => f.endsWith('.json'));
const load = (lng: string, ns: string) => JSON.parse(readFileSync(join(LOCALES, lng, ns), 'utf8'));

describe('translations', () => {
  it('both languages have the same namespaces', () => {
    expect(readdirSync(join(LOCALES, 'zh-CN')).sort()).toEqual(namespaces.sort());
    expect(namespaces).toEqual(expect.arrayContaining(['common.json', 'errors.json', 'storefront.json', 'merchant.json', 'operator.json']));
  });

  it.each(namespaces)('%s has the same keys in zh-CN and en, none empty', (ns) => {
    const en = load('en', ns);
    const zh = load('zh-CN', ns);
    expect(keys(zh).sort()).toEqual(keys(en).sort());
    for (const k of keys(en)) expect(k).not.toContain('<not a string>');
  });

  it('every API error code has a message in both languages', () => {
    for (const lng of ['en', 'zh-CN']) {
      const errors = load(lng, 'errors.json');
      const missing = Object.keys(ERROR_CODES).filter((c) => typeof errors[c] !== 'string' || !errors[c].trim());
      expect(missing, `${lng}/errors.json`).toEqual([]);
    }
  });

  it('the Chinese texts are Chinese', () => {
    for (const ns of namespaces) {
      const zh = load('zh-CN', ns);
      const flat = keys(zh).map((k) => k.split('.').reduce((o, p) => o[p], zh) as string);
      const han = flat.filter((s) => /\p{Script=Han}/u.test(s)).length;
      // Brand names, codes and units may stay as they are; most strings must be translated.
      expect(han / flat.length, `zh-CN/${ns}`).toBeGreaterThan(0.6);
    }
  });
});

describe('components', () => {
  const sources = files(
    WEB,
    (f) => /\.(tsx?|mts)$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.test.ts') && !f.includes('vite.config'),
  );

  it('have no Chinese text written in', () => {
    const offenders = sources.filter((f) => /\p{Script=Han}/u.test(readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('have no English text in JSX or in user-facing attributes', () => {
    const found: string[] = [];
    for (const f of sources.filter((s) => s.endsWith('.tsx'))) {
      const text = readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      // Text between tags on one line: `>Add to cart<` (not an arrow's `=> Promise<T>`).
      for (const m of text.matchAll(/(?<![=-])>\s*([A-Za-z][A-Za-z ,.'!?-]{2,})\s*</g)) found.push(`${relative(ROOT, f)}: ${m[1]}`);
      for (const m of text.matchAll(/\b(?:placeholder|title|alt|aria-label)="([^"]*[A-Za-z]{2,}[^"]*)"/g))
        found.push(`${relative(ROOT, f)}: ${m[0]}`);
    }
    expect(found).toEqual([]);
  });
});

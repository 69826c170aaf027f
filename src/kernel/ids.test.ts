import { describe, expect, it } from 'vitest';
import { ID_PREFIXES, isId, newId } from './ids.ts';

describe('ids', () => {
  it.each(Object.entries(ID_PREFIXES))('%s ids carry the %s_ prefix and validate as that kind only', (kind, prefix) => {
    const id = newId(kind as keyof typeof ID_PREFIXES);
    expect(id).toMatch(new RegExp(`^${prefix}_[0-9a-hjkmnp-tv-z]{26}$`));
    expect(isId(kind as keyof typeof ID_PREFIXES, id)).toBe(true);
    const other = kind === 'merchant' ? 'order' : 'merchant';
    expect(isId(other, id)).toBe(false);
  });

  it('sort by creation time as plain strings (what cursor pagination relies on)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(newId('order'));
      await new Promise((r) => setTimeout(r, 2));
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(5);
  });

  it.each([
    '',
    'mer_',
    'mer_123',
    'MER_01h455vb4pex5vsknk084sn02q',
    'mer_01h455vb4pex5vsknk084sn02q; drop table',
    'mer-01h455vb4pex5vsknk084sn02q',
  ])('rejects malformed %j', (s) => {
    expect(isId('merchant', s)).toBe(false);
  });
});

// Catalog and inventory fixtures, made through the API the way a merchant would.
import sharp from 'sharp';
import { call } from './http.ts';
import type { TestPlatform } from './platform.ts';

let sku = 0;
export const uniqueSku = (tag = 'SKU') => `${tag}-${Date.now().toString(36)}-${sku++}`.toUpperCase();

/** A product body that passes every listing check (natural honey, on the positive list). */
export function listableProduct(overrides: Record<string, unknown> = {}, variant: Record<string, unknown> = {}) {
  return {
    brand: 'Manuka Bay',
    category: 'honey',
    country_of_origin: 'NZ',
    shelf_life_days: 1095,
    text: {
      en: { name: 'Manuka Honey UMF 10+ 250g', description: 'Raw monofloral manuka honey from the East Cape.' },
      'zh-Hans': { name: '麦卢卡蜂蜜 UMF 10+ 250克', description: '来自新西兰东角的天然单花麦卢卡蜂蜜。' },
    },
    variants: [
      {
        sku: uniqueSku('HNY'),
        gtin: '9400000000016',
        options: { size: '250g' },
        hs_code: '0409000000',
        tax_class: 'agricultural',
        declared_unit: '035',
        declared_quantity: '0.25',
        net_weight_g: 250,
        gross_weight_g: 420,
        dimensions_mm: { length: 70, width: 70, height: 95 },
        price: { amount: '3990', currency: 'AUD' },
        ...variant,
      },
    ],
    ...overrides,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: responses are read loosely in tests
export async function createProduct(p: TestPlatform, token: string, body: unknown = listableProduct()): Promise<any> {
  const r = await call(p, 'POST', '/v1/products', { token, body });
  if (r.status !== 201) throw new Error(`product create failed: ${r.status} ${r.raw}`);
  return r.body;
}

// biome-ignore lint/suspicious/noExplicitAny: responses are read loosely in tests
export async function activate(p: TestPlatform, token: string, id: string): Promise<any> {
  const r = await call(p, 'POST', `/v1/products/${id}/activate`, { token, body: {} });
  if (r.status !== 200) throw new Error(`activate failed: ${r.status} ${r.raw}`);
  return r.body;
}

export async function createWarehouse(p: TestPlatform, token: string, name = 'Auckland DC'): Promise<string> {
  const r = await call(p, 'POST', '/v1/locations', { token, body: { name, country: 'NZ', city: 'Auckland' } });
  if (r.status !== 201) throw new Error(`location create failed: ${r.status} ${r.raw}`);
  return r.body.id;
}

export async function createBonded(p: TestPlatform, operator: string, name = 'Hangzhou Bonded'): Promise<string> {
  const r = await call(p, 'POST', '/v1/locations', {
    token: operator,
    body: { name, country: 'CN', city: 'Hangzhou', customs_code: '2991' },
  });
  if (r.status !== 201) throw new Error(`bonded location create failed: ${r.status} ${r.raw}`);
  return r.body.id;
}

/** Receive units; returns the stock level. */
// biome-ignore lint/suspicious/noExplicitAny: responses are read loosely in tests
export async function receive(p: TestPlatform, token: string, variantId: string, locationId: string, quantity: number): Promise<any> {
  const r = await call(p, 'POST', '/v1/stock-movements', {
    token,
    body: { kind: 'receipt', variant_id: variantId, location_id: locationId, quantity },
  });
  if (r.status !== 201) throw new Error(`receipt failed: ${r.status} ${r.raw}`);
  return r.body.stock_level;
}

/** A real PNG of the given size (a gradient, so it is not trivially compressible). */
export async function pngImage(width = 640, height = 480): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    raw[i * 3] = i % 256;
    raw[i * 3 + 1] = (i >> 8) % 256;
    raw[i * 3 + 2] = 128;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

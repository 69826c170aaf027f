// Product images through the HTTP API: raw-body uploads checked with sharp, WebP
// thumbnails, public serving with immutable cache headers and ETags, removal of the row
// and the files. Files live under DATA_DIR/media/images/<id>/ (the test platform's
// DATA_DIR, even though its database is in memory or on PostgreSQL).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createMerchant, type MerchantFixture, operatorToken } from '../support/http.ts';
import { activate, createProduct, pngImage } from '../support/catalog.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let m: MerchantFixture;
let other: MerchantFixture;
let png: Buffer;
beforeAll(async () => {
  p = await startPlatform();
  const op = await operatorToken(p);
  m = await createMerchant(p, op);
  other = await createMerchant(p, op, 'Other Honey');
  png = await pngImage(640, 480);
});
afterAll(() => p.close());

const dirOf = (id: string) => join(p.rt.config.dataDir, 'media', 'images', id);

function upload(productId: string, body: Buffer, contentType: string, o: { token?: string; query?: string } = {}) {
  return call(p, 'POST', `/v1/products/${productId}/images${o.query ?? ''}`, {
    token: o.token ?? m.apiKey,
    rawBody: body,
    headers: { 'content-type': contentType },
  });
}

/** GET an image URL without credentials, keeping the body as bytes. */
async function fetchImage(url: string, headers: Record<string, string> = {}) {
  const res = await p.app.inject({ method: 'GET', url, headers });
  return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
}

describe('uploading', () => {
  it('a PNG → 201 with its size, bytes, alt text and URLs; stored on disk; listed on the product', async () => {
    const prod = await createProduct(p, m.apiKey);
    const r = await upload(prod.id, png, 'image/png', {
      query: `?alt_en=${encodeURIComponent('Jar front')}&alt_zh=${encodeURIComponent('正面')}`,
    });
    expect(r.status, r.raw).toBe(201);
    const id = r.body.id as string;
    expect(id).toMatch(/^img_/);
    expect(r.body).toEqual({
      id,
      object: 'image',
      position: 0,
      content_type: 'image/png',
      width: 640,
      height: 480,
      bytes: png.length,
      alt: { en: 'Jar front', 'zh-Hans': '正面' },
      urls: { original: `/v1/images/${id}/original`, w200: `/v1/images/${id}/w200`, w800: `/v1/images/${id}/w800` },
    });
    expect(readFileSync(join(dirOf(id), 'original')).equals(png)).toBe(true);
    const second = await upload(prod.id, await pngImage(300, 300), 'image/png');
    expect(second.body.position).toBe(1);
    const read = await call(p, 'GET', `/v1/products/${prod.id}`, { token: m.apiKey });
    expect(read.body.images.map((i: { id: string }) => i.id)).toEqual([id, second.body.id]);
    expect(read.body.images[0]).toEqual(r.body);
  });

  it('a JPEG as image/jpeg is accepted and served back as image/jpeg', async () => {
    const prod = await createProduct(p, m.apiKey);
    const jpeg = await sharp(png).jpeg().toBuffer();
    const r = await upload(prod.id, jpeg, 'image/jpeg');
    expect(r.status, r.raw).toBe(201);
    expect(r.body).toMatchObject({ content_type: 'image/jpeg', width: 640, height: 480, bytes: jpeg.length });
    const original = await fetchImage(r.body.urls.original);
    expect(original.headers['content-type']).toBe('image/jpeg');
    expect(original.body.equals(jpeg)).toBe(true);
  });

  it('EXIF orientation is honoured: a 300×600 JPEG rotated 90° is 600×300, and so is its thumbnail', async () => {
    const prod = await createProduct(p, m.apiKey);
    const jpeg = await sharp(await pngImage(300, 600))
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const r = await upload(prod.id, jpeg, 'image/jpeg');
    expect(r.status, r.raw).toBe(201);
    expect(r.body).toMatchObject({ width: 600, height: 300 });
    const thumb = await sharp((await fetchImage(r.body.urls.w200)).body).metadata();
    expect({ width: thumb.width, height: thumb.height }).toEqual({ width: 200, height: 100 });
  });

  it.each<[string, number, string, string, () => Promise<Buffer>]>([
    ['a 100×100 PNG (too small)', 400, 'invalid_image', 'image/png', () => pngImage(100, 100)],
    ['a 640×150 PNG (too short)', 400, 'invalid_image', 'image/png', () => pngImage(640, 150)],
    ['text sent as image/png', 400, 'invalid_image', 'image/png', async () => Buffer.from('this is not an image, honest')],
    ['a JPEG sent as image/png', 400, 'invalid_image', 'image/png', async () => sharp(png).jpeg().toBuffer()],
    ['a GIF', 415, 'unsupported_media_type', 'image/gif', async () => sharp(png).gif().toBuffer()],
  ])('%s → %i %s, and the product has no image', async (_name, status, code, contentType, make) => {
    const prod = await createProduct(p, m.apiKey);
    const r = await upload(prod.id, await make(), contentType);
    expect(r.status, r.raw).toBe(status);
    expect(r.body.error.code).toBe(code);
    if (code === 'invalid_image') expect(r.body.error.param).toBe('image');
    expect((await call(p, 'GET', `/v1/products/${prod.id}`, { token: m.apiKey })).body.images).toEqual([]);
  });

  it('another merchant’s product → 404; an archived product → 409; neither gets an image', async () => {
    const prod = await createProduct(p, m.apiKey);
    const foreign = await upload(prod.id, png, 'image/png', { token: other.apiKey });
    expect(foreign.status, foreign.raw).toBe(404);
    await activate(p, m.apiKey, prod.id);
    expect((await call(p, 'POST', `/v1/products/${prod.id}/archive`, { token: m.apiKey, body: {} })).status).toBe(200);
    const archived = await upload(prod.id, png, 'image/png');
    expect(archived.status, archived.raw).toBe(409);
    expect(archived.body.error.code).toBe('invalid_state');
    expect((await call(p, 'GET', `/v1/products/${prod.id}`, { token: m.apiKey })).body.images).toEqual([]);
  });

  it('at most 12 images per product, also when the last ones arrive at once', async () => {
    const prod = await createProduct(p, m.apiKey);
    const small = await pngImage(200, 200);
    for (let i = 0; i < 9; i++) expect((await upload(prod.id, small, 'image/png')).status).toBe(201);
    const race = await Promise.all(Array.from({ length: 6 }, () => upload(prod.id, small, 'image/png')));
    expect(race.map((r) => r.status).sort()).toEqual([201, 201, 201, 400, 400, 400]);
    const r = await upload(prod.id, small, 'image/png');
    expect(r.status, r.raw).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'invalid_request', param: 'image' });
    expect((await call(p, 'GET', `/v1/products/${prod.id}`, { token: m.apiKey })).body.images).toHaveLength(12);
  });
});

describe('serving and removing', () => {
  let productId: string;
  let image: { id: string; urls: Record<'original' | 'w200' | 'w800', string> };
  beforeAll(async () => {
    productId = (await createProduct(p, m.apiKey)).id;
    const r = await upload(productId, png, 'image/png');
    if (r.status !== 201) throw new Error(`upload failed: ${r.status} ${r.raw}`);
    image = r.body;
  });

  it.each([
    ['original', 'image/png'],
    ['w200', 'image/webp'],
    ['w800', 'image/webp'],
  ] as const)('%s is public, %s, cached for good, and answers If-None-Match with 304', async (size, type) => {
    const r = await fetchImage(image.urls[size]);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(type);
    const cache = String(r.headers['cache-control']);
    expect(cache).toContain('immutable');
    expect(cache).toMatch(/max-age=\d{6,}/);
    const etag = String(r.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(r.body.length).toBeGreaterThan(0);
    const meta = await sharp(r.body).metadata();
    expect(meta.format).toBe(size === 'original' ? 'png' : 'webp');

    const again = await fetchImage(image.urls[size], { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const stale = await fetchImage(image.urls[size], { 'if-none-match': '"something-else"' });
    expect(stale.status).toBe(200);
  });

  it('thumbnails fit their width without enlarging; each size has its own ETag', async () => {
    const [original, w200, w800] = await Promise.all([
      fetchImage(image.urls.original),
      fetchImage(image.urls.w200),
      fetchImage(image.urls.w800),
    ]);
    expect(original.body.equals(png)).toBe(true);
    const small = await sharp(w200.body).metadata();
    expect(small.width).toBeLessThanOrEqual(200);
    expect({ width: small.width, height: small.height }).toEqual({ width: 200, height: 150 });
    const large = await sharp(w800.body).metadata();
    expect({ width: large.width, height: large.height }).toEqual({ width: 640, height: 480 });
    expect(new Set([original.headers.etag, w200.headers.etag, w800.headers.etag]).size).toBe(3);
  });

  it('an unknown size → 400 naming size; an unknown image → 404', async () => {
    const size = await call(p, 'GET', `/v1/images/${image.id}/w400`);
    expect(size.status, size.raw).toBe(400);
    expect(size.body.error).toMatchObject({ code: 'invalid_request', param: 'size' });
    const unknown = await call(p, 'GET', '/v1/images/img_01jdx8qz7pf2v3r5s6t7w8y9za/original');
    expect(unknown.status, unknown.raw).toBe(404);
    expect((await call(p, 'GET', '/v1/images/not-an-id/original')).status).toBe(404);
  });

  it('another merchant cannot remove it (404); the owner can: URLs 404, files gone, product no longer lists it', async () => {
    const keep = await upload(productId, await pngImage(300, 300), 'image/png');
    expect(keep.status).toBe(201);
    const url = `/v1/products/${productId}/images/${image.id}`;
    expect((await call(p, 'DELETE', url, { token: other.apiKey })).status).toBe(404);
    expect(existsSync(dirOf(image.id))).toBe(true);

    const r = await call(p, 'DELETE', url, { token: m.apiKey });
    expect(r.status, r.raw).toBe(200);
    expect(r.body).toEqual({ id: image.id, object: 'image', deleted: true });
    for (const u of Object.values(image.urls)) expect((await fetchImage(u)).status).toBe(404);
    expect(existsSync(dirOf(image.id))).toBe(false);
    const prod = await call(p, 'GET', `/v1/products/${productId}`, { token: m.apiKey });
    expect(prod.body.images.map((i: { id: string }) => i.id)).toEqual([keep.body.id]);
    expect((await fetchImage(keep.body.urls.original)).status).toBe(200);
    expect((await call(p, 'DELETE', url, { token: m.apiKey })).status).toBe(404);
  });
});

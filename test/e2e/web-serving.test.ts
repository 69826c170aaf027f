// The web apps from the API's server (src/kernel/http/web.ts): built files, hashed assets cached
// for good, every other path of an app answered with that app's index.html (deep links), and
// the API's own paths still answering JSON errors.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appHtmlFor, registerWeb } from '../../src/kernel/http/web.ts';
import { call } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

describe('appHtmlFor', () => {
  it.each([
    ['/', 'index.html'],
    ['/search', 'index.html'],
    ['/products/prod_1', 'index.html'],
    ['/merchant', 'merchant/index.html'],
    ['/merchant/orders/ord_1', 'merchant/index.html'],
    ['/merchants', 'index.html'],
    ['/operator/jobs', 'operator/index.html'],
  ])('%s → %s', (path, html) => expect(appHtmlFor(path)).toBe(html));
});

describe('a built web/dist', () => {
  let dist: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'tasman-web-'));
    mkdirSync(join(dist, 'assets'));
    mkdirSync(join(dist, 'merchant'));
    mkdirSync(join(dist, 'operator'));
    writeFileSync(join(dist, 'index.html'), '<p>storefront</p>');
    writeFileSync(join(dist, 'merchant/index.html'), '<p>merchant</p>');
    writeFileSync(join(dist, 'operator/index.html'), '<p>operator</p>');
    writeFileSync(join(dist, 'assets/app-abc123.js'), 'console.log(1)');
    writeFileSync(join(dist, 'secret.txt'), 'inside dist only');
    writeFileSync(join(tmpdir(), 'tasman-web-outside.txt'), 'outside');
    app = Fastify();
    await registerWeb(app, dist);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves each app’s index.html for its paths, never cached', async () => {
    for (const [url, body] of [
      ['/', 'storefront'],
      ['/cart', 'storefront'],
      ['/merchant/products/new', 'merchant'],
      ['/operator/', 'operator'],
    ]) {
      const r = await app.inject({ url: url as string });
      expect(r.statusCode, url).toBe(200);
      expect(r.body, url).toContain(body);
      expect(r.headers['content-type'], url).toMatch(/text\/html/);
      expect(r.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('serves hashed assets with a year of immutable caching', async () => {
    const r = await app.inject({ url: '/assets/app-abc123.js' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('console.log(1)');
    expect(r.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
  });

  it('never serves a file outside web/dist', async () => {
    const r = await app.inject({ url: '/../tasman-web-outside.txt' });
    expect(r.body).not.toContain('outside');
    const encoded = await app.inject({ url: '/%2e%2e/tasman-web-outside.txt' });
    expect(encoded.body).not.toContain('outside');
  });
});

describe('on the platform', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startPlatform();
  });
  afterAll(async () => {
    await p?.close();
  });

  it('an unknown API path is still the JSON route_not_found, not a web page', async () => {
    for (const url of ['/v1/nope', '/v1/orders/x/nope', '/docs-nope']) {
      const r = await call(p, 'GET', url);
      expect(r.status, url).toBe(404);
      expect(r.body.error.code, url).toBe('route_not_found');
    }
  });

  it('a POST to a web path is the JSON route_not_found', async () => {
    const r = await call(p, 'POST', '/merchant/orders', { body: {} });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('route_not_found');
  });

  it('the web apps answer a stranger without credentials', async () => {
    const r = await call(p, 'GET', '/merchant/orders');
    expect([200, 503]).toContain(r.status);
    expect(r.headers['content-type']).toMatch(/text\/html/);
  });
});

// The server's OpenAPI document without a server: the app built on an empty in-memory database
// (routes and their schemas need no data). Used by `npm run web:api` to derive the web apps'
// typed client (packages/sdk/src/schema.d.ts, which the web apps use too) and by the test that keeps that file current.
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/kernel/config.ts';
import { openDatabase } from '../src/kernel/db/client.ts';
import { buildApp, createRuntime } from '../src/main.ts';

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const database = await openDatabase({ dataDir: 'memory://' });
  const config = loadConfig({ LOG_LEVEL: 'silent', WORKER: 'false', TASMAN_SECRET: 'openapi-document-only-0123456789abcdef' });
  const rt = await createRuntime(config, { database });
  const app = await buildApp(rt);
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await database.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await openApiDocument(), null, 2)}\n`);
}

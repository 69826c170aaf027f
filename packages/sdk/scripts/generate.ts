// packages/sdk/src/schema.d.ts from the server's OpenAPI document: the same pipeline as the web
// apps' schema (`npm run web:api`), so the SDK's types are the routes' Zod schemas. Run with
// `npm run sdk:generate`; test/e2e/sdk.test.ts fails while the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '../../../scripts/openapi.ts';
import { toTypes } from '../../../tools/openapi-types/generate.mjs';

export const SCHEMA_PATH = fileURLToPath(new URL('../src/schema.d.ts', import.meta.url));

/** The text schema.d.ts should have for the current routes. */
export async function sdkSchemaSource(): Promise<string> {
  const types = await toTypes(await openApiDocument());
  return types.replace('`npm run web:api`', '`npm run sdk:generate`');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_PATH, await sdkSchemaSource());
}

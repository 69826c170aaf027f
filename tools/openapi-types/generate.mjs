// OpenAPI document → TypeScript `paths` for openapi-fetch (web/shared/api/client.ts).
// `node tools/openapi-types/generate.mjs <openapi.json> <out.d.ts>`, or import `toTypes`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const HEADER = `// Generated from the server's OpenAPI document by \`npm run web:api\`. Do not edit:
// change the route schemas and regenerate (a test fails while this file is out of date).
`;

/** @param {Record<string, unknown>} doc */
export async function toTypes(doc) {
  const ast = await openapiTS(doc, { alphabetize: true });
  return HEADER + astToString(ast);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: generate.mjs <openapi.json> <out.d.ts>');
    process.exit(2);
  }
  writeFileSync(output, await toTypes(JSON.parse(readFileSync(input, 'utf8'))));
}

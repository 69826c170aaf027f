/** OpenAPI document → the TypeScript source of packages/sdk/src/schema.d.ts (the SDK and the web apps). */
export function toTypes(doc: Record<string, unknown>): Promise<string>;

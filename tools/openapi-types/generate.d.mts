/** OpenAPI document → the TypeScript source of web/shared/api/schema.d.ts. */
export function toTypes(doc: Record<string, unknown>): Promise<string>;

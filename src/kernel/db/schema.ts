// Every table of every context, gathered for Drizzle's relational typing and for
// drizzle-kit. Each context still owns its own tables in its own schema.ts.
export * from '../schema.ts';
export * from '../../modules/identity/schema.ts';
export * from '../../modules/merchants/schema.ts';
export * from '../../modules/catalog/schema.ts';
export * from '../../modules/inventory/schema.ts';
export * from '../../modules/payments/schema.ts';
export * from '../../modules/fx/schema.ts';
export * from '../../modules/payments/intent-schema.ts';
export * from '../../modules/logistics/schema.ts';
export * from '../../modules/logistics/shipment-schema.ts';
export * from '../../modules/orders/schema.ts';
export * from '../../modules/compliance/schema.ts';
export * from '../../modules/payments/instore/schema.ts';
export * from '../../modules/payments/settlement/schema.ts';
export * from '../../modules/imports/schema.ts';
export * from '../../modules/cloud/schema.ts';
export * from '../../modules/billing/schema.ts';

// Demo data for a fresh embedded platform: an operator and a verified shopper in China.
// Later work adds merchants and products here. Every step looks before it writes, so
// seeding twice changes nothing.
import { sql } from 'drizzle-orm';
import { type Ctx, type Runtime, systemCtx } from './kernel/context.ts';
import { shoppers, staffUsers } from './modules/identity/schema.ts';
import { createOperator, signUpShopper } from './modules/identity/service.ts';
import { getIdentity, verifyIdentity } from './modules/identity/verification.ts';

export const DEMO = {
  operator: { email: 'admin@tasman.local', name: 'Demo Operator', password: 'tasman-demo-admin', role: 'admin' as const },
  shopper: {
    email: 'shopper@tasman.local',
    name: '王小明',
    password: 'tasman-demo-shopper',
    country: 'CN' as const,
    // GB 11643-1999's own worked example number: valid checksum, belongs to no one.
    identity: { real_name: '王小明', id_number: '11010519491231002X', mobile: '13800138000' },
  },
};

export interface SeedReport {
  created: string[];
  existing: string[];
}

async function byEmail(ctx: Ctx, table: typeof staffUsers | typeof shoppers, email: string) {
  const [row] = await ctx.db.select({ id: table.id }).from(table).where(sql`lower(${table.email}) = ${email}`);
  return row?.id;
}

export async function seedDemo(rt: Runtime): Promise<SeedReport> {
  const ctx = systemCtx(rt, 'seed');
  const report: SeedReport = { created: [], existing: [] };
  const note = (what: string, created: boolean) => (created ? report.created : report.existing).push(what);

  const opId = await byEmail(ctx, staffUsers, DEMO.operator.email);
  if (!opId) await createOperator(ctx, DEMO.operator);
  note(`operator ${DEMO.operator.email}`, !opId);

  let shopperId = await byEmail(ctx, shoppers, DEMO.shopper.email);
  note(`shopper ${DEMO.shopper.email}`, !shopperId);
  if (!shopperId) shopperId = (await signUpShopper(ctx, DEMO.shopper)).id;
  const asShopper: Ctx = { ...ctx, principal: { kind: 'shopper', id: shopperId, country: 'CN', sessionId: '' } };
  const verified = await getIdentity(asShopper);
  if (!verified) await verifyIdentity(asShopper, DEMO.shopper.identity);
  note(`identity of ${DEMO.shopper.email}`, !verified);
  return report;
}

/** Whether the database has no accounts at all (a fresh start). */
export async function isEmpty(rt: Runtime): Promise<boolean> {
  const rows = await rt.database.db.select({ id: staffUsers.id }).from(staffUsers).limit(1);
  return rows.length === 0;
}

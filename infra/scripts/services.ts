/**
 * The services this repository can run, for the operational scripts (migrate, start). Adding a
 * service means one line here.
 */
import { MigrationInterface } from 'typeorm';

export interface ServiceEntry {
  name: string;
  port: number;
  /** Loaded on demand: a service's image contains only its own app, so nothing else may be imported. */
  migrations: () => Promise<(new () => MigrationInterface)[]>;
  defaultDatabaseUrl: string;
}

function entry(name: string, port: number, migrations: ServiceEntry['migrations']): ServiceEntry {
  return {
    name,
    port,
    migrations,
    defaultDatabaseUrl: `postgresql://emporium:emporium@127.0.0.1:5432/emporium_${name.replace(/-/g, '_')}`,
  };
}

export const SERVICES: ServiceEntry[] = [
  entry('merchants', 3001, async () => (await import('../../apps/merchants/src/database')).migrations),
  entry('catalog', 3002, async () => (await import('../../apps/catalog/src/database')).migrations),
  entry('inventory', 3003, async () => (await import('../../apps/inventory/src/database')).migrations),
  entry('orders', 3004, async () => (await import('../../apps/orders/src/database')).migrations),
  entry('logistics', 3005, async () => (await import('../../apps/logistics/src/database')).migrations),
  entry('membership', 3006, async () => (await import('../../apps/membership/src/database')).migrations),
  entry('marketing', 3007, async () => (await import('../../apps/marketing/src/database')).migrations),
  entry('customer-service', 3008, async () => (await import('../../apps/customer-service/src/database')).migrations),
];

export function findService(name: string): ServiceEntry {
  const found = SERVICES.find((service) => service.name === name);
  if (!found) throw new Error(`unknown service ${name}; known: ${SERVICES.map((s) => s.name).join(', ')}`);
  return found;
}

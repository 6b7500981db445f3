/**
 * The services this repository can run, for the operational scripts (migrate, start). Adding a
 * service means one line here.
 */
import { MigrationInterface } from 'typeorm';
import { migrations as inventoryMigrations } from '../../apps/inventory/src/database';
import { migrations as ordersMigrations } from '../../apps/orders/src/database';

export interface ServiceEntry {
  name: string;
  port: number;
  migrations: (new () => MigrationInterface)[];
  defaultDatabaseUrl: string;
}

function entry(name: string, port: number, migrations: (new () => MigrationInterface)[]): ServiceEntry {
  return { name, port, migrations, defaultDatabaseUrl: `postgresql://emporium:emporium@127.0.0.1:5432/emporium_${name.replace(/-/g, '_')}` };
}

export const SERVICES: ServiceEntry[] = [
  entry('inventory', 3003, inventoryMigrations),
  entry('orders', 3004, ordersMigrations),
];

export function findService(name: string): ServiceEntry {
  const found = SERVICES.find((service) => service.name === name);
  if (!found) throw new Error(`unknown service ${name}; known: ${SERVICES.map((s) => s.name).join(', ')}`);
  return found;
}

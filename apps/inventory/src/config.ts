import { loadConfig, platformDefaults, ServiceConfig } from '@emporium/platform';

export const SERVICE_NAME = 'inventory';
export const DEFAULT_PORT = 3003;

export class InventoryConfig extends ServiceConfig {}

export function loadInventoryConfig(env: Record<string, string | undefined> = process.env): InventoryConfig {
  return loadConfig(InventoryConfig, platformDefaults(SERVICE_NAME, DEFAULT_PORT), env);
}

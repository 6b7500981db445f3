import type { ServiceRecipe } from '@emporium/testing';
import { InventoryAppModule } from '../src/app.module';
import { InventoryConfig, loadInventoryConfig, SERVICE_NAME } from '../src/config';
import { migrations } from '../src/database';

export const inventoryRecipe: ServiceRecipe<InventoryConfig> = {
  name: SERVICE_NAME,
  loadConfig: loadInventoryConfig,
  module: (config) => InventoryAppModule.forRoot(config),
  migrations,
};

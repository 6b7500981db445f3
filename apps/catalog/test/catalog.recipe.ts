import type { ServiceRecipe } from '@emporium/testing';
import { CatalogAppModule } from '../src/app.module';
import { CatalogConfig, loadCatalogConfig, SERVICE_NAME } from '../src/config';
import { migrations } from '../src/database';

export const catalogRecipe: ServiceRecipe<CatalogConfig> = {
  name: SERVICE_NAME,
  loadConfig: loadCatalogConfig,
  module: (config) => CatalogAppModule.forRoot(config),
  migrations,
};

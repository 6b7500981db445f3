import type { ServiceRecipe } from '@emporium/testing';
import { MerchantsAppModule } from '../src/app.module';
import { loadMerchantsConfig, MerchantsConfig, SERVICE_NAME } from '../src/config';
import { migrations } from '../src/database';

export const merchantsRecipe: ServiceRecipe<MerchantsConfig> = {
  name: SERVICE_NAME,
  loadConfig: loadMerchantsConfig,
  module: (config) => MerchantsAppModule.forRoot(config),
  migrations,
};

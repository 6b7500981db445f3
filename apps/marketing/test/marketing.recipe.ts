import type { ServiceRecipe } from '@emporium/testing';
import { MarketingAppModule } from '../src/app.module';
import { loadMarketingConfig, MarketingConfig, SERVICE_NAME } from '../src/config';
import { migrations } from '../src/database';

export const marketingRecipe: ServiceRecipe<MarketingConfig> = {
  name: SERVICE_NAME,
  loadConfig: loadMarketingConfig,
  module: (config) => MarketingAppModule.forRoot(config),
  migrations,
};

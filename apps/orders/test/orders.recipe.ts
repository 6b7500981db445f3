import type { ServiceRecipe } from '@emporium/testing';
import { OrdersAppModule } from '../src/app.module';
import { loadOrdersConfig, OrdersConfig, SERVICE_NAME } from '../src/config';
import { migrations } from '../src/database';

export const ordersRecipe: ServiceRecipe<OrdersConfig> = {
  name: SERVICE_NAME,
  loadConfig: loadOrdersConfig,
  module: (config) => OrdersAppModule.forRoot(config),
  migrations,
};

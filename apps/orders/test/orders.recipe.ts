import type { EnvOf, RunningService, ServiceRecipe } from '@emporium/testing';
import { OrdersAppModule } from '../src/app.module';
import { loadOrdersConfig, OrdersConfig, SERVICE_NAME } from '../src/config';
import { migrations } from '../src/database';

export const ordersRecipe: ServiceRecipe<OrdersConfig> = {
  name: SERVICE_NAME,
  loadConfig: loadOrdersConfig,
  module: (config) => OrdersAppModule.forRoot(config),
  migrations,
};

/**
 * orders as the platform wires it, for journeys: shipping quoted by the suite's `logistics` (LOGISTICS_URL),
 * promotions by its `marketing` when the suite starts one (MARKETING_URL), and a 3 s return window swept
 * every 250 ms, so an order completes within a test.
 */
export const journeyOrders: { recipe: ServiceRecipe<OrdersConfig>; env: EnvOf } = {
  recipe: ordersRecipe,
  env: (started: Record<string, RunningService>) => ({
    LOGISTICS_URL: started.logistics.url,
    ...(started.marketing ? { MARKETING_URL: started.marketing.url } : {}),
    ORDER_RETURN_WINDOW_SECONDS: '3',
    ORDER_COMPLETION_SWEEP_MS: '250',
  }),
};

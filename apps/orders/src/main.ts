// Telemetry first: its instrumentations patch http, express and pg as they load.
import { startTelemetry } from '@emporium/platform/telemetry';
startTelemetry('orders');

import { runService } from '@emporium/platform';
import { OrdersAppModule } from './app.module';
import { loadOrdersConfig, SERVICE_NAME } from './config';

async function main() {
  const config = loadOrdersConfig();
  await runService(OrdersAppModule.forRoot(config), SERVICE_NAME, config);
}

void main();

// Telemetry first: its instrumentations patch http, express and pg as they load.
import { startTelemetry } from '@emporium/platform/telemetry';
startTelemetry('inventory');

import { runService } from '@emporium/platform';
import { InventoryAppModule } from './app.module';
import { loadInventoryConfig, SERVICE_NAME } from './config';

async function main() {
  const config = loadInventoryConfig();
  await runService(InventoryAppModule.forRoot(config), SERVICE_NAME, config);
}

void main();

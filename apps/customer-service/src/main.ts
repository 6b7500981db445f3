// First import: imports run in order, so telemetry is started before http, express and pg load.
import './telemetry';
import { runService } from '@emporium/platform';
import { CustomerServiceAppModule } from './app.module';
import { loadCustomerServiceConfig, SERVICE_NAME } from './config';

async function main() {
  const config = loadCustomerServiceConfig();
  await runService(CustomerServiceAppModule.forRoot(config), SERVICE_NAME, config);
}

main().catch((error) => {
  // Bad configuration or an unreachable dependency at boot: say why and exit non-zero.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import type { ServiceRecipe } from '@emporium/testing';
import { CustomerServiceAppModule } from '../src/app.module';
import { CustomerServiceConfig, loadCustomerServiceConfig, SERVICE_NAME } from '../src/config';
import { migrations } from '../src/database';

export const customerServiceRecipe: ServiceRecipe<CustomerServiceConfig> = {
  name: SERVICE_NAME,
  loadConfig: loadCustomerServiceConfig,
  module: (config) => CustomerServiceAppModule.forRoot(config),
  migrations,
};

/** Quick polls so tests wait for conditions, not for production intervals. */
export const fastJobs = { SLA_SWEEP_MS: '200' };

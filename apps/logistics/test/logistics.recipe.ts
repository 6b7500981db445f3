import type { ServiceRecipe } from '@emporium/testing';
import { LogisticsAppModule } from '../src/app.module';
import { LogisticsConfig, loadLogisticsConfig, SERVICE_NAME } from '../src/config';
import { migrations } from '../src/database';

export const logisticsRecipe: ServiceRecipe<LogisticsConfig> = {
  name: SERVICE_NAME,
  loadConfig: loadLogisticsConfig,
  module: (config) => LogisticsAppModule.forRoot(config),
  migrations,
};

/** Quick polls so tests wait for conditions, not for production intervals. */
export const fastJobs = { LABEL_BOOKING_POLL_MS: '100', DELAY_SWEEP_MS: '200' };

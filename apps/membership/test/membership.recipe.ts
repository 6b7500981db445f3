import type { ServiceRecipe } from '@emporium/testing';
import { MembershipAppModule } from '../src/app.module';
import { loadMembershipConfig, MembershipConfig, SERVICE_NAME } from '../src/config';
import { migrations } from '../src/database';

export const membershipRecipe: ServiceRecipe<MembershipConfig> = {
  name: SERVICE_NAME,
  loadConfig: loadMembershipConfig,
  module: (config) => MembershipAppModule.forRoot(config),
  migrations,
};

/** Jobs are driven by the tests (with a chosen "now"), not by the timer. */
export const manualJobs = { JOBS_INTERVAL_MS: '3600000' };

import { Inject, Injectable } from '@nestjs/common';
import { PeriodicJob, SERVICE_CONFIG } from '@emporium/platform';
import { MembershipConfig } from '../config';
import { PointsExpiry } from '../points/points-expiry.service';
import { TiersService } from '../tiers/tiers.service';
import { RewardsService } from './rewards.service';

/**
 * The time-driven rules: points expiry, tier period ends, birthday rewards. Every replica runs them;
 * each is safe to run concurrently and repeatedly (row locks, unique rows), so no leader is needed.
 */
@Injectable()
export class MembershipJobs extends PeriodicJob {
  constructor(
    private readonly points: PointsExpiry,
    private readonly tiers: TiersService,
    private readonly rewards: RewardsService,
    @Inject(SERVICE_CONFIG) private readonly config: MembershipConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.JOBS_INTERVAL_MS;
  }

  protected async tick(): Promise<void> {
    const now = new Date();
    const expired = await this.points.expireDue(now);
    const reviewed = await this.tiers.reviewDue(now);
    const birthdays = await this.rewards.grantBirthdays(now);
    if (expired + reviewed + birthdays > 0)
      this.logger.log({
        msg: 'membership jobs ran',
        expiredPoints: expired,
        tiersReviewed: reviewed,
        birthdayRewards: birthdays,
      });
  }
}

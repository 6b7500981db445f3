import { Module } from '@nestjs/common';
import { Ledger } from '../points/ledger';
import { PointsHandlers } from '../points/points.handlers';
import { PointsReader } from '../points/points-reader';
import { PointHolds } from '../points/point-holds.service';
import { PointsEarning } from '../points/points-earning.service';
import { PointsExpiry } from '../points/points-expiry.service';
import { MembershipJobs } from '../rewards/membership-jobs';
import { RewardsService } from '../rewards/rewards.service';
import { TiersController } from '../tiers/tiers.controller';
import { TiersService } from '../tiers/tiers.service';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';

/**
 * One module: profiles, the ledger, tiers and rewards all write under the same member row lock, and
 * splitting them would only add exports.
 */
@Module({
  controllers: [MembersController, TiersController, PointsHandlers],
  providers: [
    MembersService,
    Ledger,
    PointHolds,
    PointsEarning,
    PointsExpiry,
    PointsReader,
    TiersService,
    RewardsService,
    MembershipJobs,
  ],
  exports: [PointHolds, PointsEarning, PointsExpiry, TiersService, RewardsService],
})
export class MembersModule {}

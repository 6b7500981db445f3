import { Module } from '@nestjs/common';
import { Ledger } from '../points/ledger';
import { PointsHandlers } from '../points/points.handlers';
import { PointsReader } from '../points/points-reader';
import { PointsService } from '../points/points.service';
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
  providers: [MembersService, Ledger, PointsService, PointsReader, TiersService, RewardsService, MembershipJobs],
  exports: [PointsService, TiersService, RewardsService],
})
export class MembersModule {}

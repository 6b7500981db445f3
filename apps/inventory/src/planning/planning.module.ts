import { Module } from '@nestjs/common';
import { WarehousesModule } from '../warehouses/warehouses.module';
import { PlanningController } from './planning.controller';
import { PlanningService } from './planning.service';
import { ReplenishmentRun } from './replenishment-run';

@Module({
  imports: [WarehousesModule],
  controllers: [PlanningController],
  providers: [PlanningService, ReplenishmentRun],
})
export class PlanningModule {}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@emporium/platform';
import { SlowMovingQueryDto, SuggestionsQueryDto } from './dto/planning-query.dto';
import { PlanningService } from './planning.service';

@ApiTags('planning')
@ApiBearerAuth()
@Controller()
export class PlanningController {
  constructor(private readonly planning: PlanningService) {}

  /** What to order now, per SKU and warehouse, with the inputs of the formula. */
  @Get('replenishment/suggestions')
  @Roles('ops', 'service')
  suggestions(@Query() query: SuggestionsQueryDto) {
    return this.planning.suggestions(query);
  }

  /** Stock on hand with no sales for `days` days, with its value. */
  @Get('reports/slow-moving')
  @Roles('ops')
  slowMoving(@Query() query: SlowMovingQueryDto) {
    return this.planning.slowMoving(query);
  }
}

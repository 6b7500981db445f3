import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@emporium/platform';
import { SlowMovingQueryDto, SuggestionsQueryDto } from './dto/planning-query.dto';
import { PlanningService } from './planning.service';
import { SlowMovingReportResponse, SuggestionResponse } from './dto/planning.response';

@ApiTags('planning')
@ApiBearerAuth()
@Controller()
export class PlanningController {
  constructor(private readonly planning: PlanningService) {}

  /** What to order now, per SKU and warehouse, with the inputs of the formula. */
  @Get('replenishment/suggestions')
  @Roles('ops', 'service')
  @ApiOkResponse({ type: [SuggestionResponse] })
  suggestions(@Query() query: SuggestionsQueryDto) {
    return this.planning.suggestions(query);
  }

  /** Stock on hand with no sales for `days` days, with its value. */
  @Get('reports/slow-moving')
  @Roles('ops')
  @ApiOkResponse({ type: SlowMovingReportResponse })
  slowMoving(@Query() query: SlowMovingQueryDto) {
    return this.planning.slowMoving(query);
  }
}

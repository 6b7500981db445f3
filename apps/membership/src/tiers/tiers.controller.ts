import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@emporium/platform';
import { TierTableResponse } from './dto/tier-table.response';
import { TiersService } from './tiers.service';

@ApiTags('tiers')
@ApiBearerAuth()
@Controller('tiers')
export class TiersController {
  constructor(private readonly tiers: TiersService) {}

  @Get()
  @Roles('customer', 'ops', 'service', 'merchant')
  @ApiOperation({
    summary:
      'The tier thresholds (rolling 12-month spend or completed orders) and the benefits of each tier. Roles: customer, ops, service, merchant.',
  })
  @ApiOkResponse({ type: TierTableResponse, description: 'Thresholds and benefits' })
  table(): TierTableResponse {
    return this.tiers.table();
  }
}

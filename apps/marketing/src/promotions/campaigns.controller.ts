import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Principal, Roles } from '@emporium/platform';
import { CreateCampaignDto } from './dto/create-campaign.dto';
import { CampaignReportResponse, CampaignResponse } from './dto/promotion.response';
import { PromotionsService } from './promotions.service';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly promotions: PromotionsService) {}

  @Post()
  @Roles('ops')
  @ApiOperation({
    summary:
      'Creates a campaign: a budget its promotions spend (they stop when it is spent) and an ROI report. Roles: ops.',
  })
  @ApiCreatedResponse({ type: CampaignResponse, description: 'The campaign, ACTIVE' })
  @ApiProblems(422)
  create(@Body() dto: CreateCampaignDto, @CurrentPrincipal() principal: Principal) {
    return this.promotions.createCampaign(dto, principal);
  }

  @Get(':id')
  @Roles('ops')
  @ApiOperation({ summary: 'A campaign with its spend. Roles: ops.' })
  @ApiOkResponse({ type: CampaignResponse, description: 'The campaign' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.promotions.campaign(id);
  }

  @Get(':id/report')
  @Roles('ops')
  @ApiOperation({
    summary:
      "ROI of a campaign from orders' events: discount cost, attributed orders and revenue, new customers, repeat purchases. Roles: ops.",
  })
  @ApiOkResponse({ type: CampaignReportResponse, description: 'The report' })
  report(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.promotions.report(id);
  }
}

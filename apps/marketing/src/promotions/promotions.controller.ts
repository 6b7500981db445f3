import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Roles } from '@emporium/platform';
import { CreatePromotionDto } from './dto/create-promotion.dto';
import { PromotionResponse } from './dto/promotion.response';
import { PromotionsService } from './promotions.service';

@ApiTags('promotions')
@ApiBearerAuth()
@Controller('promotions')
export class PromotionsController {
  constructor(private readonly promotions: PromotionsService) {}

  @Post()
  @Roles('ops')
  @ApiOperation({
    summary:
      'Creates a promotion (threshold, percent off, buy X get Y, flash sale, member day, tier, new customer, free shipping). Roles: ops.',
  })
  @ApiCreatedResponse({ type: PromotionResponse, description: 'The promotion, ACTIVE' })
  @ApiProblems(422)
  create(@Body() dto: CreatePromotionDto) {
    return this.promotions.createPromotion(dto);
  }

  @Get()
  @Roles('ops')
  @ApiOperation({ summary: 'Promotions, newest first (at most 500), optionally of one campaign. Roles: ops.' })
  @ApiQuery({ name: 'campaignId', required: false, schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ type: [PromotionResponse], description: 'The promotions' })
  list(@Query('campaignId', new ParseUUIDPipe({ optional: true })) campaignId?: string) {
    return this.promotions.list(campaignId);
  }

  @Get(':id')
  @Roles('ops')
  @ApiOperation({ summary: 'One promotion, with its flash-sale units sold. Roles: ops.' })
  @ApiOkResponse({ type: PromotionResponse, description: 'The promotion' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.promotions.get(id);
  }

  @Post(':id/stop')
  @Roles('ops')
  @ApiOperation({
    summary:
      'Stops an ACTIVE promotion for good (quotes no longer apply it; orders quoted before still redeem). Roles: ops.',
  })
  @ApiCreatedResponse({ type: PromotionResponse, description: 'The promotion, STOPPED' })
  @ApiProblems(409)
  stop(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.promotions.stop(id);
  }
}

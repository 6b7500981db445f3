import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError, Roles } from '@emporium/platform';
import type { Response } from 'express';
import { CarriersService } from './carriers.service';
import { CarrierResponse, ScorecardResponse } from './dto/carrier.response';
import { ScorecardQuery } from './dto/scorecard.query';
import { UpsertCarrierDto } from './dto/upsert-carrier.dto';

@ApiTags('carriers')
@ApiBearerAuth()
@Controller('carriers')
export class CarriersController {
  constructor(private readonly carriers: CarriersService) {}

  @Get()
  @Roles('ops')
  @ApiOperation({
    summary:
      'Carriers with their service levels, promised days per zone and rate cards (webhook secrets are never shown).',
  })
  @ApiOkResponse({ type: [CarrierResponse], description: 'Every carrier, by code' })
  list() {
    return this.carriers.list();
  }

  @Get('scorecard')
  @Roles('ops')
  @ApiOperation({ summary: 'On-time rate, exception rate, average cost and average days per carrier over a period.' })
  @ApiOkResponse({
    type: ScorecardResponse,
    description: 'One row per carrier that carried shipments created in the period',
  })
  scorecard(@Query() query: ScorecardQuery) {
    return this.carriers.scorecard(query);
  }

  @Get(':code')
  @Roles('ops')
  @ApiOperation({ summary: 'One carrier.' })
  @ApiOkResponse({ type: CarrierResponse })
  async get(@Param('code') code: string) {
    const carrier = await this.carriers.get(code);
    if (!carrier) throw new NotFoundError('carrier', code);
    return carrier;
  }

  @Put(':code')
  @Roles('ops')
  @ApiOperation({ summary: 'Creates or replaces a carrier with its services and rate cards (201 when new).' })
  @ApiOkResponse({ type: CarrierResponse, description: 'The carrier as stored (replaced)' })
  @ApiCreatedResponse({ type: CarrierResponse, description: 'The carrier as stored (new)' })
  async upsert(
    @Param('code') code: string,
    @Body() request: UpsertCarrierDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.carriers.upsert(code, request);
    response.status(result.created ? 201 : 200);
    return result.carrier;
  }
}

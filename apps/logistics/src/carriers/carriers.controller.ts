import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError, Roles } from '@emporium/platform';
import type { Response } from 'express';
import { ProblemResponses } from '../problem-responses';
import { CarriersService } from './carriers.service';
import { ScorecardQuery } from './dto/scorecard.query';
import { UpsertCarrierDto } from './dto/upsert-carrier.dto';

@ApiTags('carriers')
@ApiBearerAuth()
@ProblemResponses(400, 401, 403)
@Controller('carriers')
export class CarriersController {
  constructor(private readonly carriers: CarriersService) {}

  @Get()
  @Roles('ops')
  @ApiOperation({ summary: 'Carriers with their service levels, promised days per zone and rate cards (webhook secrets are never shown). Role: ops.' })
  @ApiOkResponse({ description: 'Every carrier, by code' })
  list() {
    return this.carriers.list();
  }

  @Get('scorecard')
  @Roles('ops')
  @ApiOperation({ summary: 'On-time rate, exception rate, average cost and average days per carrier over a period. Role: ops.' })
  @ApiOkResponse({ description: 'One row per carrier that carried shipments created in the period' })
  scorecard(@Query() query: ScorecardQuery) {
    return this.carriers.scorecard(query);
  }

  @Get(':code')
  @Roles('ops')
  @ApiOperation({ summary: 'One carrier. Role: ops.' })
  @ProblemResponses(404)
  async get(@Param('code') code: string) {
    const carrier = await this.carriers.get(code);
    if (!carrier) throw new NotFoundError('carrier', code);
    return carrier;
  }

  @Put(':code')
  @Roles('ops')
  @ApiOperation({ summary: 'Creates or replaces a carrier with its services and rate cards (201 when new). Role: ops.' })
  @ApiOkResponse({ description: 'The carrier as stored' })
  async upsert(@Param('code') code: string, @Body() request: UpsertCarrierDto, @Res({ passthrough: true }) response: Response) {
    const result = await this.carriers.upsert(code, request);
    response.status(result.created ? 201 : 200);
    return result.carrier;
  }
}

import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Principal, Roles } from '@emporium/platform';
import { DeclareExceptionDto } from './dto/declare-exception.dto';
import { ListShipmentsQuery } from './dto/list-shipments.query';
import { ShipmentPageResponse, ShipmentResponse } from './dto/shipment.response';
import { ShipmentActions } from './shipment-actions.service';
import { ShipmentQueries } from './shipment-queries.service';

@ApiTags('shipments')
@ApiBearerAuth()
@Controller('shipments')
export class ShipmentsController {
  constructor(
    private readonly queries: ShipmentQueries,
    private readonly actions: ShipmentActions,
  ) {}

  @Get()
  @Roles('ops', 'warehouse', 'service', 'merchant', 'customer')
  @ApiOperation({
    summary:
      'Shipments, newest first, keyset-paged. ops, warehouse and service see all; a merchant its own parcels; a customer those of its orders.',
  })
  @ApiOkResponse({ type: ShipmentPageResponse, description: '`items` and `nextCursor`' })
  list(@Query() query: ListShipmentsQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.list(query, principal);
  }

  @Get(':id')
  @Roles('ops', 'warehouse', 'service', 'merchant', 'customer')
  @ApiOperation({
    summary: 'One shipment with its label and tracking timeline (oldest first). Others\u2019 shipments are 404.',
  })
  @ApiOkResponse({ type: ShipmentResponse, description: 'The shipment' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.get(id, principal);
  }

  @Post(':id/dispatch')
  @HttpCode(200)
  @Roles('warehouse', 'ops')
  @ApiOperation({
    summary: 'The parcel was handed to the carrier (from READY only): publishes logistics.shipment.dispatched.',
  })
  @ApiOkResponse({ type: ShipmentResponse, description: 'The dispatched shipment' })
  @ApiProblems(409)
  dispatch(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.actions.dispatch(id);
  }

  @Post(':id/exceptions')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary: 'Declares a parcel with the carrier LOST or DAMAGED: publishes logistics.shipment.lost / damaged.',
  })
  @ApiOkResponse({ type: ShipmentResponse, description: 'The shipment' })
  @ApiProblems(409)
  declareException(@Param('id', new ParseUUIDPipe()) id: string, @Body() request: DeclareExceptionDto) {
    return this.actions.declareException(id, request.type, request.detail);
  }

  @Post(':id/receive')
  @HttpCode(200)
  @Roles('warehouse', 'ops')
  @ApiOperation({ summary: 'A return parcel arrived at the warehouse: publishes logistics.shipment.return-received.' })
  @ApiOkResponse({ type: ShipmentResponse, description: 'The return shipment, RECEIVED' })
  @ApiProblems(409)
  receive(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.actions.receiveReturn(id);
  }
}

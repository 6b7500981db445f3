import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@emporium/platform';
import { ProblemResponses } from '../problem-responses';
import { DeclareExceptionDto } from './dto/declare-exception.dto';
import { ListShipmentsQuery } from './dto/list-shipments.query';
import { ShipmentsService } from './shipments.service';

@ApiTags('shipments')
@ApiBearerAuth()
@ProblemResponses(400, 401, 403)
@Controller('shipments')
export class ShipmentsController {
  constructor(private readonly shipments: ShipmentsService) {}

  @Get()
  @Roles('ops', 'warehouse', 'service', 'merchant', 'customer')
  @ApiOperation({ summary: 'Shipments, newest first, keyset-paged. ops, warehouse and service see all; a merchant its own parcels; a customer those of its orders.' })
  @ApiOkResponse({ description: '`items` and `nextCursor`' })
  list(@Query() query: ListShipmentsQuery, @CurrentPrincipal() principal: Principal) {
    return this.shipments.list(query, principal);
  }

  @Get(':id')
  @Roles('ops', 'warehouse', 'service', 'merchant', 'customer')
  @ApiOperation({ summary: 'One shipment with its label and tracking timeline (oldest first). Others\u2019 shipments are 404.' })
  @ApiOkResponse({ description: 'The shipment' })
  @ProblemResponses(404)
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.shipments.get(id, principal);
  }

  @Post(':id/dispatch')
  @HttpCode(200)
  @Roles('warehouse', 'ops')
  @ApiOperation({ summary: 'The parcel was handed to the carrier (from READY only): publishes logistics.shipment.dispatched. Roles: warehouse, ops.' })
  @ApiOkResponse({ description: 'The dispatched shipment' })
  @ProblemResponses(404, 409)
  dispatch(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.shipments.dispatch(id);
  }

  @Post(':id/exceptions')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({ summary: 'Declares a parcel with the carrier LOST or DAMAGED: publishes logistics.shipment.lost / damaged. Role: ops.' })
  @ApiOkResponse({ description: 'The shipment' })
  @ProblemResponses(404, 409)
  declareException(@Param('id', new ParseUUIDPipe()) id: string, @Body() request: DeclareExceptionDto) {
    return this.shipments.declareException(id, request.type, request.detail);
  }

  @Post(':id/receive')
  @HttpCode(200)
  @Roles('warehouse', 'ops')
  @ApiOperation({ summary: 'A return parcel arrived at the warehouse: publishes logistics.shipment.return-received. Roles: warehouse, ops.' })
  @ApiOkResponse({ description: 'The return shipment, RECEIVED' })
  @ProblemResponses(404, 409)
  receive(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.shipments.receiveReturn(id);
  }
}

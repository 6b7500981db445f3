import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, IdempotencyKey, Principal, replyIdempotently, Roles } from '@emporium/platform';
import type { Response } from 'express';
import { ApproveReturnDto, RejectReturnDto } from './dto/decide-return.dto';
import { InspectReturnDto } from './dto/inspect-return.dto';
import { ListReturnsQuery } from './dto/list-returns.query';
import { RequestReturnDto } from './dto/request-return.dto';
import { ReturnPageResponse, ReturnResponse } from './dto/return.response';
import { ReturnParcelService } from './return-parcel.service';
import { ReturnQueries } from './return-queries.service';
import { ReturnRequestsService } from './return-requests.service';
import { ReturnSettlementService } from './return-settlement.service';

@ApiTags('returns')
@ApiBearerAuth()
@Controller('returns')
export class ReturnsController {
  constructor(
    private readonly requests: ReturnRequestsService,
    private readonly parcels: ReturnParcelService,
    private readonly settlement: ReturnSettlementService,
    private readonly queries: ReturnQueries,
  ) {}

  @Post()
  @Roles('customer')
  @ApiOperation({
    summary:
      'Asks to return delivered units of one merchant of the caller\u2019s own order. NO_REASON inside the window is APPROVED at once; anything else is REQUESTED for ops review.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiCreatedResponse({
    type: ReturnResponse,
    description:
      'The return, APPROVED or REQUESTED; a repeat with the same Idempotency-Key gets the first response again, with `Idempotent-Replayed: true`',
  })
  @ApiProblems(400, 404, 422)
  async request(
    @Body() request: RequestReturnDto,
    @IdempotencyKey() idempotencyKey: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReturnResponse> {
    return replyIdempotently(response, await this.requests.request(request, principal, idempotencyKey));
  }

  @Get()
  @Roles('ops', 'warehouse', 'service', 'merchant', 'customer')
  @ApiOperation({
    summary:
      'Returns, newest first, keyset-paged. ops, warehouse and service see all; a merchant its own; a customer its own.',
  })
  @ApiOkResponse({ type: ReturnPageResponse, description: '`items` and `nextCursor`' })
  @ApiProblems(400)
  list(@Query() query: ListReturnsQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.list(query, principal);
  }

  @Get(':id')
  @Roles('ops', 'warehouse', 'service', 'merchant', 'customer')
  @ApiOperation({ summary: 'One return. Others\u2019 returns are 404.' })
  @ApiOkResponse({ type: ReturnResponse, description: 'The return' })
  @ApiProblems(400, 404)
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.get(id, principal);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary:
      'Approves a REQUESTED return: publishes customer-service.return.approved (logistics books the return parcel).',
  })
  @ApiOkResponse({ type: ReturnResponse, description: 'The return, APPROVED' })
  @ApiProblems(400, 404, 409)
  approve(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() request: ApproveReturnDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.requests.approve(id, request.note, principal);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary:
      'Rejects a REQUESTED return with a note for the customer: nothing is refunded and its units may be asked for again.',
  })
  @ApiOkResponse({ type: ReturnResponse, description: 'The return, REJECTED' })
  @ApiProblems(400, 404, 409)
  reject(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() request: RejectReturnDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.requests.reject(id, request.note, principal);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('customer')
  @ApiOperation({ summary: 'The customer withdraws its own REQUESTED return.' })
  @ApiOkResponse({ type: ReturnResponse, description: 'The return, CANCELLED' })
  @ApiProblems(400, 404, 409)
  cancel(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.requests.cancel(id, principal);
  }

  @Post(':id/inspection')
  @HttpCode(200)
  @Roles('ops', 'warehouse')
  @ApiOperation({
    summary:
      'Records the inspection of a RECEIVED return (every unit RESALEABLE or DAMAGED): publishes customer-service.return.inspected and, unless it is an exchange, customer-service.return.refund-requested.',
  })
  @ApiOkResponse({ type: ReturnResponse, description: 'The return, REFUND_REQUESTED (or INSPECTED for an exchange)' })
  @ApiProblems(400, 404, 409, 422)
  inspect(@Param('id', new ParseUUIDPipe()) id: string, @Body() request: InspectReturnDto) {
    return this.parcels.inspect(id, request);
  }

  @Post(':id/refund')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary:
      'Refunds an INSPECTED exchange instead of replacing it: publishes customer-service.return.refund-requested.',
  })
  @ApiOkResponse({ type: ReturnResponse, description: 'The return, REFUND_REQUESTED' })
  @ApiProblems(400, 404, 409)
  refund(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.settlement.refund(id);
  }

  @Post(':id/exchange-fulfilled')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary: 'Ops sent the replacement of an INSPECTED exchange: the return is EXCHANGED, nothing is refunded.',
  })
  @ApiOkResponse({ type: ReturnResponse, description: 'The return, EXCHANGED' })
  @ApiProblems(400, 404, 409)
  fulfilExchange(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.settlement.fulfilExchange(id);
  }
}

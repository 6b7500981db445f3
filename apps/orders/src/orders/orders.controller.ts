import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, IdempotencyKey, Principal, replyIdempotently, Roles } from '@emporium/platform';
import type { Response } from 'express';
import { ListOrdersQuery } from './dto/list-orders.query';
import { PlaceOrderDto } from './dto/place-order.dto';
import { OrderLimitsPipe } from './order-limits.pipe';
import { OrderQueries } from './order-queries.service';
import { OrderRequests } from './order-requests.service';
import { OrderPageResponse, OrderResponse, PaymentLedgerResponse } from './dto/order.response';
import { CancelOrderDto } from './dto/cancel-order.dto';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly requests: OrderRequests,
    private readonly queries: OrderQueries,
  ) {}

  /**
   * Places an order (PENDING). The client sends SKUs, quantities, an address and a delivery option; prices
   * come from orders' read model of catalog and the shipping fee from logistics (422 names each line that
   * cannot be sold; 503 when logistics or marketing does not answer; 409 when marketing's quote disagrees with our price). A repeat with the same Idempotency-Key returns the
   * first response.
   */
  @Post()
  @Roles('customer', 'ops', 'service')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiCreatedResponse({
    type: OrderResponse,
    description:
      'The PENDING order; a repeat with the same Idempotency-Key gets the first response again, with `Idempotent-Replayed: true`',
  })
  @ApiProblems(409, 422, 503)
  async place(
    @Body(OrderLimitsPipe) request: PlaceOrderDto,
    @IdempotencyKey() idempotencyKey: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    return replyIdempotently(response, await this.requests.place(request, principal, idempotencyKey));
  }

  /**
   * Newest first, keyset pages; filters: status, customerId, merchantId, from/to (placing time). A customer
   * sees its own orders, a merchant the orders with a line of its own (each role a token holds narrows);
   * ops and services see all.
   */
  @Get()
  @Roles('customer', 'merchant', 'ops', 'service')
  @ApiOkResponse({ type: OrderPageResponse })
  list(@Query() query: ListOrdersQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.list(query, principal);
  }

  /** An order with its status timeline (each change with its cause); a customer sees only its own, a merchant only orders with its lines. */
  @Get(':id')
  @Roles('customer', 'merchant', 'ops', 'service')
  @ApiOkResponse({ type: OrderResponse })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.get(id, principal);
  }

  /** The order's payments ledger: every authorisation, capture, void and refund, with its idempotency key. */
  @Get(':id/payments')
  @Roles('customer', 'ops', 'service')
  @ApiOkResponse({ type: PaymentLedgerResponse })
  payments(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.payments(id, principal);
  }

  /**
   * Cancels the order: the customer its own, ops any, from PENDING or CONFIRMED (until a parcel is
   * dispatched; after that 409 ILLEGAL_ORDER_TRANSITION). Stock, coupons and points are released and an
   * authorised payment is voided. Answers the order with its timeline.
   */
  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('customer', 'ops')
  @ApiOkResponse({ type: OrderResponse })
  @ApiProblems(409)
  async cancel(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() request: CancelOrderDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.requests.cancelOnRequest(id, principal, request.detail);
    return this.queries.get(id, principal);
  }
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, IdempotencyKey, Principal, replyIdempotently, Roles } from '@emporium/platform';
import type { Response } from 'express';
import { ListOrdersQuery } from './dto/list-orders.query';
import { PlaceOrderDto } from './dto/place-order.dto';
import { OrderLimitsPipe } from './order-limits.pipe';
import { OrdersService } from './orders.service';
import { OrderPageResponse, OrderResponse } from './dto/order.response';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  /**
   * Places an order (PENDING). The client sends SKUs, quantities, an address and a delivery option; prices
   * come from orders' read model of catalog and the shipping fee from logistics (422 names each line that
   * cannot be sold; 503 when logistics does not answer). A repeat with the same Idempotency-Key returns the
   * first response.
   */
  @Post()
  @Roles('customer', 'ops', 'service')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiCreatedResponse({ type: OrderResponse, description: 'The PENDING order; a repeat with the same Idempotency-Key gets the first response again, with `Idempotent-Replayed: true`' })
  @ApiProblems(422, 503)
  async place(
    @Body(OrderLimitsPipe) request: PlaceOrderDto,
    @IdempotencyKey() idempotencyKey: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    return replyIdempotently(response, await this.orders.place(request, principal, idempotencyKey));
  }

  /** Newest first; a customer sees its own orders, ops and services any customer's (`customerId`). */
  @Get()
  @Roles('customer', 'ops', 'service')
  @ApiOkResponse({ type: OrderPageResponse })
  list(@Query() query: ListOrdersQuery, @CurrentPrincipal() principal: Principal) {
    return this.orders.list(query, principal);
  }

  /** An order with its status timeline; a customer sees only its own. */
  @Get(':id')
  @Roles('customer', 'ops', 'service')
  @ApiOkResponse({ type: OrderResponse })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.orders.get(id, principal);
  }
}

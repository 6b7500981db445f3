import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, IdempotencyKey, Principal, replyIdempotently, Roles } from '@emporium/platform';
import type { Response } from 'express';
import { ListOrdersQuery } from './dto/list-orders.query';
import { PlaceOrderDto } from './dto/place-order.dto';
import { OrderLimitsPipe } from './order-limits.pipe';
import { OrdersService } from './orders.service';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  /** Places an order (PENDING). A repeat with the same Idempotency-Key returns the first response. */
  @Post()
  @Roles('customer', 'ops', 'service')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
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
  list(@Query() query: ListOrdersQuery, @CurrentPrincipal() principal: Principal) {
    return this.orders.list(query, principal);
  }

  @Get(':id')
  @Roles('customer', 'ops', 'service')
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.orders.get(id, principal);
  }
}

import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, IdempotencyKey, Principal, replyIdempotently, Roles } from '@emporium/platform';
import type { Response } from 'express';
import { ExpectInboundDto } from './dto/expect-inbound.dto';
import { MovementsQueryDto } from './dto/movements-query.dto';
import { ReceiveStockDto } from './dto/receive-stock.dto';
import { StockPolicyDto } from './dto/stock-policy.dto';
import { StockControl } from './stock-control.service';
import { StockQueries } from './stock-queries.service';
import { StockMovementPageResponse, StockResponse } from './dto/stock.response';

@ApiTags('stock')
@ApiBearerAuth()
@Controller('stock')
export class StockController {
  constructor(
    private readonly control: StockControl,
    private readonly queries: StockQueries,
  ) {}

  /** Inbound units into a warehouse. */
  @Post('receipts')
  @Roles('ops', 'service')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiCreatedResponse({
    type: StockResponse,
    description:
      'The SKU’s stock after the receipt; a repeat with the same Idempotency-Key gets the first response again',
  })
  @ApiProblems(422)
  async receive(
    @Body() receipt: ReceiveStockDto,
    @IdempotencyKey() idempotencyKey: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    return replyIdempotently(response, await this.control.receive(receipt, principal.subject, idempotencyKey));
  }

  /** Units ordered from a supplier and not received yet (they count in replenishment). */
  @Post('inbound')
  @Roles('ops', 'service')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiCreatedResponse({
    type: StockResponse,
    description:
      'The SKU’s stock with the inbound units; a repeat with the same Idempotency-Key gets the first response again',
  })
  @ApiProblems(422)
  async expectInbound(
    @Body() request: ExpectInboundDto,
    @IdempotencyKey() idempotencyKey: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    return replyIdempotently(response, await this.control.expectInbound(request, principal.subject, idempotencyKey));
  }

  /** A SKU’s stock in total and per warehouse; a merchant sees only its own SKUs. */
  @Get(':sku')
  @Roles('ops', 'merchant', 'service')
  @ApiOkResponse({ type: StockResponse })
  stockOf(@Param('sku') sku: string, @CurrentPrincipal() principal: Principal): Promise<StockResponse> {
    return this.queries.stock(sku, principal);
  }

  /** The ledger: every change to on hand or reserved, with its cause, oldest first, cursor-paginated. */
  @Get(':sku/movements')
  @Roles('ops', 'merchant', 'service')
  @ApiOkResponse({ type: StockMovementPageResponse })
  movements(@Param('sku') sku: string, @Query() query: MovementsQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.movements(sku, query, principal);
  }

  /** Safety stock, reorder point and supplier lead time of a SKU in a warehouse. */
  @Put(':sku/warehouses/:warehouseId/policy')
  @Roles('ops')
  @ApiOkResponse({ type: StockResponse })
  setPolicy(
    @Param('sku') sku: string,
    @Param('warehouseId') warehouseId: string,
    @Body() policy: StockPolicyDto,
  ): Promise<StockResponse> {
    return this.control.setPolicy(sku, warehouseId, policy);
  }
}

import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, IdempotencyKey, Principal, Roles } from '@emporium/platform';
import type { Response } from 'express';
import { ReceiveStockDto } from './dto/receive-stock.dto';
import { StockService, StockView } from './stock.service';

@ApiTags('stock')
@ApiBearerAuth()
@Controller('stock')
export class StockController {
  constructor(private readonly stock: StockService) {}

  /** Inbound units into a warehouse. */
  @Post('receipts')
  @Roles('ops', 'service')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async receive(
    @Body() receipt: ReceiveStockDto,
    @IdempotencyKey() idempotencyKey: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await this.stock.receive(receipt, principal.subject, idempotencyKey);
    response.status(result.status);
    return result.body;
  }

  @Get(':sku')
  @Roles('ops', 'merchant', 'service')
  stockOf(@Param('sku') sku: string): Promise<StockView> {
    return this.stock.stock(sku);
  }
}

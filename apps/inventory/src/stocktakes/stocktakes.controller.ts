import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, IdempotencyKey, Principal, replyIdempotently, Roles } from '@emporium/platform';
import type { Response } from 'express';
import { SubmitStocktakeDto } from './dto/submit-stocktake.dto';
import { StocktakesService } from './stocktakes.service';

@ApiTags('stocktakes')
@ApiBearerAuth()
@Controller('stocktakes')
export class StocktakesController {
  constructor(private readonly stocktakes: StocktakesService) {}

  /** Counted quantities for a warehouse; answers with the variance per SKU and the shrinkage. */
  @Post()
  @Roles('ops')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async submit(
    @Body() request: SubmitStocktakeDto,
    @IdempotencyKey() idempotencyKey: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    return replyIdempotently(response, await this.stocktakes.submit(request, principal.subject, idempotencyKey));
  }

  @Get(':id')
  @Roles('ops')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.stocktakes.get(id);
  }
}

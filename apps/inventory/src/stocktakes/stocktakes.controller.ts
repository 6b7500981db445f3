import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, IdempotencyKey, Principal, replyIdempotently, Roles } from '@emporium/platform';
import type { Response } from 'express';
import { SubmitStocktakeDto } from './dto/submit-stocktake.dto';
import { StocktakesService } from './stocktakes.service';
import { StocktakeResponse } from './dto/stocktake.response';

@ApiTags('stocktakes')
@ApiBearerAuth()
@Controller('stocktakes')
export class StocktakesController {
  constructor(private readonly stocktakes: StocktakesService) {}

  /** Counted quantities for a warehouse; answers with the variance per SKU and the shrinkage. */
  @Post()
  @Roles('ops')
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiCreatedResponse({
    type: StocktakeResponse,
    description: 'The report; a repeat with the same Idempotency-Key gets the first response again',
  })
  @ApiProblems(409, 422)
  async submit(
    @Body() request: SubmitStocktakeDto,
    @IdempotencyKey() idempotencyKey: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ) {
    return replyIdempotently(response, await this.stocktakes.submit(request, principal.subject, idempotencyKey));
  }

  /** A submitted stocktake’s report. */
  @Get(':id')
  @Roles('ops')
  @ApiOkResponse({ type: StocktakeResponse })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.stocktakes.get(id);
  }
}

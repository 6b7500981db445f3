import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Principal, Roles } from '@emporium/platform';
import { QuoteResponse } from './dto/quote.response';
import { QuoteRequestDto } from './dto/quote-request.dto';
import { QuotesService } from './quotes.service';

@ApiTags('quotes')
@ApiBearerAuth()
@Controller('quotes')
export class QuotesController {
  constructor(private readonly quotes: QuotesService) {}

  @Post()
  @HttpCode(200)
  @Roles('customer', 'service')
  @ApiOperation({
    summary:
      "Prices a cart with the live promotions and the given coupon codes: line discounts, shipping discount and totals, with a signed, time-limited quote id that orders carries on the placed order. Prices come from marketing's read model of catalog, never from the request. Roles: customer (its own cart; customerId is the token's), service (orders at checkout, naming the customer).",
  })
  @ApiOkResponse({ type: QuoteResponse, description: 'The priced cart and its quote id' })
  @ApiProblems(422)
  create(@Body() request: QuoteRequestDto, @CurrentPrincipal() principal: Principal) {
    return this.quotes.quote(request, principal);
  }
}

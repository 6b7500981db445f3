import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Principal, Roles } from '@emporium/platform';
import { CreatedQuoteResponse, StoredQuoteResponse } from './dto/quote.response';
import { QuoteRequestDto } from './dto/quote-request.dto';
import { QuotesService } from './quotes.service';

@ApiTags('shipping-quotes')
@ApiBearerAuth()
@Controller('shipping-quotes')
export class QuotesController {
  constructor(private readonly quotes: QuotesService) {}

  @Post()
  @Roles('service', 'ops', 'customer')
  @ApiOperation({
    summary:
      'Prices shipping for a checkout: the cheapest carrier that meets the promise of the delivery option in the address zone. The answer is stored; the shipments later charge exactly its fee. Roles: service (orders at checkout), ops, customer (for itself).',
  })
  @ApiCreatedResponse({
    type: CreatedQuoteResponse,
    description: 'The quote: id, fee, currency, carrier, service level, promised days, expiry',
  })
  @ApiProblems(422)
  create(@Body() request: QuoteRequestDto, @CurrentPrincipal() principal: Principal) {
    return this.quotes.quote(request, principal);
  }

  @Get(':id')
  @Roles('service', 'ops')
  @ApiOperation({ summary: 'A stored quote.' })
  @ApiOkResponse({ type: StoredQuoteResponse, description: 'The quote' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.quotes.get(id);
  }
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Principal, Roles } from '@emporium/platform';
import { FaqEntryDto } from './dto/faq-entry.dto';
import { FaqEntryResponse } from './dto/faq-entry.response';
import { FaqSearchQuery } from './dto/faq-search.query';
import { FaqService } from './faq.service';

@ApiTags('faq')
@ApiBearerAuth()
@Controller('faq')
export class FaqController {
  constructor(private readonly faq: FaqService) {}

  @Get()
  @Roles('customer', 'ops', 'service')
  @ApiOperation({
    summary:
      'Searches the knowledge base (PostgreSQL full text, any word, best first); ops also see unpublished entries.',
  })
  @ApiOkResponse({ type: [FaqEntryResponse], description: 'Up to 20 entries' })
  @ApiProblems(400)
  search(@Query() query: FaqSearchQuery, @CurrentPrincipal() principal: Principal) {
    return this.faq.search(query.q, principal.roles.includes('ops'));
  }

  @Post()
  @Roles('ops')
  @ApiOperation({ summary: 'Adds an entry to the knowledge base.' })
  @ApiCreatedResponse({ type: FaqEntryResponse, description: 'The entry' })
  @ApiProblems(400)
  create(@Body() request: FaqEntryDto) {
    return this.faq.create(request);
  }

  @Put(':id')
  @Roles('ops')
  @ApiOperation({ summary: 'Replaces an entry (unpublish with published: false).' })
  @ApiOkResponse({ type: FaqEntryResponse, description: 'The entry' })
  @ApiProblems(400, 404)
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() request: FaqEntryDto) {
    return this.faq.update(id, request);
  }
}

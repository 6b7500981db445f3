import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@emporium/platform';
import { SearchQuery } from './search.query';
import { SearchService } from './search.service';
import { SearchResultResponse } from './dto/search.response';

@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  /** Listed products only, for anyone. */
  @Get()
  @Public()
  @ApiOkResponse({ type: SearchResultResponse })
  search(@Query() query: SearchQuery) {
    return this.searchService.search(query);
  }
}

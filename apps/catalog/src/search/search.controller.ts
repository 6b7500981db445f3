import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@emporium/platform';
import { SearchQuery } from './search.query';
import { SearchService } from './search.service';

@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  /** Listed products only, for anyone. */
  @Get()
  @Public()
  search(@Query() query: SearchQuery) {
    return this.searchService.search(query);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '@emporium/platform';
import { PutSynonymsDto, UpdateSearchSettingsDto } from './search-settings.dto';
import { SearchSettingsService } from './search-settings.service';
import { SearchQuery, SuggestQuery } from './search.query';
import { SearchService } from './search.service';
import {
  SearchResponseView,
  SearchSettingsView,
  SuggestResponseView,
  SynonymListView,
  SynonymView,
} from './search.views';
import { SuggestService } from './suggest.service';

// Error answers (400, 401, 403, 404 as problem+json) are added from each route's shape by documentApi.

@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(
    private readonly searchService: SearchService,
    private readonly suggestService: SuggestService,
    private readonly settings: SearchSettingsService,
  ) {}

  /** Listed products only, for anyone; the first page carries facet counts. */
  @Get()
  @Public()
  @ApiOkResponse({ type: SearchResponseView })
  search(@Query() query: SearchQuery) {
    return this.searchService.search(query);
  }

  /** Completions and corrections as a shopper types: categories, brands and words of listed titles. Public. */
  @Get('suggest')
  @Public()
  @ApiOkResponse({ type: SuggestResponseView })
  suggest(@Query() query: SuggestQuery) {
    return this.suggestService.suggest(query.q, query.limit ?? 8);
  }

  /** The catalogue's search language and extra stop words. */
  @Get('settings')
  @ApiBearerAuth()
  @Roles('ops')
  @ApiOkResponse({ type: SearchSettingsView })
  getSettings() {
    return this.settings.view();
  }

  /** Changes the language (re-derives every product's vector: a quiet hour's job at a million) or the stop words. */
  @Put('settings')
  @ApiBearerAuth()
  @Roles('ops')
  @ApiOkResponse({ type: SearchSettingsView })
  putSettings(@Body() body: UpdateSearchSettingsDto) {
    return this.settings.update(body);
  }

  /** Every term with its synonyms. */
  @Get('synonyms')
  @ApiBearerAuth()
  @Roles('ops')
  @ApiOkResponse({ type: SynonymListView })
  listSynonyms() {
    return this.settings.listSynonyms();
  }

  /** A query word `term` also matches each synonym (applied at query time, within seconds on every replica). */
  @Put('synonyms/:term')
  @ApiBearerAuth()
  @Roles('ops')
  @ApiOkResponse({ type: SynonymView })
  putSynonyms(@Param('term') term: string, @Body() body: PutSynonymsDto) {
    return this.settings.putSynonyms(term, body.synonyms);
  }

  /** Removes a term's synonyms (within seconds on every replica). */
  @Delete('synonyms/:term')
  @HttpCode(204)
  @ApiBearerAuth()
  @Roles('ops')
  @ApiNoContentResponse()
  async deleteSynonyms(@Param('term') term: string) {
    await this.settings.deleteSynonyms(term);
  }
}

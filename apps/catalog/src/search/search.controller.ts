import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Public, Roles } from '@emporium/platform';
import { PutSynonymsDto, UpdateSearchSettingsDto } from './search-settings.dto';
import { SearchSettingsService } from './search-settings.service';
import { SearchQuery, SuggestQuery } from './search.query';
import { SearchService } from './search.service';
import { ProblemView, SearchResponseView, SearchSettingsView, SuggestResponseView, SynonymListView, SynonymView } from './search.views';
import { SuggestService } from './suggest.service';

const PROBLEM = { type: ProblemView, description: 'application/problem+json naming each bad field' };

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
  @ApiBadRequestResponse(PROBLEM)
  search(@Query() query: SearchQuery) {
    return this.searchService.search(query);
  }

  /** Completions and corrections as a shopper types: categories, brands and words of listed titles. Public. */
  @Get('suggest')
  @Public()
  @ApiOkResponse({ type: SuggestResponseView })
  @ApiBadRequestResponse(PROBLEM)
  suggest(@Query() query: SuggestQuery) {
    return this.suggestService.suggest(query.q, query.limit ?? 8);
  }

  /** The catalogue's search language and extra stop words. */
  @Get('settings')
  @ApiBearerAuth()
  @Roles('ops')
  @ApiOkResponse({ type: SearchSettingsView })
  @ApiUnauthorizedResponse({ type: ProblemView })
  @ApiForbiddenResponse({ type: ProblemView })
  getSettings() {
    return this.settings.view();
  }

  /** Changes the language (re-derives every product's vector: a quiet hour's job at a million) or the stop words. */
  @Put('settings')
  @ApiBearerAuth()
  @Roles('ops')
  @ApiOkResponse({ type: SearchSettingsView })
  @ApiBadRequestResponse(PROBLEM)
  @ApiUnauthorizedResponse({ type: ProblemView })
  @ApiForbiddenResponse({ type: ProblemView })
  putSettings(@Body() body: UpdateSearchSettingsDto) {
    return this.settings.update(body);
  }

  @Get('synonyms')
  @ApiBearerAuth()
  @Roles('ops')
  @ApiOkResponse({ type: SynonymListView })
  @ApiUnauthorizedResponse({ type: ProblemView })
  @ApiForbiddenResponse({ type: ProblemView })
  listSynonyms() {
    return this.settings.listSynonyms();
  }

  /** A query word `term` also matches each synonym (applied at query time, within seconds on every replica). */
  @Put('synonyms/:term')
  @ApiBearerAuth()
  @Roles('ops')
  @ApiOkResponse({ type: SynonymView })
  @ApiBadRequestResponse(PROBLEM)
  @ApiUnauthorizedResponse({ type: ProblemView })
  @ApiForbiddenResponse({ type: ProblemView })
  putSynonyms(@Param('term') term: string, @Body() body: PutSynonymsDto) {
    return this.settings.putSynonyms(term, body.synonyms);
  }

  @Delete('synonyms/:term')
  @HttpCode(204)
  @ApiBearerAuth()
  @Roles('ops')
  @ApiNoContentResponse()
  @ApiBadRequestResponse(PROBLEM)
  @ApiNotFoundResponse({ type: ProblemView })
  @ApiUnauthorizedResponse({ type: ProblemView })
  @ApiForbiddenResponse({ type: ProblemView })
  async deleteSynonyms(@Param('term') term: string) {
    await this.settings.deleteSynonyms(term);
  }
}

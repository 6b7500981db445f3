import { Module } from '@nestjs/common';
import { FacetCounts } from './facet-counts';
import { SearchSettingsService } from './search-settings.service';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';
import { SuggestService } from './suggest.service';
import { TopSellerTierRefresh } from './top-seller-tier.job';

@Module({
  controllers: [SearchController],
  providers: [SearchService, FacetCounts, SuggestService, SearchSettingsService, TopSellerTierRefresh],
})
export class SearchModule {}

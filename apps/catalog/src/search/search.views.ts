import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response shapes, for the OpenAPI document. */

export class SuggestionView {
  @ApiProperty({ example: 'wireless headphones', description: 'What to put in the search box' }) text: string;
  @ApiProperty({
    enum: ['category', 'brand', 'term'],
    description: 'term: a word of listed titles completing the last word typed',
  })
  kind: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'For a category: search it with categoryId' })
  categoryId?: string;
  @ApiProperty({ description: 'True when it corrects a typo rather than completing what was typed' })
  corrected: boolean;
}

export class SuggestResponseView {
  @ApiProperty({ example: 'wireless hea' }) q: string;
  @ApiProperty({ type: [SuggestionView] }) suggestions: SuggestionView[];
}

class PriceFromView {
  @ApiProperty({ example: 1999, description: 'Minor units: the cheapest SKU' }) from: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
}

class ImageView {
  @ApiProperty() url: string;
  @ApiProperty() altText: string;
}

class RatingView {
  @ApiProperty({ example: 4.25 }) average: number;
  @ApiProperty({ example: 12 }) count: number;
}

export class SearchHitView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) merchantId: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional() brand?: string;
  @ApiProperty({ format: 'uuid' }) categoryId: string;
  @ApiPropertyOptional({ type: PriceFromView }) price?: PriceFromView;
  @ApiPropertyOptional({ type: ImageView }) image?: ImageView;
  @ApiProperty({ type: RatingView }) rating: RatingView;
  @ApiProperty() unitsSold: number;
  @ApiProperty({ format: 'date-time' }) listedAt: string;
  @ApiPropertyOptional({ description: 'Text relevance (higher is better), with q only' }) relevance?: number;
}

class CategoryFacetView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ description: 'Results in this category and everything below it' }) count: number;
}

class BrandFacetView {
  @ApiProperty() brand: string;
  @ApiProperty() count: number;
}

class PriceFacetView {
  @ApiProperty({ description: 'Minor units, inclusive: use as minPrice' }) min: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Minor units, exclusive (maxPrice = max - 1); null: no upper bound',
  })
  max: number | null;
  @ApiProperty() count: number;
}

class RatingFacetView {
  @ApiProperty({ example: 4 }) minRating: number;
  @ApiProperty() count: number;
}

export class FacetsView {
  @ApiProperty({ description: 'All results of the search' }) total: number;
  @ApiProperty({ type: [CategoryFacetView] }) categories: CategoryFacetView[];
  @ApiProperty({ type: [BrandFacetView], description: 'The 20 most frequent brands' }) brands: BrandFacetView[];
  @ApiProperty({ type: [PriceFacetView] }) prices: PriceFacetView[];
  @ApiProperty({ type: [RatingFacetView] }) ratings: RatingFacetView[];
}

export class SearchResponseView {
  @ApiProperty({ type: [SearchHitView] }) items: SearchHitView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ enum: ['relevance', 'price_asc', 'price_desc', 'newest', 'best_selling'] }) sort: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { hedphones: 'headphones' },
    description: 'Query words searched also as these dictionary words',
  })
  corrections?: Record<string, string>;
  @ApiPropertyOptional({
    type: FacetsView,
    description: 'With facets=true, first page only (no cursor): counts for the query and every filter given',
  })
  facets?: FacetsView;
}

export class SearchSettingsView {
  @ApiProperty({ example: 'english', description: 'PostgreSQL text search configuration: stemming and its stop words' })
  language: string;
  @ApiProperty({ type: [String], example: ['cheap', 'best'] }) stopWords: string[];
}

export class SynonymView {
  @ApiProperty({ example: 'tee' }) term: string;
  @ApiProperty({ type: [String], example: ['shirt', 't shirt'] }) synonyms: string[];
}

export class SynonymListView {
  @ApiProperty({ type: [SynonymView] }) items: SynonymView[];
}

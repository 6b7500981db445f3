import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNumber, IsString, Max, Min } from 'class-validator';
import { loadConfig, platformDefaults, ServiceConfig } from '@emporium/platform';

export const SERVICE_NAME = 'catalog';
export const DEFAULT_PORT = 3002;

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((word) => word.trim().toLowerCase())
        .filter((word) => word.length > 0)
    : value;

export class CatalogConfig extends ServiceConfig {
  /** Words a listing may not contain (title, description, brand), comma-separated, case-insensitive. */
  @Transform(csv)
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsString({ each: true })
  CATALOG_FORBIDDEN_WORDS: string[];

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(200)
  CATALOG_TITLE_MIN_LENGTH: number;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(200)
  CATALOG_TITLE_MAX_LENGTH: number;

  /** A listed SKU's price may move by this many percent (up or down) before the product goes back to review. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  CATALOG_PRICE_REVIEW_JUMP_PERCENT: number;

  /** How long a search's facet counts are reused for the same query and filters (0: computed every time). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(3600)
  CATALOG_SEARCH_FACET_CACHE_SECONDS: number;

  /**
   * How long the dictionary's correction of a query word is reused (0: looked up on every search). A word
   * newly listed is corrected towards for at most this long after it appears; it is found as typed at once.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(3600)
  CATALOG_SEARCH_CORRECTION_CACHE_SECONDS: number;

  /** How many best-selling matches relevance ranks; a relevance-sorted search ends after them. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(20)
  @Max(5000)
  CATALOG_SEARCH_RELEVANCE_CANDIDATES: number;

  /** The top sellers' search tier: the best-selling share of listed products, in percent. */
  @Transform(({ value }) => Number(value))
  @IsNumber()
  @Min(0.1)
  @Max(100)
  CATALOG_SEARCH_TOP_SELLERS_PERCENT: number;

  /** How often the tier's threshold follows the sales (a product that sells past it joins at once). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(86400)
  CATALOG_SEARCH_TOP_SELLERS_REFRESH_SECONDS: number;
}

export function loadCatalogConfig(env: Record<string, string | undefined> = process.env): CatalogConfig {
  return loadConfig(
    CatalogConfig,
    {
      ...platformDefaults(SERVICE_NAME, DEFAULT_PORT),
      CATALOG_FORBIDDEN_WORDS: 'replica,counterfeit,fake,knockoff,imitation',
      CATALOG_TITLE_MIN_LENGTH: '10',
      CATALOG_TITLE_MAX_LENGTH: '150',
      CATALOG_PRICE_REVIEW_JUMP_PERCENT: '50',
      CATALOG_SEARCH_FACET_CACHE_SECONDS: '30',
      CATALOG_SEARCH_CORRECTION_CACHE_SECONDS: '60',
      CATALOG_SEARCH_RELEVANCE_CANDIDATES: '300',
      CATALOG_SEARCH_TOP_SELLERS_PERCENT: '5',
      CATALOG_SEARCH_TOP_SELLERS_REFRESH_SECONDS: '600',
    },
    env,
  );
}

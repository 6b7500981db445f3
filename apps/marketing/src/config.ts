import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { ConfigError, loadConfig, platformDefaults, ServiceConfig } from '@emporium/platform';

export const SERVICE_NAME = 'marketing';
export const DEFAULT_PORT = 3007;

/** Public, in this repository: refused unless EMPORIUM_DEV_MODE is set (like the JWT secret). */
export const DEVELOPMENT_QUOTE_SECRET = 'emporium-dev-quote-secret-change-me';

const toNumber = ({ value }: { value: unknown }) => Number(value);

export class MarketingConfig extends ServiceConfig {
  /** Signs quote ids (HMAC-SHA256), so orders cannot change a quote's discounts on the way to redemption. */
  @IsString()
  @MinLength(16)
  QUOTE_SIGNING_SECRET: string;

  /** How long a quote stays redeemable: the checkout must place the order before then. */
  @Transform(toNumber)
  @IsInt()
  @Min(10)
  @Max(24 * 3600)
  QUOTE_TTL_SECONDS: number;

  /** Upper bound of one compensation coupon, minor units (customer-service's request is capped to it). */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  MAX_COMPENSATION_AMOUNT: number;

  /** How long a compensation or targeted coupon stays valid. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(3650)
  ISSUED_COUPON_VALID_DAYS: number;
}

export function loadMarketingConfig(env: Record<string, string | undefined> = process.env): MarketingConfig {
  const config = loadConfig(
    MarketingConfig,
    {
      ...platformDefaults(SERVICE_NAME, DEFAULT_PORT),
      QUOTE_SIGNING_SECRET: DEVELOPMENT_QUOTE_SECRET,
      QUOTE_TTL_SECONDS: '900',
      MAX_COMPENSATION_AMOUNT: '5000',
      ISSUED_COUPON_VALID_DAYS: '90',
    },
    env,
  );
  if (!config.EMPORIUM_DEV_MODE && config.QUOTE_SIGNING_SECRET === DEVELOPMENT_QUOTE_SECRET) {
    throw new ConfigError(
      'invalid configuration:\n  QUOTE_SIGNING_SECRET: the development default is public; set a secret, or EMPORIUM_DEV_MODE=true on a laptop',
    );
  }
  return config;
}

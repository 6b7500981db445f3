import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Min, MinLength } from 'class-validator';
import { ConfigError, loadConfig, platformDefaults, ServiceConfig } from '@emporium/platform';

export const SERVICE_NAME = 'orders';
export const DEFAULT_PORT = 3004;

export class OrdersConfig extends ServiceConfig {
  /** How long an order may stay PENDING before the saga gives up and cancels it. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  ORDER_CONFIRMATION_TIMEOUT_SECONDS: number;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  ORDER_DEADLINE_SWEEP_MS: number;

  /** Units of one SKU a single order may take (all its lines together). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  ORDER_MAX_UNITS_PER_SKU: number;

  /** logistics' base URL for shipping quotes at checkout; unset: no fee and no quote (orders tested alone). */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'LOGISTICS_URL must be an http(s) URL' })
  LOGISTICS_URL?: string;

  /** How long checkout waits for logistics' quote before answering 503. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(50)
  LOGISTICS_TIMEOUT_MS: number;

  /** marketing's base URL for promotion quotes at checkout; unset: no promotions nor coupons (orders tested alone). */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'MARKETING_URL must be an http(s) URL' })
  MARKETING_URL?: string;

  /** How long checkout waits for marketing's quote before answering 503. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(50)
  MARKETING_TIMEOUT_MS: number;

  /** How long a payment gateway call may take before it counts as timed out (PAYMENT_FAILED, voided to be safe). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(50)
  PAYMENT_GATEWAY_TIMEOUT_MS: number;

  /** The sandbox gateway's webhook signing secret (a real gateway's comes from a Secret). */
  @IsString()
  @MinLength(16)
  PAYMENT_WEBHOOK_SECRET: string;

  /** A webhook whose signed timestamp is further than this from now is stale (401). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  PAYMENT_WEBHOOK_TOLERANCE_SECONDS: number;

  /** The return window: a DELIVERED order completes this long after delivery (default 7 days). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  ORDER_RETURN_WINDOW_SECONDS: number;

  /** How often each replica looks for orders whose return window closed. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  ORDER_COMPLETION_SWEEP_MS: number;
}

/** Public, in this repository: accepted only with EMPORIUM_DEV_MODE (like the development JWT secret). */
export const DEVELOPMENT_PAYMENT_WEBHOOK_SECRET = 'sandbox-payment-webhook-secret';

export function loadOrdersConfig(env: Record<string, string | undefined> = process.env): OrdersConfig {
  const config = loadConfig(
    OrdersConfig,
    {
      ...platformDefaults(SERVICE_NAME, DEFAULT_PORT),
      ORDER_CONFIRMATION_TIMEOUT_SECONDS: '300',
      ORDER_DEADLINE_SWEEP_MS: '5000',
      ORDER_MAX_UNITS_PER_SKU: '20',
      LOGISTICS_TIMEOUT_MS: '2000',
      MARKETING_TIMEOUT_MS: '2000',
      PAYMENT_GATEWAY_TIMEOUT_MS: '5000',
      PAYMENT_WEBHOOK_SECRET: DEVELOPMENT_PAYMENT_WEBHOOK_SECRET,
      PAYMENT_WEBHOOK_TOLERANCE_SECONDS: '300',
      ORDER_RETURN_WINDOW_SECONDS: String(7 * 24 * 3600),
      ORDER_COMPLETION_SWEEP_MS: '60000',
    },
    env,
  );
  if (!config.EMPORIUM_DEV_MODE && config.PAYMENT_WEBHOOK_SECRET === DEVELOPMENT_PAYMENT_WEBHOOK_SECRET) {
    throw new ConfigError(
      'invalid configuration:\n  PAYMENT_WEBHOOK_SECRET: the development default is public; set a secret, or EMPORIUM_DEV_MODE=true on a laptop',
    );
  }
  return config;
}

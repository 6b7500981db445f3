import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Matches, Min } from 'class-validator';
import { loadConfig, platformDefaults, ServiceConfig } from '@emporium/platform';

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
}

export function loadOrdersConfig(env: Record<string, string | undefined> = process.env): OrdersConfig {
  return loadConfig(
    OrdersConfig,
    { ...platformDefaults(SERVICE_NAME, DEFAULT_PORT), ORDER_CONFIRMATION_TIMEOUT_SECONDS: '300', ORDER_DEADLINE_SWEEP_MS: '5000', ORDER_MAX_UNITS_PER_SKU: '20', LOGISTICS_TIMEOUT_MS: '2000' },
    env,
  );
}

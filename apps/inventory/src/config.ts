import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { loadConfig, platformDefaults, ServiceConfig } from '@emporium/platform';

export const SERVICE_NAME = 'inventory';
export const DEFAULT_PORT = 3003;

const toNumber = ({ value }: { value: unknown }) => Number(value);

export class InventoryConfig extends ServiceConfig {
  /**
   * How long units stay held for an order that is not confirmed yet. Longer than orders' own
   * confirmation deadline, so normally orders cancels first and expiry is only the safety net for an
   * order that was lost; confirmation makes the reservation firm (it never expires after that).
   */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  RESERVATION_TTL_SECONDS: number;

  @Transform(toNumber)
  @IsInt()
  @Min(50)
  RESERVATION_EXPIRY_SWEEP_MS: number;

  /** The replenishment run's period: daily in production, seconds in tests. */
  @Transform(toNumber)
  @IsInt()
  @Min(500)
  REPLENISHMENT_RUN_EVERY_MS: number;

  /** Trailing window of sales that gives the average daily sales. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(365)
  REPLENISHMENT_WINDOW_DAYS: number;

  /** Days of demand an order should cover beyond the lead time (the review period). */
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(365)
  REPLENISHMENT_REVIEW_DAYS: number;

  /** Supplier lead time for a SKU and warehouse whose policy does not set one. */
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(365)
  REPLENISHMENT_DEFAULT_LEAD_TIME_DAYS: number;

  /** Default of the slow-moving report's `days` parameter. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(3650)
  SLOW_MOVING_DAYS: number;
}

export function loadInventoryConfig(env: Record<string, string | undefined> = process.env): InventoryConfig {
  return loadConfig(
    InventoryConfig,
    {
      ...platformDefaults(SERVICE_NAME, DEFAULT_PORT),
      RESERVATION_TTL_SECONDS: '1800',
      RESERVATION_EXPIRY_SWEEP_MS: '5000',
      REPLENISHMENT_RUN_EVERY_MS: String(24 * 60 * 60 * 1000),
      REPLENISHMENT_WINDOW_DAYS: '28',
      REPLENISHMENT_REVIEW_DAYS: '14',
      REPLENISHMENT_DEFAULT_LEAD_TIME_DAYS: '7',
      SLOW_MOVING_DAYS: '90',
    },
    env,
  );
}

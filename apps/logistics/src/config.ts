import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { DELIVERY_OPTIONS, DeliveryOption } from '@emporium/contracts';
import { loadConfig, platformDefaults, ServiceConfig } from '@emporium/platform';

export const SERVICE_NAME = 'logistics';
export const DEFAULT_PORT = 3005;

const toNumber = ({ value }: { value: unknown }) => Number(value);

export class LogisticsConfig extends ServiceConfig {
  /** Zone used when an order carries no shipping address (orders placed before checkout asked for one). */
  @IsString()
  @IsNotEmpty()
  DEFAULT_SHIPPING_ZONE: string;

  /** Delivery option used when an order carries none. */
  @IsIn(DELIVERY_OPTIONS)
  DEFAULT_DELIVERY_OPTION: DeliveryOption;

  /** Weight assumed for a SKU logistics has not heard of from catalog (no dimensions: no volumetric weight). */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  DEFAULT_ITEM_WEIGHT_GRAMS: number;

  /** How long the merchant's warehouse has to hand a parcel to the carrier before it counts as delayed. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  DISPATCH_HANDLING_HOURS: number;

  /** How long `POST /shipping-quotes` answers stay usable for a checkout. */
  @Transform(toNumber)
  @IsInt()
  @Min(10)
  SHIPPING_QUOTE_TTL_SECONDS: number;

  /** How often pending labels are booked with the carrier (outside any consumer transaction). */
  @Transform(toNumber)
  @IsInt()
  @Min(50)
  LABEL_BOOKING_POLL_MS: number;

  /** How often missed promises are looked for. */
  @Transform(toNumber)
  @IsInt()
  @Min(50)
  DELAY_SWEEP_MS: number;

  /** Tracking webhooks older or newer than this (by their signed timestamp) are refused as stale. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(3600)
  WEBHOOK_TOLERANCE_SECONDS: number;
}

export function loadLogisticsConfig(env: Record<string, string | undefined> = process.env): LogisticsConfig {
  return loadConfig(
    LogisticsConfig,
    {
      ...platformDefaults(SERVICE_NAME, DEFAULT_PORT),
      DEFAULT_SHIPPING_ZONE: 'DOMESTIC',
      DEFAULT_DELIVERY_OPTION: 'STANDARD',
      DEFAULT_ITEM_WEIGHT_GRAMS: '1000',
      DISPATCH_HANDLING_HOURS: '48',
      SHIPPING_QUOTE_TTL_SECONDS: '1800',
      LABEL_BOOKING_POLL_MS: '1000',
      DELAY_SWEEP_MS: '60000',
      WEBHOOK_TOLERANCE_SECONDS: '300',
    },
    env,
  );
}

import { IsISO31661Alpha2, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** How fast the customer asked for delivery; logistics maps it to a promise per destination zone. */
export const DELIVERY_OPTIONS = ['STANDARD', 'EXPRESS'] as const;
export type DeliveryOption = (typeof DELIVERY_OPTIONS)[number];

/** Where an order ships to. `country` decides the shipping zone; `region` steers inventory's warehouse choice. */
export class ShippingAddressV1 {
  /** ISO 3166-1 alpha-2, e.g. `DE`. */
  @IsISO31661Alpha2()
  country: string;

  /** A region code such as `EU-DE` (the same codes inventory's warehouses use). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  region?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  postalCode: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  city: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  line1: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  line2?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  recipientName?: string;
}

export function isDeliveryOption(value: unknown): value is DeliveryOption {
  return typeof value === 'string' && (DELIVERY_OPTIONS as readonly string[]).includes(value);
}

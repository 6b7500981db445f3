import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsISO4217CurrencyCode, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/** The SKU format every API accepts, so a SKU valid in catalog is valid in inventory and orders. */
export const SKU_PATTERN = /^[A-Za-z0-9._-]+$/;

export function IsSku() {
  return applyDecorators(
    ApiProperty({ example: 'TSHIRT-RED-M', maxLength: 64, pattern: SKU_PATTERN.source }),
    IsString(),
    IsNotEmpty(),
    MaxLength(64),
    Matches(SKU_PATTERN, { message: 'sku may contain letters, digits, dot, underscore and dash' }),
  );
}

/**
 * An ISO 4217 code in upper case, exactly as the event contracts require (`^[A-Z]{3}$`): `eur` passes
 * class-validator's ISO 4217 check but would be published and then fail every consumer's validation.
 */
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

export function IsCurrency() {
  return applyDecorators(
    ApiProperty({ example: 'EUR', pattern: CURRENCY_PATTERN.source }),
    Matches(CURRENCY_PATTERN, { message: 'currency must be an upper-case ISO 4217 code' }),
    IsISO4217CurrencyCode(),
  );
}

import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { SKU_MAX_LENGTH, SKU_PATTERN } from '@emporium/contracts';
import { IsISO4217CurrencyCode, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/** The SKU format every API accepts (defined once in libs/contracts, with the events that carry SKUs). */
export function IsSku() {
  return applyDecorators(
    ApiProperty({ example: 'TSHIRT-RED-M', maxLength: SKU_MAX_LENGTH, pattern: SKU_PATTERN.source }),
    IsString(),
    IsNotEmpty(),
    MaxLength(SKU_MAX_LENGTH),
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

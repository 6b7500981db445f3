import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

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

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsBirthday } from './birthday';

/** Printable text: no control characters (names end up in emails and on labels). */
export const PRINTABLE = /^[^\p{Cc}]+$/u;
export const PHONE = /^\+?[0-9][0-9 ()-]{4,30}$/;
export const REGION = /^[A-Z]{2}(-[A-Z0-9]{1,8}){0,2}$/;

export class RegisterMemberDto {
  /** Ops only, registering a customer by its id; a customer registers itself (the token's subject). */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name: string;

  @ApiProperty({ example: 'ada@example.com' })
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email: string;

  @ApiPropertyOptional({ example: '+49 40 1234567' })
  @IsOptional()
  @IsString()
  @Matches(PHONE, { message: 'phone must be digits, spaces, dashes and parentheses, optionally starting with +' })
  phone?: string;

  @ApiPropertyOptional({ example: '1990-07-04', description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsBirthday()
  birthday?: string;

  @ApiPropertyOptional({ example: 'EU-DE', description: 'For regional offers' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  @Matches(REGION, { message: 'region must look like EU-DE' })
  region?: string;

  @ApiProperty({ description: 'Whether the member agrees to marketing messages' })
  @IsBoolean()
  marketingConsent: boolean;
}

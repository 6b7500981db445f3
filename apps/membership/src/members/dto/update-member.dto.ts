import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsBirthday } from './birthday';
import { PHONE, PRINTABLE, REGION } from './register-member.dto';

/** Only the fields sent change; `null` clears an optional one (phone, birthday, region). */
export class UpdateMemberDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @Matches(PHONE, { message: 'phone must be digits, spaces, dashes and parentheses, optionally starting with +' })
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'YYYY-MM-DD' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsBirthday()
  birthday?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(32)
  @Matches(REGION, { message: 'region must look like EU-DE' })
  region?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  marketingConsent?: boolean;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class QualificationDocumentDto {
  @ApiProperty({ example: 'BUSINESS_LICENCE' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @Matches(/^[A-Z0-9_]+$/, { message: 'type must be an upper-case code, e.g. BUSINESS_LICENCE' })
  type: string;

  @ApiProperty({ example: 'HRB-123456' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  number: string;

  @ApiProperty({ example: 'Amtsgericht Berlin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  issuer: string;

  @ApiProperty({ example: '2028-12-31', description: 'Last day the document is valid' })
  @IsISO8601({ strict: true }, { message: 'expiresOn must be a date, YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'expiresOn must be a date, YYYY-MM-DD' })
  expiresOn: string;

  @ApiProperty({ example: 'https://files.example/licence.pdf' })
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  url: string;
}

export class RegisterMerchantDto {
  @ApiProperty({ example: 'Green Threads GmbH' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  legalName: string;

  @ApiProperty({ example: 'Anna Schmidt' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  contactName: string;

  @ApiProperty({ example: 'anna@greenthreads.example' })
  @IsEmail()
  @MaxLength(200)
  contactEmail: string;

  @ApiPropertyOptional({ example: '+49 30 1234567' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(/^\+?[0-9 ()-]{5,40}$/, { message: 'contactPhone must be a phone number' })
  contactPhone?: string;

  @ApiProperty({ example: 'HRB-123456' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  businessLicenceNumber: string;

  @ApiProperty({ type: [QualificationDocumentDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => QualificationDocumentDto)
  documents: QualificationDocumentDto[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { NoNulBytes } from './search.query';

export class UpdateSearchSettingsDto {
  @ApiPropertyOptional({
    example: 'english',
    description:
      'A text search configuration of the database (english, simple, german, french, ...). Changing it re-derives every product vector.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,63}$/)
  language?: string;

  @ApiPropertyOptional({ type: [String], example: ['cheap', 'best'], description: 'Extra words dropped from queries' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  @NoNulBytes({ each: true })
  stopWords?: string[];
}

export class PutSynonymsDto {
  @ApiProperty({
    type: [String],
    example: ['shirt', 't shirt'],
    description: 'Words or phrases a query word also matches',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(80, { each: true })
  @NoNulBytes({ each: true })
  synonyms: string[];
}

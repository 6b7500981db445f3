import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class FaqEntryDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  question: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  answer: string;

  /** Unpublished entries are kept but never suggested or listed to customers. */
  @IsOptional()
  @IsBoolean()
  published?: boolean;
}

import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class FaqSearchQuery {
  /** Words to look for (any of them; best matches first). Without it, every published entry. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  q?: string;
}

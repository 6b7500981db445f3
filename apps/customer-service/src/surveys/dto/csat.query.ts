import { IsISO8601, IsOptional } from 'class-validator';

export class CsatQuery {
  /** ISO 8601, inclusive (answers from); default 30 days ago */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** ISO 8601, exclusive; default now */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

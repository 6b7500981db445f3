import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';

export class FindMemberQuery {
  /** Exact match, case-insensitive. Erased members are never found. */
  @ApiProperty({ example: 'ada@example.com' })
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email: string;
}

import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class ApproveReturnDto {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class RejectReturnDto {
  /** Told to the customer. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  note: string;
}

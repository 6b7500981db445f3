import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Every ops decision that goes against a merchant, or lifts one, says why (it is audited). */
export class ReasonDto {
  @ApiProperty({ example: 'Business licence number does not match the registry' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}

import { IsInt, Max, Min } from 'class-validator';

export class SlaPolicyDto {
  /** Business minutes to the first agent answer. */
  @IsInt()
  @Min(1)
  @Max(60 * 24 * 30)
  firstResponseMinutes: number;

  /** Business minutes to resolution (paused while waiting on the customer). */
  @IsInt()
  @Min(1)
  @Max(60 * 24 * 90)
  resolutionMinutes: number;
}

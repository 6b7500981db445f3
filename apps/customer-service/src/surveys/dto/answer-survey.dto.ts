import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class AnswerSurveyDto {
  /** 1 (very unhappy) to 5 (very happy); 4 and 5 count as satisfied. */
  @IsInt()
  @Min(1)
  @Max(5)
  score: number;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

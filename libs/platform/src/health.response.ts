import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CheckResponse {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Why a dependency is down' })
  error?: string;
}

export class LiveResponse {
  @ApiProperty({ enum: ['up'] })
  status: 'up';
}

export class ReadyResponse {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/CheckResponse' },
    description: 'One entry per dependency (database, broker)',
  })
  checks: Record<string, CheckResponse>;
}

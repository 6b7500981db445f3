import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { KafkaConnection } from '@emporium/messaging';
import { DataSource } from 'typeorm';
import { Public } from './auth';
import { ApiProblems } from './openapi';
import { CheckResponse, LiveResponse, ReadyResponse } from './health.response';

async function check(name: string, probe: () => Promise<unknown>): Promise<[string, { status: 'up' | 'down'; error?: string }]> {
  try {
    await probe();
    return [name, { status: 'up' }];
  } catch (error) {
    return [name, { status: 'down', error: (error as Error).message }];
  }
}

@ApiTags('operations')
@ApiExtraModels(CheckResponse)
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
  ) {}

  /** The process is alive; says nothing about its dependencies (restart only if this fails). */
  @Get('live')
  @ApiOperation({ summary: 'The process is alive; says nothing about its dependencies (restart only if this fails).' })
  @ApiOkResponse({ type: LiveResponse })
  live() {
    return { status: 'up' };
  }

  /** Ready for traffic: the database and the broker both answer. */
  @Get('ready')
  @ApiOperation({ summary: 'Ready for traffic: the database and the broker both answer.' })
  @HttpCode(200)
  @ApiOkResponse({ type: ReadyResponse })
  @ApiProblems(503)
  async ready() {
    const checks = Object.fromEntries(
      await Promise.all([check('database', () => this.dataSource.query('SELECT 1')), check('broker', () => this.kafka.ping())]),
    );
    const status = Object.values(checks).every((c) => c.status === 'up') ? 'up' : 'down';
    if (status === 'down') throw new ServiceUnavailableException({ status, checks, message: 'not ready' });
    return { status, checks };
  }
}

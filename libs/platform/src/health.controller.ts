import { Controller, Get, HttpStatus, OnModuleDestroy, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { KafkaConnection } from '@emporium/messaging';
import type { Response } from 'express';
import { Gauge, register } from 'prom-client';
import { DataSource } from 'typeorm';
import { Public } from './auth';
import { CheckResponse, LiveResponse, ReadyResponse } from './health.response';

type CheckResult = { status: 'up' | 'down'; error?: string };

async function check(probe: () => Promise<unknown>, timeoutMs = 2000): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The probes of the most recently started app in this process (one per process in production; tests
 * may start several, and the gauge is process-wide like every prom-client metric).
 */
let probes: { database: () => Promise<unknown>; broker: () => Promise<unknown> } | undefined;

// Probed on every scrape, so alerts see the dependency's state now, whoever calls the endpoints.
if (!register.getSingleMetric('emporium_dependency_up')) {
  new Gauge({
    name: 'emporium_dependency_up',
    help: 'Whether a dependency answered when /metrics was scraped (1) or not (0): database, broker',
    labelNames: ['dependency'],
    async collect() {
      if (!probes) return;
      const [database, broker] = await Promise.all([check(probes.database), check(probes.broker)]);
      this.set({ dependency: 'database' }, database.status === 'up' ? 1 : 0);
      this.set({ dependency: 'broker' }, broker.status === 'up' ? 1 : 0);
    },
  });
}

@ApiTags('operations')
@ApiExtraModels(CheckResponse)
@Public()
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly probes = {
    database: () => this.dataSource.query('SELECT 1'),
    broker: () => this.kafka.ping(),
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
  ) {
    probes = this.probes;
  }

  onModuleDestroy(): void {
    if (probes === this.probes) probes = undefined;
  }

  /** The process is alive; says nothing about its dependencies (restart only if this fails). */
  @Get('live')
  @ApiOperation({ summary: 'The process is alive; says nothing about its dependencies (restart only if this fails).' })
  @ApiOkResponse({ type: LiveResponse })
  live() {
    return { status: 'up' };
  }

  /**
   * Ready for traffic: the database answers. The broker is reported but does not decide: every write
   * needs only PostgreSQL (its events wait in the outbox), so a Kafka outage must not take every pod
   * out of its Service. Broker health is /health/broker and the emporium_dependency_up alert.
   */
  @Get('ready')
  @ApiOperation({ summary: 'Ready for traffic: the database answers (the broker is reported, not required).' })
  @ApiOkResponse({ type: ReadyResponse })
  @ApiServiceUnavailableResponse({
    type: ReadyResponse,
    description: 'The database does not answer; the body still lists the checks',
  })
  async ready(@Res({ passthrough: true }) response: Response) {
    const [database, broker] = await Promise.all([check(this.probes.database), check(this.probes.broker)]);
    // A plain 503 with the checks (not an error: probes fail by design while a dependency is away).
    if (database.status === 'down') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: database.status, checks: { database, broker } };
  }

  /** The broker answers (for alerting and diagnosis; not readiness). 503 while it does not. */
  @Get('broker')
  @ApiOperation({ summary: 'The broker answers (for alerting and diagnosis, not readiness).' })
  @ApiOkResponse({ type: ReadyResponse })
  @ApiServiceUnavailableResponse({ type: ReadyResponse, description: 'The broker does not answer' })
  async broker(@Res({ passthrough: true }) response: Response) {
    const broker = await check(this.probes.broker);
    if (broker.status === 'down') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: broker.status, checks: { broker } };
  }
}

import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, Reflector } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingModule } from '@emporium/messaging';
import { MigrationInterface } from 'typeorm';
import { BearerAuthGuard, tokenVerifierFor } from './auth';
import { TOKEN_VERIFIER } from './http-hardening';
import { configureCursorSigning } from './cursor-page';
import { messagingOptionsFrom, ServiceConfig } from './config';
import { DATA_RETENTION_CONFIG, DataRetention } from './data-retention';
import { HealthController } from './health.controller';
import { loggingModule } from './logging';
import { collectProcessMetrics, HttpMetricsMiddleware, MetricsController } from './metrics';
import { ProblemDetailsFilter, strictValidationPipe } from './problem-details';

export interface ServiceDefinition {
  /** e.g. `orders`; names the database, consumer group, DLQ and log/trace service. */
  name: string;
  config: ServiceConfig;
  entities: (new () => object)[];
  migrations: (new () => MigrationInterface)[];
  /** The swagger plugin's output for this app (`src/openapi-metadata.ts`, `npm run openapi:generate`). */
  openApiMetadata?: OpenApiMetadata;
}

export type OpenApiMetadata = () => Promise<Record<string, unknown>>;
export const OPENAPI_METADATA = Symbol('OPENAPI_METADATA');

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/**
 * What every service shares: config, JSON logs, the database, messaging, problem+json errors, strict
 * validation, bearer auth, health and metrics. A service's AppModule imports this and its features.
 */
@Module({})
export class PlatformModule implements NestModule {
  static forRoot(service: ServiceDefinition): DynamicModule {
    const { config } = service;
    collectProcessMetrics(service.name);
    configureCursorSigning(config.CURSOR_SECRET ?? config.JWT_SECRET);
    const verifier = tokenVerifierFor(config);
    return {
      module: PlatformModule,
      global: true,
      imports: [
        loggingModule(service.name, config.LOG_LEVEL),
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.DATABASE_URL,
          entities: service.entities,
          migrations: service.migrations,
          // Migrations run as their own step (`npm run migrate`), never implicitly at boot.
          migrationsRun: false,
          synchronize: false,
          applicationName: service.name,
          extra: { max: 20 },
        }),
        MessagingModule.forRoot(messagingOptionsFrom(service.name, config)),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: OPENAPI_METADATA, useValue: service.openApiMetadata },
        { provide: TOKEN_VERIFIER, useValue: verifier },
        { provide: DATA_RETENTION_CONFIG, useValue: config },
        DataRetention,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: strictValidationPipe },
        {
          provide: APP_GUARD,
          useFactory: (reflector: Reflector) => new BearerAuthGuard(reflector, verifier),
          inject: [Reflector],
        },
      ],
      exports: [SERVICE_CONFIG, TOKEN_VERIFIER, DataRetention],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}

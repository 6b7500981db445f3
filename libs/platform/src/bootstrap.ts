import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { connectEventTransport } from '@emporium/messaging';
import type { Request } from 'express';
import { Logger } from 'nestjs-pino';
import type { TokenVerifier } from './auth';
import { ServiceConfig } from './config';
import { answerClientErrorsWithProblems, applyHttpHardening, TOKEN_VERIFIER } from './http-hardening';
import { documentApi } from './openapi';
import { OPENAPI_METADATA, OpenApiMetadata, SERVICE_CONFIG } from './platform.module';

/** A request whose JSON body was parsed; `rawBody` is what came over the wire (for signature checks). */
export type RawBodyRequest = Request & { rawBody?: Buffer };

/** Builds the HTTP application (used by main.ts and by tests alike): logger, OpenAPI docs, shutdown hooks, the event transport. */
export async function createServiceApp(module: unknown, service: string): Promise<INestApplication> {
  // Our own JSON parsing (http-hardening.ts), so every bad body is answered like every other bad input.
  const app = await NestFactory.create(module as never, { bufferLogs: true, bodyParser: false });
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  applyHttpHardening(app, config, app.get<TokenVerifier>(TOKEN_VERIFIER));
  answerClientErrorsWithProblems(app.getHttpServer());
  app.useLogger(app.get(Logger));
  // SIGTERM: stop taking requests, then drain the consumer and the relay before closing connections.
  app.enableShutdownHooks();
  const document = await documentApi(
    app,
    service,
    app.get<OpenApiMetadata | undefined>(OPENAPI_METADATA, { strict: false }),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  // A hybrid app: the @EventPattern handlers run on our Kafka event transport.
  await connectEventTransport(app);
  return app;
}

export async function runService(module: unknown, service: string, config: ServiceConfig): Promise<INestApplication> {
  const app = await createServiceApp(module, service);
  // Loopback unless configured (development default); a container sets HOST=0.0.0.0 or runs outside dev mode.
  await app.listen(config.PORT, config.HOST ?? '127.0.0.1');
  return app;
}

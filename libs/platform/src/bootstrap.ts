import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { connectEventTransport } from '@emporium/messaging';
import express, { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { ServiceConfig } from './config';
import { documentApi } from './openapi';
import { OPENAPI_METADATA, OpenApiMetadata } from './platform.module';
import { InvalidInputException } from './problem-details';

/** A request whose JSON body was parsed; `rawBody` is what came over the wire (for signature checks). */
export type RawBodyRequest = Request & { rawBody?: Buffer };

/** Builds the HTTP application (used by main.ts and by tests alike): logger, OpenAPI docs, shutdown hooks. */
export async function createServiceApp(module: unknown, service: string): Promise<INestApplication> {
  // Our own JSON parser, so a malformed body is answered like every other bad input: a 400 naming the field.
  const app = await NestFactory.create(module as never, { bufferLogs: true, bodyParser: false });
  // The raw bytes are kept (request.rawBody) because signed webhooks are verified over exactly what was sent.
  const parseJson = express.json({ limit: '1mb', verify: (request, _response, body) => void ((request as RawBodyRequest).rawBody = body) });
  app.use((request: Request, response: Response, next: NextFunction) =>
    parseJson(request, response, (error?: { type?: string }) =>
      next(error?.type === 'entity.parse.failed' ? new InvalidInputException([{ field: 'body', message: 'must be valid JSON' }]) : error),
    ),
  );
  app.useLogger(app.get(Logger));
  // SIGTERM: stop taking requests, then drain the consumer and the relay before closing connections.
  app.enableShutdownHooks();
  const document = await documentApi(app, service, app.get<OpenApiMetadata | undefined>(OPENAPI_METADATA, { strict: false }));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  // A hybrid app: the @EventPattern handlers run on our Kafka event transport.
  await connectEventTransport(app);
  return app;
}

export async function runService(module: unknown, service: string, config: ServiceConfig): Promise<INestApplication> {
  const app = await createServiceApp(module, service);
  await app.listen(config.PORT, '0.0.0.0');
  return app;
}

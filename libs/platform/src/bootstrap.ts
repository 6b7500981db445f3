import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { TokenVerifier } from './auth';
import { ServiceConfig } from './config';
import { answerClientErrorsWithProblems, applyHttpHardening, TOKEN_VERIFIER } from './http-hardening';
import { SERVICE_CONFIG } from './platform.module';

/** Builds the HTTP application (used by main.ts and by tests alike): logger, OpenAPI docs, shutdown hooks. */
export async function createServiceApp(module: unknown, service: string): Promise<INestApplication> {
  // Our own JSON parsing (http-hardening.ts), so every bad body is answered like every other bad input.
  const app = await NestFactory.create(module as never, { bufferLogs: true, bodyParser: false });
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  applyHttpHardening(app, config, app.get<TokenVerifier>(TOKEN_VERIFIER));
  answerClientErrorsWithProblems(app.getHttpServer());
  app.useLogger(app.get(Logger));
  // SIGTERM: stop taking requests, then drain the consumer and the relay before closing connections.
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Emporium ${service}`)
      .setDescription(`The ${service} service API. Errors are RFC 9457 application/problem+json.`)
      .setVersion('1.0.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

export async function runService(module: unknown, service: string, config: ServiceConfig): Promise<INestApplication> {
  const app = await createServiceApp(module, service);
  // Loopback unless configured (development default); a container sets HOST=0.0.0.0 or runs outside dev mode.
  await app.listen(config.PORT, config.HOST ?? '127.0.0.1');
  return app;
}

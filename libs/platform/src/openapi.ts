import { applyDecorators, INestApplication, Type } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  DocumentBuilder,
  getSchemaPath,
  OpenAPIObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { accessOf, ROLES } from './auth';

/** One offending field of a 400. */
export class FieldViolationResponse {
  @ApiProperty({ example: 'lines.0.quantity', description: 'Path of the field in the request (dots for nesting)' })
  field: string;

  @ApiProperty({ example: 'quantity must not be less than 1' })
  message: string;
}

/** RFC 9457 problem details: the body of every 4xx and 5xx (`application/problem+json`). */
export class ProblemResponse {
  @ApiProperty({ example: 'urn:emporium:problem:validation-failed' })
  type: string;

  @ApiProperty({ example: 'Invalid request' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'lines.0.quantity: quantity must not be less than 1' })
  detail: string;

  @ApiProperty({ example: '/orders' })
  instance: string;

  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable: match on this, never on the text' })
  code: string;

  @ApiPropertyOptional({ type: [FieldViolationResponse], description: 'With 400: every offending field' })
  errors?: FieldViolationResponse[];
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: `errors` names every offending field',
  401: 'No bearer token, or an invalid or expired one',
  403: 'The token lacks the role, or the resource is not the caller’s',
  404: 'No such resource (or not visible to the caller)',
  409: 'The resource’s state refuses the action, or it already exists (`code` says which)',
  422: 'The Idempotency-Key was used before with another request body',
  503: 'Not ready: a dependency does not answer',
};

const problemContent = () => ({ 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemResponse) } } });

/**
 * The problem responses a route can give beyond the ones every route gets from its shape (400 for
 * input, 401/403 for auth, 404 for a path id; added by `documentApi`): typically 409 and 422.
 */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemResponse),
    ...statuses.map((status) =>
      ApiResponse({ status, description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem', content: problemContent() }),
    ),
  );
}

/** `OrdersController` → `orders`: operation ids read `orders.place`, which generated clients keep. */
function resourceOf(controllerKey: string): string {
  const name = controllerKey.replace(/Controller$/, '');
  return name.charAt(0).toLowerCase() + name.slice(1);
}

type Operation = {
  operationId: string;
  description?: string;
  parameters?: { in: string }[];
  requestBody?: unknown;
  responses: Record<string, { description: string; content?: unknown }>;
  security?: unknown[];
  [extension: `x-${string}`]: unknown;
};

/** Who may call each operation, from the same @Public/@Roles metadata the guard reads. */
function accessByOperationId(app: INestApplication): Map<string, ReturnType<typeof accessOf>> {
  const reflector = app.get(Reflector);
  const access = new Map<string, ReturnType<typeof accessOf>>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | undefined;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[method];
        if (method === 'constructor' || typeof handler !== 'function') continue;
        access.set(`${resourceOf(controller.name)}.${method}`, accessOf(reflector, [handler, controller]));
      }
    }
  }
  return access;
}

function addProblem(operation: Operation, status: number): void {
  operation.responses[status] ??= { description: PROBLEM_DESCRIPTIONS[status], content: problemContent() };
}

/**
 * The service's OpenAPI document: summaries and schemas from the swagger plugin's metadata, clean
 * operation ids, and for every operation the roles it needs (`x-roles` and its description, or
 * `x-public`) and the problem responses its shape implies.
 */
export async function documentApi(
  app: INestApplication,
  service: string,
  pluginMetadata?: () => Promise<Record<string, unknown>>,
): Promise<OpenAPIObject> {
  if (pluginMetadata) await SwaggerModule.loadPluginMetadata(pluginMetadata);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Emporium ${service}`)
      .setDescription(
        `The ${service} service API. Every error is RFC 9457 \`application/problem+json\`. ` +
          'Operations need a bearer JWT with one of the roles listed in their description (`x-roles`), unless they are public (`x-public`).',
      )
      .setVersion('1.0.0')
      .addBearerAuth()
      .build(),
    {
      operationIdFactory: (controllerKey, methodKey) => `${resourceOf(controllerKey)}.${methodKey}`,
      extraModels: [ProblemResponse],
    },
  );
  const access = accessByOperationId(app);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item) as Operation[]) {
      if (!operation?.operationId) continue;
      const who = access.get(operation.operationId);
      if (who?.public) {
        operation['x-public'] = true;
        operation.security = [];
        operation.description = [operation.description, '**Public**: no token needed.'].filter(Boolean).join('\n\n');
      } else {
        operation.security = [{ bearer: [] }];
        addProblem(operation, 401);
        // Without @Roles any authenticated caller may: every role is listed, so nothing is left unsaid.
        const roles = who?.roles ?? [...ROLES];
        operation['x-roles'] = roles;
        operation.description = [operation.description, `**Roles**: ${roles.join(', ')}.`].filter(Boolean).join('\n\n');
        if (who?.roles) addProblem(operation, 403);
      }
      if ((operation.parameters?.length ?? 0) > 0 || operation.requestBody) addProblem(operation, 400);
      if (path.includes('{')) addProblem(operation, 404);
    }
  }
  return document;
}

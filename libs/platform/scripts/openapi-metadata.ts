/**
 * The @nestjs/swagger CLI plugin, for services that run through SWC: SWC cannot run TypeScript
 * transformers, so the plugin's read-only visitor walks each app once with the type checker and the
 * result is written to `apps/<service>/src/openapi-metadata.ts`, which the app hands to
 * `SwaggerModule.loadPluginMetadata` (PlatformModule's `openApiMetadata`). What it adds: JSDoc comments
 * on controller methods become operation summaries, and every property of the DTO, query and response
 * classes becomes a schema property with its TypeScript type and class-validator bounds.
 *
 * This is what `PluginMetadataGenerator` of @nestjs/cli does, in a page: the CLI package would bring
 * webpack and the Angular devkit into the dependency tree for this one function.
 *
 *   npm run openapi:generate            rewrite the files
 *   npm run openapi:generate -- --check  exit 1 when a committed file is stale (openapi-metadata.spec.ts runs it)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

// The package exports the plugin as `@nestjs/swagger/plugin`; its types live under dist, which the
// repository's `node` module resolution finds and the `exports` map does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ReadonlyVisitor } = require('@nestjs/swagger/plugin') as typeof import('@nestjs/swagger/dist/plugin');

const root = path.resolve(__dirname, '../../..');
export const OPENAPI_SERVICES = [
  'merchants',
  'catalog',
  'inventory',
  'orders',
  'logistics',
  'membership',
  'marketing',
  'customer-service',
];

export const pluginOptions = {
  introspectComments: true,
  dtoFileNameSuffix: ['.dto.ts', '.query.ts', '.response.ts'],
  controllerFileNameSuffix: ['.controller.ts'],
  classValidatorShim: true,
  controllerKeyOfComment: 'summary',
};

type Meta = ts.ObjectLiteralExpression | { [key: string]: Meta };

function property(name: string, meta: Meta | [ts.CallExpression, Meta][]): ts.PropertyAssignment {
  const f = ts.factory;
  if (Array.isArray(meta)) {
    return f.createPropertyAssignment(
      f.createStringLiteral(name),
      f.createArrayLiteralExpression(
        meta.map(([load, inner]) =>
          f.createArrayLiteralExpression([
            load,
            f.createObjectLiteralExpression(Object.entries(inner).map(([k, v]) => property(k, v as Meta))),
          ]),
        ),
        true,
      ),
    );
  }
  const value = ts.isObjectLiteralExpression(meta as ts.Node)
    ? (meta as ts.ObjectLiteralExpression)
    : f.createObjectLiteralExpression(Object.entries(meta).map(([k, v]) => property(k, v as Meta)));
  return f.createPropertyAssignment(f.createStringLiteral(name), value);
}

/** The module an `import("./x")` entry loads: entries are sorted by it, so the output is stable. */
function importPath(call: ts.CallExpression): string {
  const [argument] = call.arguments;
  return argument && ts.isStringLiteral(argument) ? argument.text : '';
}

/**
 * The checker lists a union's members in the order it happened to create them, which shifts when an
 * unrelated file is added: sort enum values so the committed file changes only when the API does.
 */
function sortEnums<T extends ts.Node>(node: T): T {
  const visit = (child: ts.Node): ts.Node => {
    if (
      ts.isPropertyAssignment(child) &&
      ts.isIdentifier(child.name) &&
      child.name.text === 'enum' &&
      ts.isArrayLiteralExpression(child.initializer)
    ) {
      const values = [...child.initializer.elements];
      if (values.every((value) => ts.isStringLiteral(value))) {
        values.sort((a, b) => (a as ts.StringLiteral).text.localeCompare((b as ts.StringLiteral).text));
        return ts.factory.updatePropertyAssignment(child, child.name, ts.factory.createArrayLiteralExpression(values));
      }
    }
    return ts.visitEachChild(child, visit, undefined);
  };
  return visit(node) as T;
}

function render(service: string, program: ts.Program): string {
  const sourceDir = path.join(root, 'apps', service, 'src');
  const visitor = new ReadonlyVisitor({ ...pluginOptions, pathToSource: sourceDir });
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile) continue;
    // The app's own files only: a dynamic import of libs/platform from here would make Nx treat the
    // library as lazy-loaded. The platform's few controllers and DTOs carry explicit decorators.
    if (file.fileName.startsWith(sourceDir + '/')) visitor.visit(program, file);
  }
  const f = ts.factory;
  const collected = visitor.collect() as unknown as Record<string, [ts.CallExpression, Meta][]>;
  for (const entries of Object.values(collected))
    entries.sort(([a], [b]) => importPath(a).localeCompare(importPath(b)));
  const typeImports = Object.fromEntries(
    Object.entries(visitor.typeImports as Record<string, string>).sort(([a], [b]) => a.localeCompare(b)),
  );
  const body = f.createBlock(
    [
      f.createVariableStatement(
        undefined,
        f.createVariableDeclarationList(
          [
            f.createVariableDeclaration(
              't',
              undefined,
              undefined,
              f.createObjectLiteralExpression(
                Object.entries(typeImports).map(([key, target]) =>
                  f.createPropertyAssignment(
                    f.createComputedPropertyName(f.createStringLiteral(key)),
                    f.createIdentifier(target),
                  ),
                ),
                true,
              ),
            ),
          ],
          ts.NodeFlags.Const,
        ),
      ),
      f.createReturnStatement(
        f.createObjectLiteralExpression([property('@nestjs/swagger', collected as unknown as Meta)], true),
      ),
    ],
    true,
  );
  const exported = f.createExportAssignment(
    undefined,
    undefined,
    f.createArrowFunction(
      [f.createToken(ts.SyntaxKind.AsyncKeyword)],
      undefined,
      [],
      undefined,
      f.createToken(ts.SyntaxKind.EqualsGreaterThanToken),
      body,
    ),
  );
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  const printed = printer.printNode(
    ts.EmitHint.Unspecified,
    sortEnums(exported),
    ts.createSourceFile('openapi-metadata.ts', '', ts.ScriptTarget.Latest, false, ts.ScriptKind.TS),
  );
  return `// Generated by libs/platform/scripts/openapi-metadata.ts (npm run openapi:generate). Do not edit.\n${printed}\n`;
}

export function metadataFile(service: string): string {
  return path.join(root, 'apps', service, 'src', 'openapi-metadata.ts');
}

/** One type-checked program for the whole repository, then one visitor per service. */
export function generateAll(): Map<string, string> {
  const program = ReadonlyVisitor.createTsProgram(path.join(root, 'tsconfig.json'));
  return new Map(OPENAPI_SERVICES.map((service) => [service, render(service, program)]));
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const [service, text] of generateAll()) {
    const file = metadataFile(service);
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current === text) continue;
    stale.push(path.relative(root, file));
    if (!check) writeFileSync(file, text);
  }
  if (check && stale.length > 0) {
    console.error(`stale OpenAPI metadata (run npm run openapi:generate): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log(stale.length === 0 ? 'OpenAPI metadata up to date' : `wrote ${stale.join(', ')}`);
}

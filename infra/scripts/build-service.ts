/**
 * Builds one service into dist/apps/<service>/ (the Nx `build` target; the image's build stage):
 *   node -r @swc-node/register infra/scripts/build-service.ts <service>
 *
 *   main.js           the service (node main.js)
 *   migrate.js        its migrations, one-shot (DATABASE_URL)
 *   create-topics.js  the platform's Kafka topics, one-shot (KAFKA_BROKERS, KAFKA_TOPIC_PREFIX)
 *
 * esbuild bundles our own code (apps/<service> and the libs it imports, with the @emporium/* paths
 * resolved) into one file per entry; packages in node_modules stay external and come from the
 * production node_modules next to the bundle, so OpenTelemetry can still patch them as they load.
 * esbuild cannot emit decorator metadata, which Nest (injection by constructor types), TypeORM and
 * class-validator read at run time, so every .ts file goes through swc first (the same settings as
 * .swcrc and jest) and esbuild only bundles the resulting JavaScript.
 */
import { transform } from '@swc/core';
import { build, Plugin } from 'esbuild';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { findService } from './services';

const root = path.resolve(__dirname, '../..');

/** TypeScript through swc: decorators with their design:type / design:paramtypes metadata. */
const swcTypeScript: Plugin = {
  name: 'swc-typescript',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await fs.readFile(args.path, 'utf8');
      const output = await transform(source, {
        filename: args.path,
        sourceMaps: 'inline',
        swcrc: false,
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        // CommonJS per file, as under swc-node and jest: decorator metadata names imported types
        // (`typeof OrderStatus === "undefined" ? Object : OrderStatus`), which ES module linking
        // would reject as missing exports; require() keeps the lazy, in-order semantics we run today.
        module: { type: 'commonjs' },
      });
      return { contents: output.code, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

/** The migrate entry, generated per service: only this service's migrations go in its image. */
function migrateEntry(service: string): Plugin {
  return {
    name: 'migrate-entry',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^emporium:migrate$/ }, () => ({ path: 'migrate', namespace: 'emporium' }));
      esbuild.onLoad({ filter: /^migrate$/, namespace: 'emporium' }, () => ({
        resolveDir: root,
        loader: 'ts',
        contents: `
          import { runMigrations } from '@emporium/platform';
          import { migrations } from './apps/${service}/src/database';
          const url = process.env.DATABASE_URL;
          if (!url) { console.error('[migrate] DATABASE_URL is required'); process.exit(1); }
          runMigrations(url, migrations).then(
            (applied) => console.log('[migrate] ${service}: ' + (applied.length === 0 ? 'up to date' : 'applied ' + applied.join(', '))),
            (error) => { console.error('[migrate] failed:', error.message); process.exit(1); },
          );`,
      }));
    },
  };
}

export async function buildService(service: string, outdir = path.join(root, 'dist/apps', service)): Promise<string> {
  findService(service);
  const main = path.join(root, 'apps', service, 'src/main.ts');
  if (!existsSync(main)) throw new Error(`${path.relative(root, main)} not found`);
  await fs.rm(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: {
      main,
      migrate: 'emporium:migrate',
      'create-topics': path.join(root, 'infra/scripts/create-topics.ts'),
    },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.base.json'),
    // Nest and TypeORM use class names (providers in errors, entity metadata): keep them.
    keepNames: true,
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [migrateEntry(service), swcTypeScript],
  });
  return outdir;
}

if (require.main === module) {
  const service = process.argv[2];
  if (!service) {
    console.error('usage: build-service.ts <service>');
    process.exit(2);
  }
  const started = Date.now();
  buildService(service).then(
    (outdir) => console.log(`[build] ${service} -> ${path.relative(root, outdir)} in ${Date.now() - started} ms`),
    (error) => {
      console.error(`[build] ${service} failed:`, error.message);
      process.exit(1);
    },
  );
}

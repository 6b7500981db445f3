import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as ts from 'typescript';
import { parse } from 'yaml';
import { buildContractsPackage, packContractsPackage } from '../scripts/build-package';

const run = promisify(execFile);

/**
 * What another team does with the contract: install the packed @emporium/contracts into its own project
 * (with only the peer dependencies next to it), type-check its consumer code against the declarations,
 * run it, and read the AsyncAPI document and JSON Schemas that ship in the package.
 */
const CONSUMER = `
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { ALL_EVENTS, OrderPlaced, OrderPlacedV1, StockReserved, Topics, validateEventData } from '@emporium/contracts';

const placed: OrderPlacedV1 = OrderPlaced.example;
const valid = validateEventData(OrderPlaced, JSON.parse(JSON.stringify(placed)));
const total: number | undefined = valid.ok ? valid.data.totalAmount : undefined;
const invalid = validateEventData(StockReserved, { orderId: 'not-a-uuid' });
const topic: 'orders.order.v1' = Topics.ordersOrder;
const asyncapi = readFileSync(require.resolve('@emporium/contracts/asyncapi.yaml'), 'utf8');
const schema = JSON.parse(readFileSync(require.resolve('@emporium/contracts/schemas/orders.order.placed.v1.json'), 'utf8'));

// Never called: the declarations are real types, not "any" (an unused @ts-expect-error fails the check).
export function refusedByTheTypes(): void {
  // @ts-expect-error totalAmount is a number
  const wrong: string = OrderPlaced.example.totalAmount;
  // @ts-expect-error no such topic
  void Topics.ordersOrders;
  void wrong;
}

console.log(JSON.stringify({
  ok: valid.ok,
  total,
  invalidFields: invalid.ok ? [] : invalid.violations.map((v) => v.field),
  topic,
  events: ALL_EVENTS.length,
  asyncapiHasStock: asyncapi.includes('inventory.stock.v1'),
  schemaTitle: schema.title ?? schema.$id ?? null,
}));
`;

describe('the @emporium/contracts package, packed and installed into another project', () => {
  const scratch = fs.mkdtempSync(path.join(tmpdir(), 'emporium-contracts-consumer-'));
  let tarball: string;

  beforeAll(async () => {
    buildContractsPackage();
    tarball = packContractsPackage(path.join(scratch, 'packs'));
    const project = path.join(scratch, 'consumer');
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'contracts-consumer', version: '0.0.0', private: true }),
    );
    // Only the package and its peers; from the npm cache when it has them (CI fetches them from the registry).
    await run(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        tarball,
        'class-validator@0.14.4',
        'class-transformer@0.5.1',
        'reflect-metadata@0.2.2',
      ],
      {
        cwd: project,
        env: { ...process.env, npm_config_loglevel: 'error' },
      },
    );
    fs.writeFileSync(path.join(project, 'consumer.ts'), CONSUMER);
  }, 300_000);

  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  const project = () => path.join(scratch, 'consumer');
  const installed = () => path.join(project(), 'node_modules/@emporium/contracts');

  it('type-checks consumer code strictly against its declarations (node16 and classic resolution)', () => {
    for (const resolution of [ts.ModuleResolutionKind.Node16, ts.ModuleResolutionKind.Node10]) {
      const program = ts.createProgram([path.join(project(), 'consumer.ts')], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: resolution === ts.ModuleResolutionKind.Node16 ? ts.ModuleKind.Node16 : ts.ModuleKind.CommonJS,
        moduleResolution: resolution,
        // The consumer's own @types/node would do; the repository's saves a download.
        typeRoots: [path.resolve(__dirname, '../../../node_modules/@types')],
        types: ['node'],
        // The package's own declarations are checked fully once; the classic resolution only resolves.
        skipLibCheck: resolution === ts.ModuleResolutionKind.Node10,
      });
      const problems = ts
        .getPreEmitDiagnostics(program)
        .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      expect({ resolution: ts.ModuleResolutionKind[resolution], problems }).toEqual({
        resolution: ts.ModuleResolutionKind[resolution],
        problems: [],
      });
    }
  });

  it('runs: validates events with the shipped classes and reads the shipped AsyncAPI document and schemas', async () => {
    const js = ts.transpileModule(fs.readFileSync(path.join(project(), 'consumer.ts'), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    });
    fs.writeFileSync(path.join(project(), 'consumer.js'), js.outputText);
    const { stdout } = await run(process.execPath, ['consumer.js'], { cwd: project() });
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ ok: true, topic: 'orders.order.v1', asyncapiHasStock: true });
    expect(result.total).toEqual(expect.any(Number));
    expect(result.invalidFields).toContain('orderId');
    expect(result.events).toBeGreaterThan(30);
  });

  it('ships declarations, the AsyncAPI document and one JSON Schema per event version, and no tests or generators', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(installed(), 'package.json'), 'utf8'));
    const asyncapi = parse(fs.readFileSync(path.join(installed(), 'dist/asyncapi.yaml'), 'utf8'));
    expect(asyncapi.info.version).toBe(manifest.version);
    expect(fs.existsSync(path.join(installed(), 'dist/index.d.ts'))).toBe(true);
    const schemas = fs.readdirSync(path.join(installed(), 'dist/schemas'));
    expect(schemas).toEqual(fs.readdirSync(path.resolve(__dirname, '../../../docs/events/schemas')));
    const shipped = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? shipped(path.join(dir, e.name)) : [e.name]));
    expect(
      shipped(path.join(installed(), 'dist')).filter((name) => /\.spec\.|json-schema|compatibility|\.map$/.test(name)),
    ).toEqual([]);
  });
});

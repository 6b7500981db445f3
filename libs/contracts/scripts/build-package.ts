/**
 * Builds the installable @emporium/contracts package into libs/contracts/dist: the compiled event
 * classes with their declarations (tsc), the AsyncAPI document and the JSON Schemas from docs/events.
 *   npm run contracts:build
 *   npm run contracts:pack [-- <directory>]   build, then `npm pack` the tarball into the directory (default: dist/)
 * Another team installs the tarball (or the published package) with its peers class-validator,
 * class-transformer and reflect-metadata.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const packageDir = path.join(root, 'libs/contracts');
const dist = path.join(packageDir, 'dist');

export function buildContractsPackage(): void {
  fs.rmSync(dist, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', path.join(packageDir, 'tsconfig.lib.json')],
    { stdio: 'inherit' },
  );
  fs.copyFileSync(path.join(root, 'docs/events/asyncapi.yaml'), path.join(dist, 'asyncapi.yaml'));
  fs.cpSync(path.join(root, 'docs/events/schemas'), path.join(dist, 'schemas'), { recursive: true });
  fs.copyFileSync(path.join(root, 'docs/events/README.md'), path.join(dist, 'EVENTS.md'));
}

/** Returns the tarball's path. */
export function packContractsPackage(destination: string): string {
  fs.mkdirSync(destination, { recursive: true });
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
    cwd: packageDir,
    encoding: 'utf8',
  });
  const [{ filename }] = JSON.parse(output) as { filename: string }[];
  return path.join(destination, filename);
}

if (require.main === module) {
  buildContractsPackage();
  if (process.argv.includes('--pack')) {
    const destination = process.argv[process.argv.indexOf('--pack') + 1] ?? dist;
    console.log(`packed ${path.relative(process.cwd(), packContractsPackage(path.resolve(destination)))}`);
  } else {
    console.log(`built ${path.relative(process.cwd(), dist)}`);
  }
}

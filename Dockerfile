# syntax=docker/dockerfile:1
#
# One image per Emporium service, built from the monorepo root:
#
#   docker build --build-arg SERVICE=orders -t emporium/orders .
#
# The service runs from its TypeScript sources, compiled in memory by swc at start-up
# (`node -r @swc-node/register apps/<service>/src/main.ts`); there is no separate build output.
# The same image also runs the one-shot steps, with a different command:
#
#   node -r @swc-node/register infra/scripts/migrate.ts <service>    database migrations
#   node -r @swc-node/register infra/scripts/create-topics.ts        Kafka topics
#
# Requires @swc-node/register, @swc/core and typescript (@swc-node/register loads it to read
# tsconfig.json) in package.json "dependencies": the deps stage installs production dependencies only.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
# deps: production node_modules. Independent of SERVICE, so all service images share this layer.
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# --ignore-scripts: no install script is needed at run time (swc's native binding comes as an
# optional per-platform package, chosen from the lockfile for the build platform).
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund
# Fail the build here, with a clear message, rather than at container start.
RUN node -e " \
      const missing = ['@swc-node/register', '@swc/core', 'typescript'].filter((m) => { \
        try { require.resolve(m); return false; } catch { return true; } }); \
      if (missing.length) { \
        console.error('missing from production dependencies: ' + missing.join(', ') + \
          ' (move them from devDependencies to dependencies in package.json)'); \
        process.exit(1); }"

# ---------------------------------------------------------------------------------------------
# runtime: slim Node, non-root, sources read-only (owned by root), only what the service needs.
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
RUN test -n "${SERVICE}" || { echo 'build with --build-arg SERVICE=<service name>, e.g. SERVICE=orders' >&2; exit 1; }

# Everything the process writes goes under /tmp: swc-node's transform cache (/tmp/swc-node-<uid>)
# and swc's native cache (XDG_CACHE_HOME). With a read-only root filesystem, mount /tmp writable.
ENV NODE_ENV=production \
    SERVICE=${SERVICE} \
    XDG_CACHE_HOME=/tmp/.cache
WORKDIR /app

COPY --from=deps /app/node_modules ./node_modules
# swc-node reads tsconfig.json from the working directory for decorators and the @emporium/* paths.
COPY package.json tsconfig.json tsconfig.base.json .swcrc ./
COPY libs ./libs
COPY apps/${SERVICE} ./apps/${SERVICE}
# The one-shot steps (migrate.ts, create-topics.ts); .dockerignore keeps the shell scripts out.
COPY infra/scripts ./infra/scripts

# Smoke test: the service's module graph (its AppModule, and the OpenTelemetry bootstrap) loads
# with production dependencies only, without starting anything: a runtime import of a
# devDependency, or a missing file, fails the build instead of the container.
RUN test -f "apps/${SERVICE}/src/main.ts" || { echo "apps/${SERVICE}/src/main.ts not found" >&2; exit 1; }; \
    SWC_NODE_CACHE=0 node -r @swc-node/register -e " \
      const fs = require('fs'); \
      require('./apps/' + process.env.SERVICE + '/src/app.module.ts'); \
      if (fs.existsSync('libs/platform/src/telemetry.ts')) require('./libs/platform/src/telemetry.ts');"

# The image's own user from node:*-slim (uid/gid 1000); numeric so Kubernetes can check runAsNonRoot.
USER 1000:1000

# Liveness only (the process answers); readiness (database and broker) is /health/ready.
# No curl in the slim image, so node does the request. PORT falls back to the service's default.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e " \
    const ports = { merchants: 3001, catalog: 3002, inventory: 3003, orders: 3004, logistics: 3005, \
                    membership: 3006, marketing: 3007, 'customer-service': 3008 }; \
    const port = Number(process.env.PORT || ports[process.env.SERVICE]); \
    require('http').get({ host: '127.0.0.1', port, path: '/health/live', timeout: 4000 }, \
      (res) => process.exit(res.statusCode === 200 ? 0 : 1)) \
    .on('timeout', () => process.exit(1)).on('error', () => process.exit(1));"

# exec: node becomes PID 1 and receives SIGTERM itself (the service drains its consumer and relay).
CMD ["sh", "-c", "exec node -r @swc-node/register \"apps/${SERVICE}/src/main.ts\""]

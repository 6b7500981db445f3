# syntax=docker/dockerfile:1
#
# One image per Emporium service, built from the monorepo root:
#
#   docker build --build-arg SERVICE=orders -t emporium/orders .      (or: npx nx run orders:image)
#
# The image runs a bundle compiled at build time (infra/scripts/build-service.ts: swc for the
# decorator metadata, esbuild to bundle our code) on top of a production-only node_modules; nothing
# is compiled at start-up. The same image runs the one-shot steps, with a different command:
#
#   node migrate.js          database migrations of this service (DATABASE_URL)
#   node create-topics.js    the platform's Kafka topics (KAFKA_BROKERS, KAFKA_TOPIC_PREFIX)

ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------------------------
# deps: production node_modules. Independent of SERVICE, so all service images share this layer.
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# --ignore-scripts: no install script is needed at run time.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# ---------------------------------------------------------------------------------------------
# build: every dependency (swc, esbuild), the sources, one service's bundle in dist/apps/<SERVICE>.
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
ARG SERVICE
RUN test -n "${SERVICE}" || { echo 'build with --build-arg SERVICE=<service name>, e.g. SERVICE=orders' >&2; exit 1; }
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.base.json .swcrc ./
COPY libs ./libs
COPY apps/${SERVICE} ./apps/${SERVICE}
COPY infra/scripts ./infra/scripts
RUN node -r @swc-node/register infra/scripts/build-service.ts "${SERVICE}"

# ---------------------------------------------------------------------------------------------
# runtime: slim Node, non-root, the bundle read-only (owned by root), production node_modules.
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ENV NODE_ENV=production \
    SERVICE=${SERVICE} \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /src/dist/apps/${SERVICE}/ ./

# Smoke test: the bundle's external requires all resolve from the production node_modules (a
# devDependency used at run time fails the build, not the container). Nothing is started.
RUN node -e " \
      const src = require('fs').readFileSync('main.js', 'utf8'); \
      const missing = [...new Set([...src.matchAll(/require\(\"([^\".][^\"]*)\"\)/g)].map((m) => m[1]))] \
        .filter((m) => { try { require.resolve(m); return false; } catch { return true; } }); \
      if (missing.length) { console.error('not in production dependencies: ' + missing.join(', ')); process.exit(1); }"

# The image's own user from node:*-slim (uid/gid 1000); numeric so Kubernetes can check runAsNonRoot.
USER 1000:1000

# Liveness only (the process answers); readiness (database) is /health/ready.
# No curl in the slim image, so node does the request. PORT falls back to the service's default.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e " \
    const ports = { merchants: 3001, catalog: 3002, inventory: 3003, orders: 3004, logistics: 3005, \
                    membership: 3006, marketing: 3007, 'customer-service': 3008 }; \
    const port = Number(process.env.PORT || ports[process.env.SERVICE]); \
    require('http').get({ host: '127.0.0.1', port, path: '/health/live', timeout: 4000 }, \
      (res) => process.exit(res.statusCode === 200 ? 0 : 1)) \
    .on('timeout', () => process.exit(1)).on('error', () => process.exit(1));"

# node is PID 1 and receives SIGTERM itself (the service drains its consumer and relay).
CMD ["node", "main.js"]

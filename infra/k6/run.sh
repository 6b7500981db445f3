#!/usr/bin/env bash
# Runs a k6 scenario against the local platform. Builds k6 from the Go module proxy into .data/bin
# the first time (several minutes; cached after). Usage: infra/k6/run.sh place-orders.js [k6 args]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
K6="$ROOT/.data/bin/k6"
if [[ ! -x "$K6" ]]; then
  command -v go >/dev/null || { echo "k6 needs Go to build (or put a k6 binary at $K6)" >&2; exit 1; }
  echo "[k6] building k6 v1.8.1 into .data/bin (first time only)"
  GOBIN="$ROOT/.data/bin" go install go.k6.io/k6@v1.8.1
fi
script="${1:?usage: run.sh <scenario.js> [k6 args]}"
shift
export OPS_TOKEN="${OPS_TOKEN:-$(cd "$ROOT" && node -r @swc-node/register infra/scripts/mint-token.ts --role ops)}"
exec "$K6" run "$@" "$ROOT/infra/k6/$script"

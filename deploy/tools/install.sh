#!/usr/bin/env bash
# Installs the chart checks' tools into .tools/ (git-ignored, a cache: safe to run again, a no-op once
# everything is there). Only package registries are used:
#   helm, kubeconform        go install from the Go module proxy (builds take minutes the first time)
#   Kubernetes JSON schemas  the PyPI package kubernetes-validate (the wheel, unpacked; nothing installed)
#   CRD schemas              prometheus-operator's CRDs from its Go module, converted by crd-schemas.js
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TOOLS=$ROOT/.tools
HELM_VERSION=v4.3.2
KUBECONFORM_VERSION=v0.8.0
KUBERNETES_VALIDATE_VERSION=1.37.0
PROMETHEUS_OPERATOR_VERSION=v0.85.0
# The Kubernetes version the manifests are validated against (the oldest minor we support).
K8S_SCHEMA_VERSION=v1.30.0
mkdir -p "$TOOLS/bin"

step() { echo "[k8s-tools] $*"; }

install_go_tool() { # name module version
  local name=$1 module=$2 version=$3 stamp="$TOOLS/bin/.$1.version"
  if [[ -x "$TOOLS/bin/$name" && "$(cat "$stamp" 2>/dev/null)" == "$version" ]]; then return; fi
  command -v go >/dev/null || { echo "go is required to build $name (https://go.dev/dl)"; exit 1; }
  step "building $name $version from the Go module proxy (a few minutes the first time; cached in .tools/bin)"
  local started=$SECONDS
  # -x would list every package; a dot per 10 s shows it is alive without flooding the log.
  ( while sleep 10; do printf '.'; done ) & local ticker=$!
  GOBIN="$TOOLS/bin" GOFLAGS=-mod=mod go install "$module@$version" || { kill $ticker; exit 1; }
  kill $ticker 2>/dev/null || true
  echo "$version" > "$stamp"
  echo; step "$name built in $((SECONDS - started)) s"
}

install_go_tool helm helm.sh/helm/v4/cmd/helm "$HELM_VERSION"
install_go_tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION"

SCHEMAS="$TOOLS/k8s-schemas/$K8S_SCHEMA_VERSION-local-strict"
if [[ ! -f "$SCHEMAS/deployment-apps-v1.json" ]]; then
  step "fetching the Kubernetes $K8S_SCHEMA_VERSION JSON schemas (PyPI kubernetes-validate $KUBERNETES_VALIDATE_VERSION, ~22 MB)"
  tmp=$(mktemp -d)
  python3 -m pip download --quiet --no-deps --dest "$tmp" "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
  mkdir -p "$TOOLS/k8s-schemas"
  # Only the one version's strict schemas (the wheel holds every Kubernetes release since 1.x).
  python3 - "$tmp"/kubernetes_validate-*.whl "$TOOLS/k8s-schemas" "$K8S_SCHEMA_VERSION-local-strict" <<'PY'
import json, os, sys, zipfile
wheel, out, folder = sys.argv[1:]
prefix = f'kubernetes_validate/kubernetes-json-schema/{folder}/'
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if name.startswith(prefix) and not name.endswith('/'):
            target = os.path.join(out, folder, name[len(prefix):])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            # The package resolves its https://kubernetes.io/api/ ids itself; kubeconform would fetch
            # them. Without the $id, and with relative $refs, they resolve to the file next to it.
            schema = json.loads(z.read(name).replace(b'"/api/_definitions.json', b'"_definitions.json'))
            schema.pop('$id', None)
            with open(target, 'w') as f:
                json.dump(schema, f)
PY
  rm -rf "$tmp"
fi

CRDS="$TOOLS/crd-schemas/monitoring.coreos.com"
if [[ ! -f "$CRDS/.version" || "$(cat "$CRDS/.version")" != "$PROMETHEUS_OPERATOR_VERSION" ]]; then
  step "fetching prometheus-operator $PROMETHEUS_OPERATOR_VERSION CRDs (Go module proxy)"
  dir=$(go mod download -json "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
  node deploy/tools/crd-schemas.js "$TOOLS/crd-schemas" \
    "$dir/example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml" \
    "$dir/example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml"
  echo "$PROMETHEUS_OPERATOR_VERSION" > "$CRDS/.version"
fi
step "ready: $("$TOOLS/bin/helm" version --short), kubeconform $("$TOOLS/bin/kubeconform" -v), schemas $K8S_SCHEMA_VERSION"

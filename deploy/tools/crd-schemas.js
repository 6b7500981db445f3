// CustomResourceDefinitions -> kubeconform JSON schemas, one per served version, at
// <out>/<group>/<kind>_<version>.json (kubeconform's {{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}).
// Strict like the Kubernetes "-strict" schemas: an object that lists its properties accepts no others,
// unless the CRD says it preserves unknown fields.
//   node deploy/tools/crd-schemas.js <out> <crd.yaml>...
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

function strict(schema) {
  if (!schema || typeof schema !== 'object') return schema;
  if (Array.isArray(schema)) return schema.map(strict);
  const out = {};
  for (const [key, value] of Object.entries(schema))
    out[key] =
      key === 'properties' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strict(v)])) : strict(value);
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields'])
    out.additionalProperties = false;
  return out;
}

const [out, ...files] = process.argv.slice(2);
for (const file of files) {
  for (const crd of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS())) {
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    const { group, names } = crd.spec;
    for (const version of crd.spec.versions.filter((v) => v.served)) {
      const schema = strict(version.schema.openAPIV3Schema);
      // apiVersion, kind and metadata are checked by the API server, not the CRD: accept them.
      schema.properties = {
        ...schema.properties,
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { type: 'object' },
      };
      const target = path.join(out, group, `${names.kind.toLowerCase()}_${version.name}.json`);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, JSON.stringify(schema));
      console.log(`[k8s-tools] schema ${path.relative(process.cwd(), target)}`);
    }
  }
}

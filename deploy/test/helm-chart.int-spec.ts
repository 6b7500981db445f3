import { allTopicSpecs, SERVICES } from '@emporium/contracts';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * The Helm chart, checked the way a platform team's CI would: `helm lint --strict` and
 * `helm template | kubeconform -strict` against the Kubernetes JSON schemas and the
 * prometheus-operator CRDs (offline: every tool and schema comes from .tools/, filled by
 * deploy/tools/install.sh from the Go module proxy and PyPI), then what the manifests must say.
 */
const root = path.resolve(__dirname, '../..');
const tools = path.join(root, '.tools');
const helm = path.join(tools, 'bin/helm');
const kubeconform = path.join(tools, 'bin/kubeconform');
const chart = path.join(root, 'deploy/helm/emporium-service');
const valuesOf = (service: string) => path.join(root, 'deploy/helm/values', `${service}.yaml`);
const secrets = [
  '--set',
  'secret.databaseUrl=postgresql://u:p@db:5432/x',
  '--set',
  'secret.jwtSecret=0123456789abcdef0123',
];

/* eslint-disable @typescript-eslint/no-explicit-any -- rendered Kubernetes objects of every kind */
type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: any;
  stringData?: any;
  data?: any;
};
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The service's own secret settings (`secret.serviceKeys` of its values file), each given a value as an environment would. */
function serviceSecrets(service: string): string[] {
  const values = parseAllDocuments(readFileSync(valuesOf(service), 'utf8'))[0].toJS() as {
    secret?: { serviceKeys?: string[] };
  };
  return (values.secret?.serviceKeys ?? []).flatMap((key) => [
    '--set',
    `secret.values.${key}=${key.toLowerCase()}-0123456789abcdef`,
  ]);
}

function template(service: string, ...extra: string[]): { yaml: string; manifests: Manifest[] } {
  const yaml = execFileSync(
    helm,
    [
      'template',
      service,
      chart,
      '--namespace',
      'emporium',
      '-f',
      valuesOf(service),
      ...secrets,
      ...serviceSecrets(service),
      ...extra,
    ],
    {
      encoding: 'utf8',
    },
  );
  const manifests = parseAllDocuments(yaml)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
  return { yaml, manifests };
}

describe('Helm chart deploy/helm/emporium-service (helm, kubeconform)', () => {
  beforeAll(() => {
    // A no-op once .tools/ is filled (CI runs it before the tests; the first build takes minutes).
    execFileSync('bash', [path.join(root, 'deploy/tools/install.sh')], { stdio: 'inherit' });
    expect([helm, kubeconform].every(existsSync)).toBe(true);
  }, 30 * 60_000);

  it.each([...SERVICES])('%s: helm lint --strict passes', (service) => {
    const lint = spawnSync(
      helm,
      ['lint', '--strict', chart, '-f', valuesOf(service), ...secrets, ...serviceSecrets(service)],
      { encoding: 'utf8' },
    );
    expect(lint.stdout + lint.stderr).toContain('0 chart(s) failed');
    expect(lint.status).toBe(0);
  });

  it.each([...SERVICES])('%s: helm template | kubeconform -strict finds no invalid object', (service) => {
    const { yaml } = template(service);
    const result = spawnSync(
      kubeconform,
      [
        '-strict',
        '-summary',
        '-output',
        'text',
        '-kubernetes-version',
        '1.30.0',
        '-schema-location',
        path.join(
          tools,
          'k8s-schemas/{{ .NormalizedKubernetesVersion }}-local-strict/{{ .ResourceKind }}{{ .KindSuffix }}.json',
        ),
        '-schema-location',
        path.join(tools, 'crd-schemas/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json'),
        // Strimzi publishes its CRDs on GitHub only (not reachable here): KafkaTopic is checked below.
        '-skip',
        'KafkaTopic',
        '-',
      ],
      { input: yaml, encoding: 'utf8' },
    );
    expect(result.stdout + result.stderr).toMatch(/Invalid: 0, Errors: 0/);
    expect(result.status).toBe(0);
  });

  it('renders every object a platform team expects, the migration Job as a pre-install/pre-upgrade hook', () => {
    const { manifests } = template('orders');
    const kinds = manifests.map((m) => m.kind).sort();
    expect(new Set(kinds)).toEqual(
      new Set([
        'ConfigMap',
        'Secret',
        'Job',
        'Deployment',
        'Service',
        'HorizontalPodAutoscaler',
        'PodDisruptionBudget',
        'NetworkPolicy',
        'ServiceMonitor',
        'PrometheusRule',
        'KafkaTopic',
      ]),
    );
    const job = manifests.find((m) => m.kind === 'Job')!;
    expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(job.spec.template.spec.containers[0].command).toEqual(['node', 'migrate.js']);
    // Its DATABASE_URL comes from a hook Secret created before it (the release's Secret does not exist yet on install).
    const hookSecret = manifests.find((m) => m.kind === 'Secret' && m.metadata.annotations?.['helm.sh/hook'])!;
    expect(Number(hookSecret.metadata.annotations!['helm.sh/hook-weight'])).toBeLessThan(
      Number(job.metadata.annotations!['helm.sh/hook-weight']),
    );
    expect(job.spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name).toBe(hookSecret.metadata.name);

    const deployment = manifests.find((m) => m.kind === 'Deployment')!;
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe('emporium/orders:0.1.0');
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.ports[0].containerPort).toBe(3004);
    const config = manifests.find((m) => m.kind === 'ConfigMap')!;
    expect(config.data).toMatchObject({
      PORT: '3004',
      OTEL_SERVICE_NAME: 'orders',
      ORDER_CONFIRMATION_TIMEOUT_SECONDS: '300',
    });
  });

  it('uses an existing Secret instead of creating one, for the service and its migrations', () => {
    const { manifests } = template('inventory', '--set', 'secret.existingSecret=inventory-from-vault');
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
    const job = manifests.find((m) => m.kind === 'Job')!;
    expect(job.spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name).toBe('inventory-from-vault');
  });

  it('refuses to render without a service name or a database URL', () => {
    const noName = spawnSync(helm, ['template', 'x', chart, ...secrets], { encoding: 'utf8' });
    expect(noName.status).not.toBe(0);
    expect(noName.stderr).toContain('service.name is required');
    const noSecret = spawnSync(helm, ['template', 'orders', chart, '-f', valuesOf('orders')], { encoding: 'utf8' });
    expect(noSecret.status).not.toBe(0);
    expect(noSecret.stderr).toContain('secret.databaseUrl is required');
  });

  it("reads a service's own secret settings from its Secret, and refuses to create the Secret without their values", () => {
    const { manifests } = template('marketing');
    const secret = manifests.find((m) => m.kind === 'Secret' && !m.metadata.annotations?.['helm.sh/hook'])!;
    expect(secret.stringData.QUOTE_SIGNING_SECRET).toBe('quote_signing_secret-0123456789abcdef');
    const deployment = manifests.find((m) => m.kind === 'Deployment')!;
    const env = deployment.spec.template.spec.containers[0].env.find(
      (e: { name: string }) => e.name === 'QUOTE_SIGNING_SECRET',
    );
    expect(env.valueFrom.secretKeyRef).toEqual({ name: secret.metadata.name, key: 'QUOTE_SIGNING_SECRET' });

    const missing = spawnSync(helm, ['template', 'marketing', chart, '-f', valuesOf('marketing'), ...secrets], {
      encoding: 'utf8',
    });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('secret.values.QUOTE_SIGNING_SECRET is required');
  });

  it('declares, across the eight services, exactly the topics of libs/contracts (partitions, retention)', () => {
    const topics = SERVICES.flatMap((service) =>
      template(service)
        .manifests.filter((m) => m.kind === 'KafkaTopic')
        .map((m) => ({
          name: m.spec.topicName,
          partitions: m.spec.partitions,
          retentionMs: Number(m.spec.config['retention.ms']),
        })),
    );
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(topics.sort(byName)).toEqual(allTopicSpecs().sort(byName));
  });

  it('alerts on everything docs/operations.md lists, and the doc names every alert', () => {
    const { manifests } = template('orders');
    const rules = manifests
      .find((m) => m.kind === 'PrometheusRule')!
      .spec.groups.flatMap((g: { rules: { alert: string; expr: string }[] }) => g.rules);
    const operations = readFileSync(path.join(root, 'docs/operations.md'), 'utf8');
    for (const rule of rules) expect(operations).toContain(rule.alert);
    const expressions = rules.map((r: { expr: string }) => r.expr).join('\n');
    for (const metric of [
      'emporium_dead_letters_total',
      'emporium_outbox_backlog',
      'emporium_outbox_oldest_unsent_age_seconds',
      'emporium_consumer_lag',
      'http_server_request_duration_seconds',
      'emporium_dependency_up',
      'emporium_orders_total',
    ]) {
      expect(expressions).toContain(metric);
    }
  });
});

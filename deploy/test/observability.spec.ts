import { SERVICES } from '@emporium/contracts';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * Dashboards as code stay true to the code: every metric the Grafana dashboard queries is one a
 * service registers, and docker-compose.yml provisions the dashboard with a Prometheus scraping
 * every service under its own job name.
 */
const root = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' || name === 'test' ? [] : sources(full);
    return full.endsWith('.ts') && !full.endsWith('spec.ts') ? [full] : [];
  });
}

/** Metric names registered with prom-client in apps/ and libs/ (the literal `name` of each metric). */
function registeredMetrics(): Set<string> {
  const names = new Set<string>();
  for (const file of [...sources(path.join(root, 'apps')), ...sources(path.join(root, 'libs'))]) {
    for (const match of readFileSync(file, 'utf8').matchAll(/['"]((?:emporium|http)_[a-z_]+)['"]/g))
      names.add(match[1]);
  }
  return names;
}

describe('the Grafana dashboard and its compose provisioning', () => {
  const dashboard = JSON.parse(readFileSync(path.join(root, 'deploy/grafana/emporium-platform.json'), 'utf8'));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const panels = dashboard.panels.filter((p: any) => p.type !== 'row');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const expressions: string[] = panels.flatMap((p: any) => p.targets.map((t: { expr: string }) => t.expr));

  it('queries only metrics that the services register (histograms by their _bucket/_count series)', () => {
    const registered = registeredMetrics();
    const queried = new Set(
      expressions.flatMap((e) =>
        [...e.matchAll(/\b((?:emporium|http)_[a-z_]+)/g)].map((m) => m[1].replace(/_(bucket|count|sum)$/, '')),
      ),
    );
    expect([...queried].filter((name) => !registered.has(name))).toEqual([]);
  });

  it('has the panels ops asked for', () => {
    const titles = panels.map((p: { title: string }) => p.title);
    for (const wanted of [
      'Orders per minute by status',
      'Placed → confirmed latency',
      'Consumer lag',
      'Outbox backlog',
      'Oldest unsent outbox event',
      'Dead letters (per interval)',
      'HTTP 5xx error rate',
      'HTTP latency p95',
    ]) {
      expect(titles).toContain(wanted);
    }
  });

  it('is provisioned by docker-compose.yml next to a Prometheus that scrapes every service as its own job', () => {
    const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'));
    const mounts: string[] = compose.services.grafana.volumes.map((v: string) => v.split(':')[0]);
    for (const mount of mounts)
      expect(statSync(path.join(root, mount)).isFile() || statSync(path.join(root, mount)).isDirectory()).toBe(true);
    expect(mounts).toContain('./deploy/grafana');
    const prometheus = parse(readFileSync(path.join(root, 'infra/docker/prometheus.yml'), 'utf8'));
    const jobs = prometheus.scrape_configs.map((c: { job_name: string; static_configs: { targets: string[] }[] }) => [
      c.job_name,
      c.static_configs[0].targets[0].split(':')[0],
    ]);
    expect(jobs).toEqual(SERVICES.map((s) => [s, s]));
  });
});

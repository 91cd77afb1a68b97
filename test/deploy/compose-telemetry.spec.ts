import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { COORDINATOR_METRICS, WORKER_METRICS } from '../../libs/telemetry/src/metric-names';

// There is no Docker engine here: these checks stand in for `docker compose up` of the telemetry services.
const repo = path.resolve(__dirname, '../..');
const readYaml = (file: string) => parse(fs.readFileSync(path.join(repo, file), 'utf8'), { merge: true });
const compose = readYaml('docker-compose.yml');
const services: Record<string, { environment?: Record<string, string>; volumes?: string[]; image?: string; ports?: string[] }> = compose.services;

/** The port of `host:port` or `scheme://host:port`. */
function hostPort(address: string): { host: string; port: number } {
  const m = /^(?:[a-z]+:\/\/)?([^:/]+):(\d+)/.exec(address);
  if (!m) throw new Error(`no host:port in ${address}`);
  return { host: m[1], port: Number(m[2]) };
}

describe('the telemetry services of docker-compose.yml', () => {
  it('mounts only files and folders that exist in the repository', () => {
    const mounts = Object.entries(services).flatMap(([name, s]) => (s.volumes ?? []).filter((v) => v.startsWith('./')).map((v) => [name, v.split(':')[0]]));
    expect(mounts.length).toBeGreaterThan(4);
    for (const [name, source] of mounts) expect(fs.existsSync(path.join(repo, source)), `${name}: ${source}`).toBe(true);
  });

  it('pins every image to a version', () => {
    for (const name of ['otel-collector', 'jaeger', 'prometheus', 'grafana']) expect(services[name].image, name).toMatch(/^[a-z0-9./-]+:v?\d+\.\d+\.\d+$/);
  });

  it("points the attune services at the collector's OTLP/HTTP receiver, and the collector's traces at Jaeger's OTLP port", () => {
    const collector = readYaml('observability/otel-collector.yaml');
    const receiver = hostPort(collector.receivers.otlp.protocols.http.endpoint);
    for (const name of ['coordinator', 'worker']) {
      const endpoint = hostPort(services[name].environment!.OTEL_EXPORTER_OTLP_ENDPOINT);
      expect(endpoint, name).toEqual({ host: 'otel-collector', port: receiver.port });
    }
    const jaeger = hostPort(collector.exporters['otlp/jaeger'].endpoint);
    expect(services[jaeger.host]).toBeDefined();
    expect(jaeger.port).toBe(4317);
    expect(services.jaeger.environment?.COLLECTOR_OTLP_ENABLED).toBe('true');
  });

  it('runs collector pipelines only of receivers, processors and exporters it defines', () => {
    const collector = readYaml('observability/otel-collector.yaml');
    const pipelines: Record<string, { receivers: string[]; processors?: string[]; exporters: string[] }> = collector.service.pipelines;
    expect(Object.keys(pipelines).sort()).toEqual(['metrics', 'traces']);
    for (const [name, p] of Object.entries(pipelines)) {
      for (const r of p.receivers) expect(collector.receivers, `${name}: receiver ${r}`).toHaveProperty([r]);
      for (const x of p.processors ?? []) expect(collector.processors, `${name}: processor ${x}`).toHaveProperty([x]);
      for (const e of p.exporters) expect(collector.exporters, `${name}: exporter ${e}`).toHaveProperty([e]);
    }
    for (const e of collector.service.extensions) expect(collector.extensions).toHaveProperty([e]);
  });

  it('has Prometheus scrape the compose services on the ports they serve /metrics on', () => {
    const prometheus = readYaml('observability/prometheus.yml');
    const collector = readYaml('observability/otel-collector.yaml');
    const served: Record<string, number> = {
      coordinator: Number(services.coordinator.environment!.PORT),
      worker: Number(services.worker.environment!.ATTUNE_METRICS_PORT),
      'otel-collector': hostPort(collector.exporters.prometheus.endpoint).port,
    };
    expect(services.worker.environment!.ATTUNE_METRICS_HOST).toBe('0.0.0.0');
    const scraped = (prometheus.scrape_configs as { job_name: string; static_configs?: { targets: string[] }[]; dns_sd_configs?: { names: string[]; port: number }[] }[]).flatMap((job) => [
      ...(job.static_configs ?? []).flatMap((c) => c.targets.map(hostPort)),
      ...(job.dns_sd_configs ?? []).flatMap((c) => c.names.map((host) => ({ host, port: c.port }))),
    ]);
    expect(Object.fromEntries(scraped.map((t) => [t.host, t.port]))).toEqual(served);
  });

  it('provisions Grafana with the Prometheus service and a dashboard of metrics Attune records', () => {
    const datasources = readYaml('observability/grafana/provisioning/datasources/prometheus.yaml').datasources as { type: string; url: string }[];
    for (const d of datasources) expect(services[hostPort(d.url).host], d.url).toBeDefined();
    const provider = readYaml('observability/grafana/provisioning/dashboards/attune.yaml').providers[0];
    const mount = services.grafana.volumes!.find((v) => v.endsWith(`:${provider.options.path}:ro`));
    expect(mount, 'a volume mounted at the dashboards path').toBeDefined();

    const dashboard = JSON.parse(fs.readFileSync(path.join(repo, mount!.split(':')[0], 'attune.json'), 'utf8'));
    const known = new Set<string>([...Object.values(COORDINATOR_METRICS), ...Object.values(WORKER_METRICS)].map((m) => m.name));
    const exprs: string[] = dashboard.panels.flatMap((p: { targets: { expr: string }[] }) => p.targets.map((t) => t.expr));
    const used = new Set(exprs.flatMap((e) => [...e.matchAll(/\b(attune_[a-z_]+)\{/g)].map((m) => m[1].replace(/_(total|bucket|count|sum)$/, ''))));
    expect([...used].filter((name) => !known.has(name))).toEqual([]);
    expect([...known].filter((name) => !used.has(name))).toEqual([]);
  });
});

describe('the metrics endpoints on Kubernetes', () => {
  it("annotates each pod for scraping on the port its container serves /metrics on", () => {
    const portOf = { coordinator: 'PORT', worker: 'ATTUNE_METRICS_PORT' } as const;
    for (const [name, variable] of Object.entries(portOf)) {
      const template = readYaml(`deploy/${name}/deployment.yaml`).spec.template;
      const container = template.spec.containers.find((c: { name: string }) => c.name === name);
      const port = container.env.find((e: { name: string }) => e.name === variable).value;
      expect(template.metadata.annotations, name).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': port, 'prometheus.io/path': '/metrics' });
      expect(container.ports.map((p: { containerPort: number }) => String(p.containerPort)), name).toContain(port);
    }
  });
});

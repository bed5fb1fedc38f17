import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Secret, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { SHUTDOWN_BUDGET_MS } from '../../src/app.js';

/** No cluster here: every manifest is checked against the Kubernetes OpenAPI schemas offline. */
const dir = join(import.meta.dirname, '../../deploy/kubernetes');

interface Manifest {
  file: string;
  kind: string;
  body: Record<string, unknown>;
}

const manifests: Manifest[] = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
  .flatMap((file) =>
    parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((doc) => {
      expect(doc.errors, file).toEqual([]);
      const body = doc.toJS() as Record<string, unknown>;
      return { file, kind: String(body.kind), body };
    }),
  );

// biome-ignore lint/suspicious/noExplicitAny: each model's constructor takes its own typed shape; the YAML is checked by validate().
const MODELS: Record<string, new (body: any) => { validate(): void }> = {
  Deployment,
  Service,
  PodDisruptionBudget,
  HorizontalPodAutoscaler,
  Secret,
  ServiceMonitor,
};

const one = (kind: string) => {
  const m = manifests.find((x) => x.kind === kind);
  if (!m) throw new Error(`no ${kind} manifest`);
  return m.body;
};

describe('deploy/kubernetes', () => {
  it('has every object a production install needs, each valid against its schema', () => {
    expect(manifests.map((m) => m.kind).sort()).toEqual(Object.keys(MODELS).sort());
    for (const m of manifests) {
      const Model = MODELS[m.kind]!;
      expect(() => new Model(m.body).validate(), m.file).not.toThrow();
    }
  });

  it('a manifest with a wrong field type fails the same validation', () => {
    const broken = structuredClone(one('Deployment')) as { spec: { replicas: unknown } };
    broken.spec.replicas = 'two';
    expect(() => new Deployment(broken as never).validate()).toThrow();
  });

  it('kustomization lists every manifest except the Secret template and the optional ServiceMonitor', () => {
    const k = parseAllDocuments(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'))[0]!.toJS() as {
      resources: string[];
    };
    const expected = manifests
      .filter((m) => m.kind !== 'Secret' && m.kind !== 'ServiceMonitor')
      .map((m) => m.file)
      .sort();
    expect([...k.resources].sort()).toEqual(expected);
  });

  it('runs 2+ non-root replicas on a read-only root filesystem with requests and limits', () => {
    const d = new Deployment(one('Deployment') as never);
    const pod = d.spec!.template.spec!;
    const c = pod.containers[0]!;
    expect(d.spec!.replicas).toBeGreaterThanOrEqual(2);
    expect(pod.securityContext?.runAsNonRoot).toBe(true);
    expect(c.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(c.securityContext?.allowPrivilegeEscalation).toBe(false);
    expect(c.resources?.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(c.resources?.limits).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(c.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(c.readinessProbe?.httpGet?.path).toBe('/readyz');
  });

  it('gives a stopping replica longer than the preStop pause plus the bot’s own shutdown budget', () => {
    const pod = new Deployment(one('Deployment') as never).spec!.template.spec!;
    const pause = pod.containers[0]!.lifecycle?.preStop?.sleep?.seconds ?? 0;
    expect(pause).toBeGreaterThan(0);
    expect(pod.terminationGracePeriodSeconds! * 1000).toBeGreaterThan(pause * 1000 + SHUTDOWN_BUDGET_MS);
  });

  it('the Secret is a template: keys the config reads, and no value in the repository', () => {
    const s = one('Secret') as { stringData: Record<string, string> };
    expect(Object.keys(s.stringData)).toContain('SLACK_BOT_TOKEN');
    expect(Object.values(s.stringData).every((v) => v === '')).toBe(true);
  });

  it('the autoscaler and the disruption budget never let the bot drop below one serving replica', () => {
    const hpa = new HorizontalPodAutoscaler(one('HorizontalPodAutoscaler') as never);
    const pdb = new PodDisruptionBudget(one('PodDisruptionBudget') as never);
    expect(hpa.spec!.minReplicas).toBeGreaterThanOrEqual(2);
    expect(pdb.spec!.minAvailable).toBeGreaterThanOrEqual(1);
    expect(hpa.spec!.scaleTargetRef.name).toBe((one('Deployment').metadata as { name: string }).name);
  });

  it('tells each replica how many run (REPLICAS), so one without Redis warns at start-up', () => {
    const d = new Deployment(one('Deployment') as never);
    const hpa = new HorizontalPodAutoscaler(one('HorizontalPodAutoscaler') as never);
    const env = d.spec!.template.spec!.containers[0]!.env ?? [];
    const replicas = env.find((e) => e.name === 'REPLICAS')?.value;
    expect(replicas).toBe(String(d.spec!.replicas));
    expect(replicas).toBe(String(hpa.spec!.minReplicas));
  });
});

describe('compose.yaml', () => {
  it('runs the bot from this Dockerfile against the Redis service it starts', () => {
    const compose = parseAllDocuments(
      readFileSync(join(import.meta.dirname, '../../compose.yaml'), 'utf8'),
    )[0]!.toJS() as {
      services: Record<string, { build?: string; image?: string; environment?: Record<string, string> }>;
    };
    const { bot, redis } = compose.services;
    expect(redis?.image).toMatch(/^redis:/);
    expect(bot?.build).toBe('.');
    expect(bot?.environment?.REDIS_URL).toBe('redis://redis:6379');
  });
});

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ScaledObject, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/core/config/config';
import { REPO_ROOT } from './support/test-env';

/**
 * Every Kustomize overlay under deploy/k8s renders with kubectl's own kustomize (tools/ensure-services.sh
 * installs Debian's kubernetes-client when absent), and every object it renders validates against the
 * Kubernetes (and KEDA) JSON schemas shipped in kubernetes-models. Then what the schemas cannot know:
 * the probes ask endpoints the API really has, selectors find their pods, workers may drain in time.
 */
const K8S = path.join(REPO_ROOT, 'deploy/k8s');
const MODELS: Record<string, { new (data: never): { validate(): void } }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'apps/v1/Deployment': Deployment,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
  'keda.sh/v1alpha1/TriggerAuthentication': TriggerAuthentication,
};

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
}

// The overlays read secrets.env, which is never committed: render a copy with the example in its place.
const work = mkdtempSync(path.join(tmpdir(), 'tf-k8s-'));
cpSync(K8S, work, { recursive: true });
const overlays = readdirSync(path.join(work, 'overlays'));
for (const o of overlays) {
  const example = path.join(work, 'overlays', o, 'secrets.env.example');
  if (existsSync(example)) cpSync(example, path.join(work, 'overlays', o, 'secrets.env'));
}

function render(dir: string): K8sObject[] {
  const out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseAllDocuments(out).map((d) => {
    const o = d.toJSON() as K8sObject;
    // kustomize folds long base64 values of a Secret over lines, which a YAML reader joins with a space.
    if (o.kind === 'Secret' && o.data) o.data = Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, v.replace(/\s+/g, '')]));
    return o;
  });
}

const openapiPaths = Object.keys(JSON.parse(readFileSync(path.join(REPO_ROOT, 'apps/api/openapi.json'), 'utf8')).paths);
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) => Object.entries(selector).every(([k, v]) => labels[k] === v);

describe('Kubernetes manifests', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('has overlays to render', () => {
    expect(overlays.sort()).toEqual(['scale', 'small']);
  });

  for (const target of ['base', ...overlays.map((o) => `overlays/${o}`)]) {
    describe(target, () => {
      const objects = render(path.join(work, target));
      const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
      const deployment = (component: string) => byKind('Deployment').find((d) => d.spec.template.metadata.labels['app.kubernetes.io/component'] === component)!;

      it('renders objects that each validate against their schema', () => {
        expect(objects.length).toBeGreaterThan(5);
        for (const o of objects) {
          const Model = MODELS[`${o.apiVersion}/${o.kind}`];
          expect(Model, `no schema for ${o.apiVersion} ${o.kind}`).toBeDefined();
          expect(() => new Model(o as never).validate(), `${o.kind}/${o.metadata.name}`).not.toThrow();
        }
      });

      it('probes endpoints the API and the worker really serve, and requests resources', () => {
        const api = deployment('api').spec.template.spec.containers[0];
        for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) expect(openapiPaths).toContain(api[probe].httpGet.path);
        expect(api.readinessProbe.httpGet.path).toBe('/api/health');
        const config = byKind('ConfigMap').find((c) => c.metadata.name === 'teamframe-config')!.data!;
        const worker = deployment('worker').spec.template.spec;
        expect(worker.containers[0].ports[0].containerPort).toBe(Number(config.WORKER_HEALTH_PORT));
        expect(worker.containers[0].readinessProbe.httpGet.path).toBe('/health');
        expect(worker.containers[0].livenessProbe.httpGet.path).toBe('/live');
        for (const c of [api, worker.containers[0]]) {
          expect(c.resources.requests.cpu).toBeTruthy();
          expect(c.resources.requests.memory).toBeTruthy();
        }
        // A worker stopped by Kubernetes gets longer than its drain bound before SIGKILL.
        expect(worker.terminationGracePeriodSeconds).toBeGreaterThan(Number(config.SHUTDOWN_TIMEOUT_SECONDS));
      });

      it('wires selectors, claims and names to objects that exist', () => {
        const pods = byKind('Deployment').map((d) => d.spec.template.metadata.labels);
        for (const d of byKind('Deployment')) expect(matches(d.spec.selector.matchLabels, d.spec.template.metadata.labels)).toBe(true);
        for (const s of byKind('Service')) expect(pods.some((l) => matches(s.spec.selector, l))).toBe(true);
        for (const pdb of byKind('PodDisruptionBudget')) expect(pods.filter((l) => matches(pdb.spec.selector.matchLabels, l))).toHaveLength(1);
        const claims = byKind('PersistentVolumeClaim').map((c) => c.metadata.name);
        for (const d of byKind('Deployment')) for (const v of d.spec.template.spec.volumes.filter((x: { persistentVolumeClaim?: unknown }) => x.persistentVolumeClaim)) expect(claims).toContain(v.persistentVolumeClaim.claimName);
        const services = byKind('Service').map((s) => s.metadata.name);
        for (const i of byKind('Ingress')) for (const r of i.spec.rules) for (const p of r.http.paths) expect(services).toContain(p.backend.service.name);
        for (const so of byKind('ScaledObject')) expect(byKind('Deployment').map((d) => d.metadata.name)).toContain(so.spec.scaleTargetRef.name);
        if (target !== 'base') {
          const secrets = byKind('Secret').map((s) => s.metadata.name);
          for (const d of byKind('Deployment')) {
            for (const ref of d.spec.template.spec.containers[0].envFrom.filter((e: { secretRef?: { name: string } }) => e.secretRef)) expect(secrets).toContain(ref.secretRef.name);
          }
        }
      });

      if (target !== 'base') {
        it('configures pods the product accepts: ConfigMap and Secret pass its own validation, files in object storage', () => {
          const config = byKind('ConfigMap').find((c) => c.metadata.name === 'teamframe-config')!.data!;
          const secret = byKind('Secret').find((c) => c.metadata.name.startsWith('teamframe-secrets'))!.data!;
          const env = { ...config, ...Object.fromEntries(Object.entries(secret).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')])) };
          const parsed = parseConfig(env);
          expect(parsed).toMatchObject({ STORAGE_DRIVER: 's3', S3_BUCKET: expect.any(String), S3_ACCESS_KEY_ID: expect.any(String) });
          // With object storage no pod needs a shared volume.
          expect(byKind('PersistentVolumeClaim')).toEqual([]);
        });
      }
    });
  }
});

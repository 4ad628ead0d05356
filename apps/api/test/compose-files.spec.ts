import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/core/config/config';
import { REPO_ROOT } from './support/test-env';

/**
 * docker/compose.yml with the object-storage override docker/compose.s3.yml, read the way compose merges
 * them (environment and depends_on maps merged per key), with sample values for the variables the
 * operator exports: api and worker get settings the product itself accepts, and every dependency exists.
 * (docker/prove.sh runs the real stack; this runs in every CI.)
 */
const read = (f: string) => parse(readFileSync(path.join(REPO_ROOT, 'docker', f), 'utf8'), { merge: true });
const SAMPLE: Record<string, string> = { TEAMFRAME_SECRET: 's'.repeat(48), S3_SECRET_ACCESS_KEY: 'minio-secret-123', PUBLIC_URL: 'http://localhost:3000' };

/** `${VAR}`, `${VAR:-default}` and `${VAR:?message}` as compose substitutes them, from SAMPLE. */
const substitute = (v: unknown) =>
  String(v).replace(/\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, rest?: string) => SAMPLE[name] ?? (op === '-' ? rest! : ''));

describe('compose with object storage', () => {
  const base = read('compose.yml');
  const s3 = read('compose.s3.yml');

  for (const role of ['api', 'worker']) {
    it(`gives the ${role} settings the product accepts, with files in the bucket MinIO serves`, () => {
      const env = { ...base.services[role].environment, ...s3.services[role].environment };
      const config = parseConfig(Object.fromEntries(Object.entries(env).map(([k, v]) => [k, substitute(v)])));
      expect(config).toMatchObject({ TEAMFRAME_ROLE: role, STORAGE_DRIVER: 's3', S3_BUCKET: 'teamframe', S3_FORCE_PATH_STYLE: true });
      expect(new URL(config.S3_ENDPOINT!).hostname).toBe('minio');
      // The bucket's credentials are MinIO's root user.
      expect(config.S3_ACCESS_KEY_ID).toBe(s3.services.minio.environment.MINIO_ROOT_USER);
      expect(config.S3_SECRET_ACCESS_KEY).toBe(substitute(s3.services.minio.environment.MINIO_ROOT_PASSWORD));
      // The bucket the init job creates is the one the product uses.
      expect(s3.services['minio-init'].entrypoint.join(' ')).toContain(`mc mb --ignore-existing tf/${config.S3_BUCKET}`);
    });
  }

  it('starts api and workers after the bucket exists, and every dependency is a service', () => {
    const services = { ...base.services, ...s3.services };
    for (const role of ['api', 'worker']) expect(s3.services[role].depends_on['minio-init']).toEqual({ condition: 'service_completed_successfully' });
    for (const [name, svc] of Object.entries<{ depends_on?: Record<string, unknown> }>(services)) {
      for (const dep of Object.keys(svc.depends_on ?? {})) expect(Object.keys(services), `${name} → ${dep}`).toContain(dep);
    }
  });
});

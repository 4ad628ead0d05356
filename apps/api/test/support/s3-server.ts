import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/** Credentials s3rver accepts (it checks every signature, presigned URLs included, against these). */
const ACCESS_KEY_ID = 'S3RVER';
const SECRET_ACCESS_KEY = 'S3RVER';

export interface TestS3 {
  endpoint: string;
  /** A raw client of the test server, for checks the product's adapter does not offer. */
  client: S3Client;
  /** Every request the server received, as `METHOD /bucket/key?query` (to check which S3 calls were made). */
  requests: string[];
  /** Creates an empty bucket of its own; returns its name. */
  bucket(): Promise<string>;
  /** The product's settings for that bucket on this server (with a placeholder SMTP_URL, which s3 needs; specs set their own). */
  env(bucket: string): Record<string, string>;
  stop(): Promise<void>;
}

/**
 * An S3-compatible server (s3rver, objects in a temp folder) on a free loopback port, for the adapter
 * contract and the split-topology journey. It speaks the S3 REST API: objects, ranged GETs, multipart
 * uploads, bulk deletes, listing. Its limits, which the specs work around: it does not verify signature
 * V4 (so a tampered presigned URL is not refused here), and it implements neither AbortMultipartUpload
 * nor ListMultipartUploads (so the specs check that the abort is sent, not what it does).
 */
export async function startTestS3(): Promise<TestS3> {
  const directory = mkdtempSync(path.join(tmpdir(), 'tf-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, vhostBuckets: false });
  const requests: string[] = [];
  // Koa composes its middleware when the server starts, so this one, put first, sees every request.
  (server as unknown as { middleware: ((ctx: { method: string; url: string }, next: () => Promise<void>) => Promise<void>)[] }).middleware.unshift(async (ctx, next) => {
    requests.push(`${ctx.method} ${ctx.url}`);
    await next();
  });
  const address = (await server.run()) as { address: string; port: number };
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY } });
  return {
    endpoint,
    client,
    requests,
    async bucket() {
      const name = `tf-${randomBytes(5).toString('hex')}`;
      await client.send(new CreateBucketCommand({ Bucket: name }));
      return name;
    },
    env: (bucket) => ({
      SMTP_URL: 'smtp://127.0.0.1:1',
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
      S3_FORCE_PATH_STYLE: 'true',
    }),
    async stop() {
      client.destroy();
      const http = (server as unknown as { httpServer: Server }).httpServer;
      http.closeAllConnections();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

import { PassThrough, type Readable, Writable } from 'node:stream';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { assertStorageKey, type ByteRange, fileGone, StorageError, StorageService, type StorageUpload } from './storage.service';

/** Multipart part size for streamed writes (S3's minimum is 5 MiB); two parts in flight at most. */
const PART_SIZE = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

/**
 * The storage in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Cloudflare R2…), for API and workers
 * on several machines with no shared disk. Every object write is atomic in S3 itself; streamed writes
 * are multipart uploads that complete only on `commit()`, so a half-written export is never visible.
 * Errors never carry the bucket or key to a caller: a missing object is `fileGone()`, any other
 * failure a StorageError with the SDK's error as its cause (for the log).
 */
@Injectable()
export class S3Storage extends StorageService implements OnModuleInit, OnApplicationShutdown {
  private readonly client: S3Client;
  /** Signs download URLs for browsers: the same bucket, seen through S3_PUBLIC_ENDPOINT when set. */
  private readonly signer: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
    if (!config.S3_BUCKET) throw new Error('S3_BUCKET is required when STORAGE_DRIVER is s3');
    this.bucket = config.S3_BUCKET;
    this.prefix = config.S3_KEY_PREFIX;
    this.client = s3Client(config, config.S3_ENDPOINT);
    this.signer = config.S3_PUBLIC_ENDPOINT ? s3Client(config, config.S3_PUBLIC_ENDPOINT) : this.client;
  }

  /** Fails the start, naming the bucket in the operator's log, when the bucket cannot be reached. */
  async onModuleInit(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket })).catch((e: unknown) => {
      const why = e instanceof S3ServiceException ? `${e.name}, HTTP ${e.$metadata.httpStatusCode}` : String(e);
      throw new Error(`Object storage: bucket "${this.bucket}" at ${this.config.S3_ENDPOINT ?? `AWS S3 ${this.config.S3_REGION}`} cannot be used (${why})`);
    });
  }

  async put(key: string, data: Buffer): Promise<void> {
    const Key = this.keyOf(key);
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key, Body: data, ContentType: contentTypeOf(key) })).catch((e: unknown) => {
      throw new StorageError('write', e);
    });
  }

  async openWrite(key: string): Promise<StorageUpload> {
    const Key = this.keyOf(key);
    // The upload reads `body`; the caller writes `stream`. Ending `stream` does not end `body`: only
    // commit() does, so the last part (or, under one part, the single PUT) goes out on commit and the
    // object appears then, whole, as on the disk.
    const body = new PassThrough();
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key, Body: body, ContentType: contentTypeOf(key) },
      partSize: PART_SIZE,
      queueSize: PARTS_IN_FLIGHT,
      leavePartsOnError: false,
    });
    let failure: unknown = null;
    const done = upload.done().then(
      () => undefined,
      (e: unknown) => {
        failure = e;
        stream.destroy(new StorageError('write', e));
      },
    );
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        if (body.write(chunk)) callback();
        else body.once('drain', () => callback());
      },
      final(callback) {
        callback();
      },
    });
    // A no-op listener until the caller attaches its own, so a failed upload cannot take the process down.
    stream.on('error', () => undefined);
    return {
      stream,
      commit: async () => {
        body.end();
        await done;
        if (failure) throw new StorageError('write', failure);
      },
      abort: async () => {
        // Breaking the body fails the upload, which then aborts the multipart upload at the server (its
        // parts are dropped) before `done` settles; a write under one part never reached the server.
        stream.destroy();
        body.destroy(new Error('upload aborted'));
        await done;
      },
    };
  }

  async read(key: string): Promise<Buffer> {
    const stream = await this.openStream(key);
    try {
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    } catch (e) {
      throw new StorageError('read', e);
    }
  }

  async openStream(key: string, range?: ByteRange): Promise<Readable> {
    const Key = this.keyOf(key);
    const Range = range ? `bytes=${range.start}-${range.end ?? ''}` : undefined;
    // The SDK answers once the status and headers are in: a missing object rejects here, before any byte.
    const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key, Range })).catch((e: unknown) => {
      throw isMissing(e) ? fileGone() : new StorageError('read', e);
    });
    const body = res.Body as Readable;
    // A no-op listener until the consumer attaches its own, so an early error cannot take the process down.
    return body.on('error', () => undefined);
  }

  async size(key: string): Promise<number | null> {
    const Key = this.keyOf(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key }));
      return head.ContentLength ?? 0;
    } catch (e) {
      if (isMissing(e)) return null;
      throw new StorageError('read', e);
    }
  }

  async delete(key: string): Promise<void> {
    const Key = this.keyOf(key);
    // S3 answers 204 for a missing key too.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key })).catch((e: unknown) => {
      throw new StorageError('delete', e);
    });
  }

  async deletePrefix(prefix: string): Promise<void> {
    // As on the disk, `org/a/employee/c` is the key itself and everything under `org/a/employee/c/`, never `…/cx`.
    await this.delete(prefix);
    const Prefix = `${this.keyOf(prefix)}/`;
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix, ContinuationToken })).catch((e: unknown) => {
        throw new StorageError('list', e);
      });
      const Objects = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
      if (Objects.length) {
        const res = await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects, Quiet: true } })).catch((e: unknown) => {
          throw new StorageError('delete', e);
        });
        if (res.Errors?.length) throw new StorageError('delete', new Error(`${res.Errors.length} objects not deleted: ${res.Errors[0].Code}`));
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  override async downloadUrl(key: string, opts: { fileName: string; contentType: string }): Promise<string | null> {
    const Key = this.keyOf(key);
    if (!this.config.S3_PRESIGNED_DOWNLOADS) return null;
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key,
      ResponseContentType: opts.contentType,
      ResponseContentDisposition: `attachment; filename="${opts.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      ResponseCacheControl: 'private, no-store',
    });
    return getSignedUrl(this.signer, command, { expiresIn: this.config.S3_PRESIGNED_TTL_SECONDS });
  }

  onApplicationShutdown(): void {
    this.client.destroy();
    if (this.signer !== this.client) this.signer.destroy();
  }

  private keyOf(key: string): string {
    assertStorageKey(key);
    return this.prefix + key;
  }
}

function s3Client(config: AppConfig, endpoint: string | undefined): S3Client {
  return new S3Client({
    region: config.S3_REGION,
    endpoint,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials: config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY } : undefined,
    // Checksums only where S3 requires them: many S3-compatible servers (older MinIO, Ceph, R2) refuse
    // the newer default trailing checksums on streamed bodies.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
}

function isMissing(e: unknown): boolean {
  // A missing bucket is a 404 too, but a broken setup rather than a file gone.
  return e instanceof S3ServiceException && e.name !== 'NoSuchBucket' && (e.$metadata.httpStatusCode === 404 || e.name === 'NoSuchKey');
}

const TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif', zip: 'application/zip', json: 'application/json' };

function contentTypeOf(key: string): string {
  return TYPES[key.slice(key.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}

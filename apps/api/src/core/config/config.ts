import { isIP } from 'node:net';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const isCidr = (c: string) => {
  const [ip, bits, extra] = c.split('/');
  const family = isIP(ip);
  return extra === undefined && family !== 0 && /^\d{1,3}$/.test(bits ?? '') && Number(bits) <= (family === 4 ? 32 : 128);
};

const port = z.coerce.number().int().min(1).max(65535);

/**
 * Every environment variable the product reads, validated once at start.
 * `.env.example` lists the same variables with a one-line meaning each.
 */
export const ConfigSchema = z
  .object({
    TEAMFRAME_ROLE: z.enum(['api', 'worker', 'all']).default('all'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(3000),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    EMBEDDED_PG_DIR: z.string().min(1).default('./var/pg'),
    EMBEDDED_PG_PORT: port.default(54329),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
    /** Redis Sentinel: `host:port,host:port`; when set, the sentinels say where the master is. */
    REDIS_SENTINELS: z
      .string()
      .regex(/^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/, 'must be a comma-separated list of host:port, e.g. sentinel-1:26379,sentinel-2:26379')
      .transform((v) => v.split(',').map((s) => ({ host: s.slice(0, s.lastIndexOf(':')), port: Number(s.slice(s.lastIndexOf(':') + 1)) })))
      .optional(),
    REDIS_SENTINEL_NAME: z.string().min(1).default('mymaster'),
    QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i).default('teamframe'),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_FROM: z.string().min(3).default('Teamframe <no-reply@teamframe.local>'),
    MAIL_OUTBOX_DIR: z.string().min(1).default('./var/outbox'),
    /** Development only: print the links of outbox mails (invite links open upload pages) on stdout, past the log redaction. */
    MAIL_OUTBOX_PRINT_LINKS: bool.default(false),
    /** A company's translation files for the employee side (`<language>.json`, ICU MessageFormat): override or add languages. */
    I18N_DIR: z.string().min(1).optional(),
    STORAGE_DIR: z.string().min(1).default('./var/storage'),
    /** Where files live: `disk` (STORAGE_DIR, one machine or a shared volume) or `s3` (any S3-compatible object storage). */
    STORAGE_DRIVER: z.enum(['disk', 's3']).default('disk'),
    /** S3-compatible endpoint (MinIO, Ceph, R2…); unset: AWS S3 in S3_REGION. */
    S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name (3–63 lower-case letters, digits, dots, hyphens)').optional(),
    S3_REGION: z.string().regex(/^[a-z0-9-]+$/).default('us-east-1'),
    /** Static credentials; unset, the AWS default chain (AWS_* variables, web identity / IRSA, instance role). */
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** Path-style addressing (`endpoint/bucket/key`), which MinIO and Ceph usually need. */
    S3_FORCE_PATH_STYLE: bool.default(false),
    /** Every key is stored under this prefix, so one bucket can hold several installations. */
    S3_KEY_PREFIX: z.string().regex(/^([a-z0-9][a-z0-9._-]*\/)*$/i, 'must be empty or end with a slash, e.g. teamframe/').default(''),
    /** Export downloads answer with a short-lived presigned URL, so large ZIPs do not stream through the API. */
    S3_PRESIGNED_DOWNLOADS: bool.default(false),
    S3_PRESIGNED_TTL_SECONDS: z.coerce.number().int().min(30).max(7 * 24 * 3600).default(300),
    /** The endpoint browsers reach for presigned URLs, when it differs from S3_ENDPOINT (e.g. an internal service name). */
    S3_PUBLIC_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    WEB_DIR: z.string().min(1).default('apps/admin-web/dist/browser'),
    TEAMFRAME_ORG_NAME: z.string().trim().min(1).max(200).default('My company'),
    TEAMFRAME_ADMIN_EMAIL: z.email().default('admin@teamframe.local'),
    TEAMFRAME_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(1024).optional(),
    TEAMFRAME_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    SECRET_FILE: z.string().min(1).default('./var/secret'),
    /** The platform operator's bearer token for /api/operator routes; unset, those routes do not exist. */
    TEAMFRAME_OPERATOR_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    INVITE_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(14),
    INVITE_REMINDER_DAYS: z
      .string()
      .regex(/^(\d{1,3}(,\d{1,3})*)?$/, 'must be a comma-separated list of days, e.g. 3,7')
      .default('3,7')
      .transform((v) => (v ? v.split(',').map(Number).sort((a, b) => a - b) : [])),
    /** Which Generator turns selfies into headshots: `local`, the engine in libs/pipeline (see PipelineModule). */
    HEADSHOT_GENERATOR: z.enum(['local']).default('local'),
    /** Worker threads for pixel work per process (each loads its own models); default: 1 in an `api` process (the upload check), else the core count. */
    PIPELINE_THREADS: z.coerce.number().int().min(1).max(64).optional(),
    /** An `api` or `all` process closes its pixel threads (and their models) after this many idle seconds; 0 keeps them. */
    PIPELINE_IDLE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
    /** Image uploads (selfies, logos, brand images) read and checked at once per process; more answer 503. */
    UPLOAD_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
    /** Photos decoded and checked at once per API process (each large one holds hundreds of MB). */
    DECODE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    TRUST_PROXY: bool.default(false),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
    LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
    /**
     * DNS servers (ip or ip:port, comma-separated) that check SSO domain TXT records; unset: the system's.
     * Point it at a resolver that sees public DNS as the internet does (not a split-horizon one).
     */
    DNS_SERVERS: z
      .string()
      .regex(/^(\[?[0-9a-f.:]+\]?(:\d{1,5})?)(,\s*\[?[0-9a-f.:]+\]?(:\d{1,5})?)*$/i, 'must be a comma-separated list of IP addresses, each with an optional :port')
      .transform((v) => v.split(',').map((s) => s.trim()))
      .optional(),
    /** Role `worker`: port of its own health listener (GET /health, /live); unset, no listener. */
    WORKER_HEALTH_PORT: port.optional(),
    /** SIGTERM: how long running jobs may take to finish before the process exits anyway. */
    SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
    /**
     * Networks (CIDR, comma-separated) webhooks may reach although they are not public, over http or https,
     * e.g. `10.20.0.0/16` for an internal receiver. Empty: only https URLs on public addresses.
     */
    WEBHOOK_ALLOWED_NETWORKS: z
      .string()
      .default('')
      .refine((v) => v.split(',').every((c) => c.trim() === '' || isCidr(c.trim())), 'must be comma-separated CIDR blocks, e.g. 10.0.0.0/8,fd00::/8')
      .transform((v) => v.split(',').map((c) => c.trim()).filter(Boolean)),
    /** First retry delay of a failed webhook delivery; each further retry waits twice as long. */
    WEBHOOK_RETRY_DELAY_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    /** Failed delivery attempts in a row after which an endpoint is switched off and its org's owners are told. */
    WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(10_000).default(25),
    /**
     * Where the directory connectors send requests: the real services by default. Operator settings (not
     * per org), so no org can point a connector at an internal address; tests point them at local servers.
     */
    DIRECTORY_MICROSOFT_LOGIN_URL: z.url({ protocol: /^https?$/ }).default('https://login.microsoftonline.com'),
    DIRECTORY_MICROSOFT_GRAPH_URL: z.url({ protocol: /^https?$/ }).default('https://graph.microsoft.com'),
    DIRECTORY_GOOGLE_TOKEN_URL: z.url({ protocol: /^https?$/ }).default('https://oauth2.googleapis.com/token'),
    DIRECTORY_GOOGLE_API_URL: z.url({ protocol: /^https?$/ }).default('https://admin.googleapis.com'),
    DIRECTORY_BAMBOOHR_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.bamboohr.com'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((c, ctx) => {
    if (c.STORAGE_DRIVER !== 's3') return;
    // The file outbox is one machine's folder: processes that share no disk send real mail.
    if (!c.SMTP_URL) ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'an SMTP server is required when STORAGE_DRIVER is s3 (the file outbox is one machine\'s folder)' });
    if (!c.S3_BUCKET) ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'a bucket name is required when STORAGE_DRIVER is s3' });
    else if (!c.S3_ACCESS_KEY_ID !== !c.S3_SECRET_ACCESS_KEY) {
      ctx.addIssue({ code: 'custom', path: [c.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'], message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together, or both left unset for the AWS default credentials' });
    }
  })
  .transform((c) => {
    const publicUrl = (c.PUBLIC_URL ?? `http://${c.HOST.includes(':') ? `[${c.HOST}]` : c.HOST}:${c.PORT}`).replace(/\/+$/, '');
    return {
      ...c,
      PUBLIC_URL: publicUrl,
      /** Served over https: cookies are Secure, HSTS is sent and the page upgrades insecure requests. */
      PUBLIC_HTTPS: publicUrl.startsWith('https:'),
    };
  });

export type AppConfig = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Reads the config from `env`; throws a ConfigError whose message is one line naming the variable. */
export function parseConfig(env: NodeJS.ProcessEnv): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = ConfigSchema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0] ?? 'config');
    throw new ConfigError(`Configuration error: ${name} ${describe(issue, present[name])}`);
  }
  return result.data;
}

function describe(issue: z.core.$ZodIssue, value: string | undefined): string {
  const shown = value === undefined ? '' : ` (got "${value.length > 60 ? `${value.slice(0, 60)}…` : value}")`;
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `must be one of ${issue.values.join(', ')}${shown}`;
  }
  return `is invalid: ${issue.message}${shown}`;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

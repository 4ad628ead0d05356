import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CreatePlatformOrgSchema, UpdatePlatformOrgSchema } from '@teamframe/shared-types';
import { DataSource } from 'typeorm';
import { type AppConfig, ConfigError, parseConfig } from './core/config/config';
import { ConfigModule } from './core/config/config.module';
import { DatabaseModule } from './core/database/database.module';
import { runMigrationsLocked } from './core/database/migrate';
import { StorageModule } from './core/storage/storage.module';
import { AuditModule } from './modules/audit/audit.module';
import { OrgsCoreModule } from './modules/orgs/orgs-core.module';
import { PlatformOrgsServiceModule } from './modules/orgs/platform-orgs.module';
import { PlatformOrgs } from './modules/orgs/platform-orgs.service';

const USAGE = `teamframe org <command>   (against DATABASE_URL and STORAGE_DIR, as the server)

  create --name <name> --owner <email> [--slug <slug>] [--password <pw>] [--max-employees <n>] [--max-storage-mb <n>]
  list
  show <id|slug>
  set <id|slug> [--name <name>] [--max-employees <n|none>] [--max-storage-mb <n|none>]
  suspend <id|slug>
  unsuspend <id|slug>
  delete <id|slug> --yes          (only a suspended org; removes all its data and files)

Prints JSON. Exit 0 done, 1 refused (the line says why), 2 wrong usage.`;

class UsageError extends Error {}

/** Just what the operator's commands need: config, database, storage, audit and the org service. */
@Module({})
class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [ConfigModule.forRoot(config), DatabaseModule, StorageModule, AuditModule, OrgsCoreModule, PlatformOrgsServiceModule] };
  }
}

const OPTIONS = {
  name: { type: 'string' },
  owner: { type: 'string' },
  slug: { type: 'string' },
  password: { type: 'string' },
  'max-employees': { type: 'string' },
  'max-storage-mb': { type: 'string' },
  yes: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `12` → 12, `none` → null (no limit), absent → undefined (unchanged). */
function limit(value: string | undefined, scale = 1): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'none') return null;
  if (!/^\d+$/.test(value)) throw new UsageError(`a limit must be a whole number or "none" (got "${value}")`);
  return Number(value) * scale;
}

function validated<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(r.error.issues.map((i) => `${i.path.join('.') || 'input'} ${i.message}`).join('; '));
  return r.data;
}

async function run(orgs: PlatformOrgs, command: string | undefined, args: string[], o: Record<string, string | boolean | undefined>): Promise<unknown> {
  const target = () => {
    if (!args[0]) throw new UsageError(`${command} needs an org id or slug`);
    return args[0];
  };
  const quotas = () => ({ maxEmployees: limit(o['max-employees'] as string | undefined), maxStorageBytes: limit(o['max-storage-mb'] as string | undefined, 1_000_000) });
  switch (command) {
    case 'create':
      return orgs.create(validated(CreatePlatformOrgSchema, { name: o.name, slug: o.slug, owner: { email: o.owner, password: o.password }, quotas: quotas() }), 'cli');
    case 'list':
      return orgs.list();
    case 'show':
      return orgs.get(target());
    case 'set':
      return orgs.update(target(), validated(UpdatePlatformOrgSchema, { name: o.name, quotas: quotas() }), 'cli');
    case 'suspend':
    case 'unsuspend':
      return orgs.setSuspended(target(), command === 'suspend', 'cli');
    case 'delete':
      if (!o.yes) throw new UsageError('delete removes every record and file of the org: add --yes');
      return orgs.delete(target());
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const [noun, command, ...args] = positionals;
  if (values.help || noun !== 'org') {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const config = parseConfig(process.env);
  if (!config.DATABASE_URL) throw new UsageError('set DATABASE_URL (the embedded database of `npm start` is postgres://teamframe:teamframe@127.0.0.1:54329/teamframe)');
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: false, abortOnError: false });
  try {
    await runMigrationsLocked(app.get(DataSource));
    const result = await run(app.get(PlatformOrgs), command, args, values);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    const usage = e instanceof UsageError || e instanceof ConfigError || (e as { code?: string })?.code?.startsWith?.('ERR_PARSE_ARGS');
    process.stderr.write(`teamframe: ${(e as Error).message}\n`);
    process.exit(usage ? 2 : 1);
  },
);

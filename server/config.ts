/**
 * The environment, parsed once at boot. A bad value stops the start with a message naming the variable.
 */
import path from 'node:path';
import { z } from 'zod';

const size = z.string().regex(/^\d+[kmg]?$/i, 'must be a size such as 512m or 2g');

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'must be a neo4j://, neo4j+s://, bolt:// or bolt+s:// URI')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().regex(/^[a-z][a-z0-9.-]{0,62}$/, 'must be a Neo4j database name').optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  NEO4J_HEAP: size.default('6g'),
  NEO4J_PAGECACHE: size.default('1g'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Bearer token of the admin role (imports, recomputes, tokens, audit). Generated into DATA_DIR when unset. */
  ANCHORAGE_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** The admin token's former name, still honoured when ANCHORAGE_ADMIN_TOKEN is unset. */
  ANCHORAGE_EDITOR_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Load the Busan seed network when the database is empty. */
  SEED_ON_EMPTY: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Host names clients use to reach the server (comma-separated; `*` for any). Default: loopback names and HOST. */
  ALLOWED_HOSTS: z
    .string()
    .regex(/^(\*|[A-Za-z0-9.:\[\]-]+(,[A-Za-z0-9.:\[\]-]+)*)$/, 'must be * or a comma-separated list of host names')
    .optional(),
  /** Requests per minute per client: changes, and the expensive reads (scenarios, rankings, graph walks). 0 = no limit. */
  RATE_LIMIT_WRITES: z.coerce.number().int().min(0).default(60),
  RATE_LIMIT_READS: z.coerce.number().int().min(0).default(600),
  /** Largest accepted JSON body (imports of 1M links are ~150 MB; use the CLI beyond this). */
  MAX_BODY: size.default('200m'),
  /** Largest accepted file in an import uploaded from the explorer (each of firms and supplies), spooled to DATA_DIR. */
  IMPORT_UPLOAD_MAX: size.default('2g'),
});

/** A configured size (`512m`, `2g`, bytes when bare) in bytes. */
export function bytesOf(size: string): number {
  const m = /^(\d+)([kmg]?)$/i.exec(size);
  if (!m) throw new ConfigError(`"${size}" is not a size such as 512m or 2g`);
  return Number(m[1]) * 1024 ** ' kmg'.indexOf(m[2].toLowerCase() || ' ');
}

export type Config = z.infer<typeof Env> & { dataDir: string };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in a shell's `NEO4J_URI= npm start`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}

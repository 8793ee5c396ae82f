/**
 * Configuration from the environment, validated once at start-up with zod so that a typo in a
 * variable fails with a clear message instead of a confusing error later.
 */
import path from 'node:path';
import { z } from 'zod';

const EnvSchema = z
  .object({
    NEO4J_URI: z.string().trim().min(1).optional(),
    NEO4J_USER: z.string().trim().min(1).optional(),
    NEO4J_PASSWORD: z.string().min(1).optional(),
    NEO4J_DATABASE: z.string().trim().min(1).optional(),
    /** Heap of the local Neo4j JVM, e.g. "3g". */
    NEO4J_HEAP: z
      .string()
      .regex(/^\d+[mg]$/i, 'must look like 2g or 1536m')
      .default('3g'),
    PORT: z.coerce.number().int().min(1).max(65535).default(4000),
    HOST: z.string().default('127.0.0.1'),
    DATA_DIR: z.string().default('.data'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    /**
     * The key that signs session and API tokens (at least 32 characters). Unset: a random key is
     * generated into DATA_DIR/auth-secret on first start and kept there.
     */
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** How long a web session lasts, in hours. */
    SESSION_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(8),
    /** How long an API (bearer) token lasts, in days. */
    API_TOKEN_DAYS: z.coerce.number().positive().max(365).default(30),
    /**
     * Secure flag of the session cookie: `auto` sets it when the request came over HTTPS
     * (behind a proxy: set TRUST_PROXY too), `true` always, `false` never.
     */
    COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
    /** Express's `trust proxy` setting when running behind an HTTPS proxy (e.g. `loopback` or 1). */
    TRUST_PROXY: z.string().optional(),
    /**
     * Transaction timeouts in seconds (server/db/timeouts.ts): every transaction without its
     * own; imports and analytics projection loads; the entity queries of one GraphQL request.
     */
    NEO4J_TX_TIMEOUT: z.coerce.number().positive().max(86_400).default(60),
    NEO4J_LONG_TX_TIMEOUT: z.coerce.number().positive().max(86_400).default(3600),
    GRAPHQL_TX_TIMEOUT: z.coerce.number().positive().max(3600).default(30),
    /**
     * Up to this many domain nodes the analytics of all regions are one projection and
     * networkMap(regionId: null) answers; above, they are composed region by region and the web
     * app shows the overview of regions (server/graphql/allRegions.ts). Lowered by tests.
     */
    ALL_REGIONS_WHOLE_MAX: z.coerce.number().int().min(0).default(100_000),
    /** Create the demo accounts (one per role) when the database is new. */
    DEMO_ACCOUNTS: z.enum(['true', 'false']).default('true'),
    /**
     * Sending survey invitations and reminders by e-mail (optional; docs/surveys.md). Unset:
     * nothing is ever sent, the web app offers copyable texts and the mail-merge CSV only.
     * `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465`.
     */
    SMTP_URL: z
      .url({ protocol: /^smtps?$/, error: 'must be smtp://… or smtps://… (user:pass@host:port)' })
      .optional(),
    /** The sender of those mails: `chiiki@example.jp` or `塩尻市 地域の人事部 <chiiki@example.jp>`. */
    SMTP_FROM: z
      .string()
      .trim()
      .regex(
        /^(?:[^<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
        'must be an e-mail address, optionally as Name <address>',
      )
      .optional(),
    /**
     * The address respondents open their links at (e.g. https://chiiki.example.jp), for the
     * links in e-mails. Unset: the address the coordinator's request came to.
     */
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be http://… or https://…' }).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NEO4J_URI && (!env.NEO4J_USER || !env.NEO4J_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['NEO4J_USER'],
        message: 'NEO4J_USER and NEO4J_PASSWORD must be set together with NEO4J_URI',
      });
    }
    if (Boolean(env.SMTP_URL) !== Boolean(env.SMTP_FROM)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.SMTP_URL ? 'SMTP_FROM' : 'SMTP_URL'],
        message: 'SMTP_URL and SMTP_FROM are set together (or neither: no e-mail is sent)',
      });
    }
  });

export type AppConfig = z.infer<typeof EnvSchema> & { projectRoot: string; dataDir: string };

/** The repository root (this file lives in server/config/). */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const cfg = parsed.data;
  return {
    ...cfg,
    projectRoot: PROJECT_ROOT,
    dataDir: path.resolve(PROJECT_ROOT, cfg.DATA_DIR),
  };
}

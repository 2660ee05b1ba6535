/**
 * The server's configuration: the only place that reads the environment. Validated at start-up with errors that
 * name the variable (or JSON path) at fault, then frozen. Unsafe development defaults announce themselves in
 * `announcements` and are refused when NODE_ENV=production.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { type DeploymentPolicy, sandboxPolicy } from '@tessera/pki';
import { SCHEME_NAMES } from '@tessera/protocol';
import { type Static, Type } from 'typebox';
import Value from 'typebox/value';
import { ConfigError } from './config-error.js';

/** Where the CA keys live: a PKCS#11 token, or software keys in the data directory (development only). */
export type CaKeyMode = 'pkcs11' | 'software';

/** The validated, frozen server configuration. */
export interface ServerConfig {
  readonly environment: 'production' | 'development' | 'test';
  /** The base URL relying parties reach this server at, without a trailing slash (AIA, CRL and OCSP URLs). */
  readonly publicUrl: string;
  /** Absolute path of the data directory (CA store, software keys). */
  readonly dataDir: string;
  readonly ca: {
    readonly keys: CaKeyMode;
    /** The PKCS#11 token, when `keys` is `pkcs11`. The PIN never reaches a log or an error. */
    readonly hsm?: { readonly modulePath: string; readonly tokenLabel: string; readonly pin: string };
    /** `sandbox`, or the path of the deployment policy file. */
    readonly policySource: string;
    readonly policy: DeploymentPolicy;
  };
  readonly rpApi: {
    /** How long a session waits for the person before it ends with TIMEOUT. */
    readonly sessionTimeoutMs: number;
    /** Where device links point: the app's entry for QR, Web2App and App2App links. */
    readonly deviceLinkBase: string;
    /** First field of authCodes and ACSP_V2 payloads: `smart-id-demo` in the sandbox, `smart-id` otherwise. */
    readonly schemeName: string;
    /** Under maintenance every RP API call is refused with 580 (spec §1); devices still finish what they hold. */
    readonly maintenance: boolean;
  };
  /** Where the server listens. Loopback by default. */
  readonly listen: { readonly host: string; readonly port: number };
  /** PostgreSQL when `url` is set (DATABASE_URL, never logged); otherwise embedded PGlite in `<dataDir>/db`. */
  readonly database: { readonly url?: string; readonly pgliteDir: string };
  /**
   * Sandbox mode, or null: the demo relying party, the scripted test accounts answered by a simulated user, and
   * `POST /mock/device-link`. Refused in production.
   */
  readonly sandbox: SandboxSettings | null;
  /**
   * Web Push to the app when transactions wait for it (TESSERA_WEB_PUSH, on by default), or null. The VAPID key
   * pair is made at the first start and kept in the database.
   */
  readonly webPush: WebPushSettings | null;
  /**
   * How many worker threads complete signatures (TESSERA_CRYPTO_THREADS; by default one per CPU), so the event
   * loop keeps answering while the server signs.
   */
  readonly cryptoThreads: number;
  /**
   * The least severe log entry written (TESSERA_LOG_LEVEL, `warn` by default): warnings and errors are what an
   * operator must see (a 5xx, a failed push, lost cross-process wake-ups); `silent` writes none.
   */
  readonly logLevel: LogLevel;
  /** Unsafe defaults in use, one sentence each, to be shown at start-up. */
  readonly announcements: readonly string[];
}

/** pino's levels, most severe first, and `silent`. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What the sandbox's simulated user is told. */
export interface SandboxSettings {
  /** After how long a scripted TIMEOUT account's session ends with TIMEOUT (at most the session timeout). */
  readonly scriptedTimeoutMs: number;
  /**
   * Whether this process runs the simulated user of the scripted test accounts (TESSERA_SANDBOX_SIMULATED_USER).
   * Its phones live in this process and its data directory: of several server processes, at most one runs it.
   */
  readonly simulatedUser: boolean;
}

/** How the server sends Web Push. */
export interface WebPushSettings {
  /**
   * The VAPID subject (RFC 8292 `sub`) push services may contact the operator at: TESSERA_WEB_PUSH_SUBJECT, a
   * `mailto:` or `https:` URI; by default the public URL when it is https, else `mailto:admin@<public host>`.
   */
  readonly subject: string;
  /** Subscriptions may name a plain-http push service on a loopback host (tests): never in production. */
  readonly allowLoopbackHttp: boolean;
}

/** The environment variables read here. */
export type ServerEnvironment = Readonly<Record<string, string | undefined>>;

const DEFAULT_HSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';
const DEFAULT_TOKEN_LABEL = 'tessera-ca';

const Oid = Type.String({ pattern: '^[0-2](\\.(0|[1-9][0-9]*))+$' });
const Url = Type.String({ pattern: '^https?://[\\x21-\\x7e]+$', maxLength: 500 });
const Policies = Type.Array(
  Type.Object({ oid: Oid, cpsUri: Type.Optional(Url) }, { additionalProperties: false }),
  {
    minItems: 1,
  },
);
const PurposePolicies = Type.Object(
  { AUTHENTICATION: Policies, SIGNING: Policies },
  { additionalProperties: false },
);
const Name = Type.String({ minLength: 1, maxLength: 40 }); // CN = name + " 2026 OCSP Responder" ≤ 64

/** The schema of a deployment policy file (JSON): every field of @tessera/pki's DeploymentPolicy. */
export const DeploymentPolicySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    certificatePolicies: Type.Object(
      { QUALIFIED: PurposePolicies, ADVANCED: PurposePolicies },
      { additionalProperties: false },
    ),
    authenticationExtendedKeyUsage: Type.Array(Oid, { minItems: 1 }),
    pds: Type.Object(
      { url: Url, language: Type.String({ pattern: '^[a-z]{2}$' }) },
      { additionalProperties: false },
    ),
    endEntityRsaKeySizes: Type.Array(
      Type.Union([Type.Literal(2048), Type.Literal(3072), Type.Literal(4096)]),
      {
        minItems: 1,
      },
    ),
    endEntityValidityYears: Type.Integer({ minimum: 1, maximum: 5 }),
    caNames: Type.Object(
      {
        organization: Name,
        country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
        organizationIdentifier: Type.Optional(Name),
        rootCommonName: Name,
        qualifiedCommonName: Name,
        advancedCommonName: Name,
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function readPolicyFile(path: string): DeploymentPolicy {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new ConfigError(`TESSERA_CA_POLICY: cannot read ${path} as JSON.`, { cause });
  }
  const first = [...Value.Errors(DeploymentPolicySchema, json)][0];
  if (first !== undefined) {
    throw new ConfigError(`TESSERA_CA_POLICY (${path}): ${first.instancePath || '/'} ${first.message}.`);
  }
  return json as Static<typeof DeploymentPolicySchema>;
}

function parseWebPushSubject(text: string | undefined, publicUrl: string): string {
  const url = new URL(publicUrl);
  if (text === undefined) {
    return url.protocol === 'https:' ? publicUrl : `mailto:admin@${url.hostname.replace(/^\[|\]$/g, '')}`;
  }
  if (/^mailto:[^@\s]+@[^@\s]+$/.test(text)) return text;
  let subject: URL | undefined;
  try {
    subject = new URL(text);
  } catch {
    subject = undefined;
  }
  if (subject?.protocol !== 'https:' || subject.username || subject.password) {
    throw new ConfigError(
      'TESSERA_WEB_PUSH_SUBJECT: a mailto: address (mailto:ops@example.org) or an https: URL.',
    );
  }
  return text;
}

function parsePublicUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw new ConfigError(`TESSERA_PUBLIC_URL: "${text}" is not a URL.`, { cause });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username) {
    throw new ConfigError('TESSERA_PUBLIC_URL: use an http(s) URL without query, fragment or credentials.');
  }
  return url.href.replace(/\/+$/, '');
}

/** Reads, validates and freezes the configuration from `env` (the process environment by default). */
export function loadConfig(env: ServerEnvironment = process.env): ServerConfig {
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (nodeEnv !== 'production' && nodeEnv !== 'development' && nodeEnv !== 'test') {
    throw new ConfigError(`NODE_ENV: "${nodeEnv}" is not one of production, development, test.`);
  }
  const production = nodeEnv === 'production';
  const announcements: string[] = [];

  const host = env.TESSERA_HOST ?? '127.0.0.1';
  const portText = env.TESSERA_PORT ?? '8080';
  const port = /^[0-9]{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new ConfigError('TESSERA_PORT: a port number from 0 to 65535.');
  // Unset, it is this machine's loopback at the listening port (8080 when the port is chosen by the system).
  const publicUrl = parsePublicUrl(env.TESSERA_PUBLIC_URL ?? `http://127.0.0.1:${port === 0 ? 8080 : port}`);
  if (production && env.TESSERA_PUBLIC_URL === undefined) {
    throw new ConfigError('TESSERA_PUBLIC_URL: must be set in production (certificates carry it).');
  }
  const dataDir = resolve(env.TESSERA_DATA_DIR ?? 'data');

  const keys = env.TESSERA_CA_KEYS ?? (production ? 'pkcs11' : 'software');
  if (keys !== 'pkcs11' && keys !== 'software') {
    throw new ConfigError(`TESSERA_CA_KEYS: "${keys}" is not one of pkcs11, software.`);
  }
  if (keys === 'software') {
    if (production)
      throw new ConfigError('TESSERA_CA_KEYS: software CA keys are refused when NODE_ENV=production.');
    announcements.push(
      'CA keys are software keys in the data directory (TESSERA_CA_KEYS=software): for development only, refused in production.',
    );
  }
  let hsm: ServerConfig['ca']['hsm'];
  if (keys === 'pkcs11') {
    const pin = env.TESSERA_HSM_PIN;
    if (pin === undefined || pin.length === 0)
      throw new ConfigError('TESSERA_HSM_PIN: required with TESSERA_CA_KEYS=pkcs11.');
    const tokenLabel = env.TESSERA_HSM_TOKEN_LABEL ?? DEFAULT_TOKEN_LABEL;
    if (tokenLabel.length === 0 || tokenLabel.length > 32) {
      throw new ConfigError('TESSERA_HSM_TOKEN_LABEL: a token label has 1 to 32 characters.');
    }
    hsm = { modulePath: env.TESSERA_HSM_MODULE ?? DEFAULT_HSM_MODULE, tokenLabel } as NonNullable<typeof hsm>;
    // Not enumerable: a logged or serialised configuration never shows the PIN.
    Object.defineProperty(hsm, 'pin', { value: pin, enumerable: false });
  }

  const policySource = env.TESSERA_CA_POLICY ?? 'sandbox';
  if (production && env.TESSERA_CA_POLICY === undefined) {
    throw new ConfigError(
      'TESSERA_CA_POLICY: choose a deployment policy file (or "sandbox") explicitly in production.',
    );
  }
  const policy = policySource === 'sandbox' ? sandboxPolicy : readPolicyFile(resolve(policySource));
  if (policySource === 'sandbox') {
    announcements.push(
      'Certificates use the sandbox policy: the Smart-ID scheme OIDs the official clients check (TESSERA_CA_POLICY=sandbox).',
    );
  }

  const timeoutText = env.TESSERA_SESSION_TIMEOUT_MS ?? '120000';
  const sessionTimeoutMs = /^[0-9]{1,7}$/.test(timeoutText) ? Number(timeoutText) : Number.NaN;
  if (!(sessionTimeoutMs >= 10_000 && sessionTimeoutMs <= 600_000)) {
    throw new ConfigError('TESSERA_SESSION_TIMEOUT_MS: a whole number of milliseconds from 10000 to 600000.');
  }

  const threadsText = env.TESSERA_CRYPTO_THREADS ?? String(availableParallelism());
  const cryptoThreads = /^[0-9]{1,3}$/.test(threadsText) ? Number(threadsText) : Number.NaN;
  if (!(cryptoThreads >= 1 && cryptoThreads <= 64)) {
    throw new ConfigError('TESSERA_CRYPTO_THREADS: a whole number of worker threads from 1 to 64.');
  }

  const sandboxText = env.TESSERA_SANDBOX ?? (production ? 'off' : 'on');
  if (sandboxText !== 'on' && sandboxText !== 'off') {
    throw new ConfigError(`TESSERA_SANDBOX: "${sandboxText}" is not one of on, off.`);
  }
  let sandbox: SandboxSettings | null = null;
  if (sandboxText === 'on') {
    if (production)
      throw new ConfigError('TESSERA_SANDBOX: the sandbox is refused when NODE_ENV=production.');
    const delayText = env.TESSERA_SANDBOX_TIMEOUT_MS ?? '10000';
    const scriptedTimeoutMs = /^[0-9]{1,7}$/.test(delayText) ? Number(delayText) : Number.NaN;
    if (!(scriptedTimeoutMs >= 0 && scriptedTimeoutMs <= sessionTimeoutMs)) {
      throw new ConfigError(
        'TESSERA_SANDBOX_TIMEOUT_MS: a whole number of milliseconds from 0 to the session timeout.',
      );
    }
    const simulatedText = env.TESSERA_SANDBOX_SIMULATED_USER ?? 'on';
    if (simulatedText !== 'on' && simulatedText !== 'off') {
      throw new ConfigError(`TESSERA_SANDBOX_SIMULATED_USER: "${simulatedText}" is not one of on, off.`);
    }
    sandbox = { scriptedTimeoutMs, simulatedUser: simulatedText === 'on' };
    announcements.push(
      'SANDBOX MODE: the demo relying party 00000000-0000-4000-8000-000000000000 / DEMO is registered; simulated accounts are for testing only (TESSERA_SANDBOX=on).',
      sandbox.simulatedUser
        ? `SANDBOX MODE: the scripted test accounts (PNOEE-40504040001-DEM0-Q and the rest of the published demo table) are answered by a simulated user; their TIMEOUT comes after ${scriptedTimeoutMs} ms (TESSERA_SANDBOX_TIMEOUT_MS); POST /mock/device-link resolves device links for them.`
        : 'SANDBOX MODE: no simulated user in this process (TESSERA_SANDBOX_SIMULATED_USER=off): the scripted test accounts are not enrolled or answered here.',
    );
  }

  const schemeName = env.TESSERA_SCHEME_NAME ?? (sandbox ? SCHEME_NAMES.demo : SCHEME_NAMES.live);
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(schemeName)) {
    throw new ConfigError('TESSERA_SCHEME_NAME: lower-case letters, digits and hyphens, e.g. smart-id.');
  }

  const maintenanceText = env.TESSERA_MAINTENANCE ?? 'off';
  if (maintenanceText !== 'on' && maintenanceText !== 'off') {
    throw new ConfigError(`TESSERA_MAINTENANCE: "${maintenanceText}" is not one of on, off.`);
  }

  const webPushText = env.TESSERA_WEB_PUSH ?? 'on';
  if (webPushText !== 'on' && webPushText !== 'off') {
    throw new ConfigError(`TESSERA_WEB_PUSH: "${webPushText}" is not one of on, off.`);
  }
  const webPush: WebPushSettings | null =
    webPushText === 'off'
      ? null
      : {
          subject: parseWebPushSubject(env.TESSERA_WEB_PUSH_SUBJECT, publicUrl),
          allowLoopbackHttp: !production,
        };

  const logLevel = env.TESSERA_LOG_LEVEL ?? 'warn';
  if (!LOG_LEVELS.includes(logLevel as LogLevel)) {
    throw new ConfigError(`TESSERA_LOG_LEVEL: "${logLevel}" is not one of ${LOG_LEVELS.join(', ')}.`);
  }

  const databaseUrl = env.DATABASE_URL;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL: a postgres:// or postgresql:// URL.');
  }
  const database = { pgliteDir: resolve(dataDir, 'db') } as ServerConfig['database'];
  // Not enumerable: a logged or serialised configuration never shows the URL's password.
  if (databaseUrl !== undefined)
    Object.defineProperty(database, 'url', { value: databaseUrl, enumerable: false });

  return deepFreeze({
    environment: nodeEnv,
    listen: { host, port },
    database,
    publicUrl,
    dataDir,
    ca: { keys, ...(hsm ? { hsm } : {}), policySource, policy },
    rpApi: {
      sessionTimeoutMs,
      deviceLinkBase: `${publicUrl}/device-link`,
      schemeName,
      maintenance: maintenanceText === 'on',
    },
    sandbox,
    webPush,
    cryptoThreads,
    logLevel: logLevel as LogLevel,
    announcements,
  });
}

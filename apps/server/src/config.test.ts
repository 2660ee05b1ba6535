import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { sandboxPolicy } from '@tessera/pki';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { ConfigError } from './config-error.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('the configuration was accepted');
}

const pkcs11 = { TESSERA_CA_KEYS: 'pkcs11', TESSERA_HSM_PIN: '1234' };
const production = {
  NODE_ENV: 'production',
  TESSERA_PUBLIC_URL: 'https://id.example',
  TESSERA_CA_POLICY: 'sandbox',
};

describe('loadConfig', () => {
  it('defaults to software CA keys and the sandbox policy in development, and announces both', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      environment: 'development',
      publicUrl: 'http://127.0.0.1:8080',
      ca: { keys: 'software' },
    });
    expect(config.ca.policy).toBe(sandboxPolicy);
    expect(config.announcements.join(' ')).toMatch(/software keys.*refused in production/);
    expect(config.announcements.join(' ')).toMatch(/sandbox policy/);
    expect(Object.isFrozen(config) && Object.isFrozen(config.ca)).toBe(true);
  });

  it('reads the PKCS#11 token settings, with SoftHSM and the tessera-ca label as defaults', () => {
    const config = loadConfig({ ...pkcs11, TESSERA_HSM_TOKEN_LABEL: 'ca-2026' });
    expect(config.ca.hsm).toMatchObject({
      modulePath: '/usr/lib/softhsm/libsofthsm2.so',
      tokenLabel: 'ca-2026',
      pin: '1234',
    });
    expect(loadConfig(pkcs11).ca.hsm?.tokenLabel).toBe('tessera-ca');
  });

  it('never shows the HSM PIN when the configuration is logged or serialised', () => {
    const config = loadConfig({ ...pkcs11, TESSERA_HSM_PIN: 'pin-9731' });
    expect(JSON.stringify(config)).not.toContain('pin-9731');
    expect(inspect(config, { depth: 10 })).not.toContain('pin-9731');
  });

  it('refuses software keys, a missing public URL and an implicit policy in production', () => {
    expect(refusal({ ...production, TESSERA_CA_KEYS: 'software' }).message).toMatch(
      /^TESSERA_CA_KEYS: .*production/,
    );
    expect(refusal({ ...production, ...pkcs11, TESSERA_PUBLIC_URL: '' }).message).toMatch(
      /^TESSERA_PUBLIC_URL/,
    );
    const { TESSERA_PUBLIC_URL: _, ...noUrl } = production;
    expect(refusal({ ...noUrl, ...pkcs11 }).message).toMatch(/^TESSERA_PUBLIC_URL: must be set/);
    const { TESSERA_CA_POLICY: __, ...noPolicy } = production;
    expect(refusal({ ...noPolicy, ...pkcs11 }).message).toMatch(/^TESSERA_CA_POLICY/);
    expect(loadConfig({ ...production, TESSERA_HSM_PIN: '1' }).ca.keys).toBe('pkcs11');
  });

  it('listens on loopback 8080 by default, with the public URL following the port', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(config.publicUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ NODE_ENV: 'test', TESSERA_PORT: '9090' }).publicUrl).toBe('http://127.0.0.1:9090');
    expect(config.rpApi).toEqual({
      sessionTimeoutMs: 120_000,
      deviceLinkBase: 'http://127.0.0.1:8080/device-link',
      schemeName: 'smart-id-demo',
      maintenance: false,
    });
    expect(config.database.pgliteDir).toBe(join(config.dataDir, 'db'));
    expect(config.cryptoThreads).toBe(availableParallelism());
    expect(loadConfig({ NODE_ENV: 'test', TESSERA_CRYPTO_THREADS: '3' }).cryptoThreads).toBe(3);
  });

  it('logs warnings and errors by default; TESSERA_LOG_LEVEL names the least severe entry written', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('warn');
    expect(loadConfig({ NODE_ENV: 'test', TESSERA_LOG_LEVEL: 'info' }).logLevel).toBe('info');
    expect(loadConfig({ NODE_ENV: 'test', TESSERA_LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
  });

  it('names the scheme smart-id-demo in the sandbox, smart-id outside it, and checks an explicit name', () => {
    expect(loadConfig({ NODE_ENV: 'test', TESSERA_SANDBOX: 'off' }).rpApi.schemeName).toBe('smart-id');
    expect(loadConfig({ NODE_ENV: 'test', TESSERA_SCHEME_NAME: 'my-id' }).rpApi.schemeName).toBe('my-id');
    expect(() => loadConfig({ NODE_ENV: 'test', TESSERA_SCHEME_NAME: 'My ID' })).toThrow(
      /^TESSERA_SCHEME_NAME: /,
    );
  });

  it('turns the sandbox on outside production, announces it, and refuses it in production', () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    expect(config.sandbox).toEqual({ scriptedTimeoutMs: 10_000, simulatedUser: true });
    expect(config.announcements.join('\n')).toContain('SANDBOX MODE');
    const without = loadConfig({ NODE_ENV: 'development', TESSERA_SANDBOX_SIMULATED_USER: 'off' });
    expect(without.sandbox).toEqual({ scriptedTimeoutMs: 10_000, simulatedUser: false });
    expect(() => loadConfig({ NODE_ENV: 'development', TESSERA_SANDBOX_SIMULATED_USER: 'no' })).toThrow(
      /^TESSERA_SANDBOX_SIMULATED_USER: /,
    );
    expect(loadConfig({ NODE_ENV: 'development', TESSERA_SANDBOX: 'off' }).sandbox).toBeNull();
    expect(loadConfig({ ...production, ...pkcs11 }).sandbox).toBeNull();
    expect(refusal({ ...production, ...pkcs11, TESSERA_SANDBOX: 'on' }).message).toMatch(
      /^TESSERA_SANDBOX: .*production/,
    );
  });

  it('sends Web Push by default with a VAPID subject from the public URL, and takes an explicit one or off', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).webPush).toEqual({
      subject: 'mailto:admin@127.0.0.1',
      allowLoopbackHttp: true,
    });
    expect(loadConfig({ ...production, ...pkcs11 }).webPush).toEqual({
      subject: 'https://id.example',
      allowLoopbackHttp: false,
    });
    expect(
      loadConfig({ NODE_ENV: 'test', TESSERA_WEB_PUSH_SUBJECT: 'mailto:ops@id.example' }).webPush?.subject,
    ).toBe('mailto:ops@id.example');
    expect(loadConfig({ NODE_ENV: 'test', TESSERA_WEB_PUSH: 'off' }).webPush).toBeNull();
    expect(refusal({ TESSERA_WEB_PUSH: 'yes' }).message).toMatch(/^TESSERA_WEB_PUSH: /);
    expect(refusal({ TESSERA_WEB_PUSH_SUBJECT: 'http://id.example' }).message).toMatch(
      /^TESSERA_WEB_PUSH_SUBJECT: /,
    );
    expect(refusal({ TESSERA_WEB_PUSH_SUBJECT: 'ops@id.example' }).message).toMatch(
      /^TESSERA_WEB_PUSH_SUBJECT: /,
    );
  });

  it('never shows the DATABASE_URL password when the configuration is logged or serialised', () => {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://app:s3cret@127.0.0.1/tessera' });
    expect(config.database.url).toBe('postgres://app:s3cret@127.0.0.1/tessera');
    expect(JSON.stringify(config)).not.toContain('s3cret');
    expect(inspect(config, { depth: 10 })).not.toContain('s3cret');
  });

  it('names the variable at fault', () => {
    expect(refusal({ TESSERA_PORT: '70000' }).message).toMatch(/^TESSERA_PORT/);
    expect(refusal({ TESSERA_SESSION_TIMEOUT_MS: '500' }).message).toMatch(/^TESSERA_SESSION_TIMEOUT_MS/);
    expect(refusal({ TESSERA_CRYPTO_THREADS: '0' }).message).toMatch(/^TESSERA_CRYPTO_THREADS/);
    expect(refusal({ TESSERA_CRYPTO_THREADS: 'two' }).message).toMatch(/^TESSERA_CRYPTO_THREADS/);
    expect(refusal({ TESSERA_CRYPTO_THREADS: '65' }).message).toMatch(/^TESSERA_CRYPTO_THREADS/);
    expect(refusal({ TESSERA_LOG_LEVEL: 'WARN' }).message).toBe(
      'TESSERA_LOG_LEVEL: "WARN" is not one of fatal, error, warn, info, debug, trace, silent.',
    );
    expect(refusal({ TESSERA_SANDBOX: 'yes' }).message).toMatch(/^TESSERA_SANDBOX/);
    expect(refusal({ TESSERA_SANDBOX_TIMEOUT_MS: '200000' }).message).toMatch(/^TESSERA_SANDBOX_TIMEOUT_MS/);
    expect(refusal({ TESSERA_SANDBOX_TIMEOUT_MS: '-1' }).message).toMatch(/^TESSERA_SANDBOX_TIMEOUT_MS/);
    expect(refusal({ DATABASE_URL: 'mysql://x' }).message).toMatch(/^DATABASE_URL/);
    expect(refusal({ NODE_ENV: 'staging' }).message).toMatch(/^NODE_ENV/);
    expect(refusal({ TESSERA_CA_KEYS: 'hsm' }).message).toMatch(/^TESSERA_CA_KEYS/);
    expect(refusal({ TESSERA_CA_KEYS: 'pkcs11' }).message).toMatch(/^TESSERA_HSM_PIN/);
    expect(refusal({ ...pkcs11, TESSERA_HSM_TOKEN_LABEL: 'x'.repeat(33) }).message).toMatch(
      /^TESSERA_HSM_TOKEN_LABEL/,
    );
    expect(refusal({ TESSERA_PUBLIC_URL: 'ftp://x' }).message).toMatch(/^TESSERA_PUBLIC_URL/);
    expect(refusal({ TESSERA_PUBLIC_URL: 'http://x/?a=1' }).message).toMatch(/^TESSERA_PUBLIC_URL/);
  });

  it('reads a deployment policy file, and names the JSON path of a wrong field', () => {
    const policy = {
      ...sandboxPolicy,
      name: 'acme',
      certificatePolicies: {
        ...sandboxPolicy.certificatePolicies,
        QUALIFIED: {
          AUTHENTICATION: [{ oid: '1.3.6.1.4.1.99999.2' }],
          SIGNING: [{ oid: '1.3.6.1.4.1.99999.3', cpsUri: 'https://acme.example/cps' }],
        },
      },
    };
    const good = join(dir, 'policy.json');
    writeFileSync(good, JSON.stringify(policy));
    expect(loadConfig({ TESSERA_CA_POLICY: good }).ca.policy.name).toBe('acme');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...policy, endEntityRsaKeySizes: [1024] }));
    expect(refusal({ TESSERA_CA_POLICY: bad }).message).toMatch(
      /^TESSERA_CA_POLICY \(.*bad\.json\): \/endEntityRsaKeySizes\/0 /,
    );
    writeFileSync(bad, JSON.stringify({ ...policy, authenticationExtendedKeyUsage: ['not an oid'] }));
    expect(refusal({ TESSERA_CA_POLICY: bad }).message).toContain('/authenticationExtendedKeyUsage/0');
    expect(refusal({ TESSERA_CA_POLICY: join(dir, 'missing.json') }).message).toMatch(/cannot read/);
  });
});

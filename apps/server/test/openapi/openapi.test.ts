import { APP_API_ENDPOINTS } from '@tessera/protocol';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { CertificateAuthority } from '../../src/ca/open-certificate-authority.js';
import { startTestIdentityServer } from '../support/identity-server.js';
import { createSoftwareCa, type SoftwareCa, testClock } from '../support/software-ca.js';
import { testConfig } from '../support/test-config.js';

let software: SoftwareCa;
let ca: CertificateAuthority;
let app: FastifyInstance;

beforeAll(async () => {
  software = await createSoftwareCa(testClock(new Date('2026-11-01T00:00:00Z')));
  ca = await software.open();
  app = await buildApp(testConfig({ TESSERA_DATA_DIR: software.dataDir }), { ca });
});

afterAll(async () => {
  await app?.close();
  await ca?.close();
  await software?.cleanup();
});

describe('OpenAPI at /docs', () => {
  it('documents every CA endpoint with a summary, under the public URL', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: 'http://127.0.0.1:8080' }]);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/pki/ca-chain.pem',
      '/pki/ca/{file}',
      '/pki/crl/{file}',
      '/pki/ocsp',
      '/pki/ocsp/{*}',
    ]);
    for (const operations of Object.values<Record<string, { summary: string }>>(doc.paths)) {
      for (const op of Object.values(operations)) expect(op.summary).toMatch(/\w/);
    }
  });

  it('serves the Swagger UI page', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('refuses to start with a route that has no OpenAPI summary', async () => {
    const bare = await buildApp(testConfig({ TESSERA_DATA_DIR: software.dataDir }), { ca });
    expect(() => bare.get('/undocumented', async () => 'x')).toThrow(
      'The route GET /undocumented has no OpenAPI summary and tag.',
    );
    await bare.close();
  });
});

describe('the whole server', () => {
  it('documents the RP API v3 endpoints and every app API endpoint', async () => {
    const server = await startTestIdentityServer();
    try {
      const doc = (await server.app.inject({ method: 'GET', url: '/docs/json' })).json();
      const paths = Object.keys(doc.paths);
      for (const path of [
        '/v3/authentication/device-link/anonymous',
        '/v3/authentication/device-link/etsi/{identifier}',
        '/v3/authentication/device-link/document/{documentNumber}',
        '/v3/authentication/notification/etsi/{identifier}',
        '/v3/authentication/notification/document/{documentNumber}',
        '/v3/session/{sessionId}',
      ]) {
        expect(paths).toContain(path);
      }
      for (const { method, path } of Object.values(APP_API_ENDPOINTS)) {
        expect(doc.paths[path]?.[method.toLowerCase()]?.summary, `${method} ${path}`).toMatch(/\w/);
      }
    } finally {
      await server.close();
    }
  }, 60_000);
});

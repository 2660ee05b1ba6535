/**
 * OpenAPI for every HTTP API of the server, generated from the routes' own schemas: the document at
 * `/docs/json` (and `/docs/yaml`), Swagger UI at `/docs`. Register before any route so every route is seen.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from './config.js';

/** The tags that group operations in the document, one per API. */
export const OPENAPI_TAGS = [
  {
    name: 'rp-api-v3',
    description: 'Relying Party API v3: the Smart-ID wire protocol (sessions, long-poll status)',
  },
  {
    name: 'app-api',
    description:
      'App API: the device side (enrolment, transactions, partial signatures); every request signed by the device key',
  },
  {
    name: 'relay',
    description:
      'Companion relay: the watch pairing handshake and end-to-end encrypted mailboxes between a phone and its watch',
  },
  {
    name: 'app',
    description: 'The phone app (a progressive web app) and its watch companion: the pages and the bundle',
  },
  {
    name: 'ca',
    description: 'Certificate authority: CA certificates, OCSP responder, CRLs (RFC 5280, RFC 6960)',
  },
  {
    name: 'operations',
    description:
      'Running the server: health check and Prometheus metrics, for the load balancer and monitoring',
  },
] as const;

/**
 * Registers the OpenAPI document and its UI, and refuses (at start-up) any later route without a summary and a
 * tag: an undocumented endpoint cannot be added by accident.
 */
export async function registerOpenApi(app: FastifyInstance, config: ServerConfig): Promise<void> {
  app.addHook('onRoute', (route) => {
    if (route.prefix === '/docs' || route.url.startsWith('/docs')) return;
    const schema = route.schema as { summary?: string; tags?: string[] } | undefined;
    if (!schema?.summary || !schema.tags?.length) {
      throw new Error(`The route ${route.method} ${route.url} has no OpenAPI summary and tag.`);
    }
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tessera identity server',
        description:
          'Relying Party API (Smart-ID v3 and v2 on the wire), app API and certificate authority of a Tessera deployment.',
        version: '0.1.0',
      },
      servers: [{ url: config.publicUrl }],
      tags: [...OPENAPI_TAGS],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
}

/**
 * The server's HTTP application: a fastify app factory, with one error handler that turns every error into
 * RFC 9457 problem details (application/problem+json) and the CA routes as a plugin.
 */
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import type { AppApiDeps } from './app-api/app-api-deps.js';
import { appApiRoutes } from './app-api/routes.js';
import { appShellRoutes } from './app-shell/routes.js';
import type { CertificateAuthority } from './ca/open-certificate-authority.js';
import { caRoutes } from './ca/routes.js';
import { companionRoutes } from './companion/routes.js';
import type { ServerConfig } from './config.js';
import { closeGracefully } from './graceful-close.js';
import { type HealthDeps, healthRoutes } from './health/routes.js';
import { HttpError } from './http-error.js';
import type { ServerMetrics } from './metrics/create-server-metrics.js';
import { registerOpenApi } from './openapi.js';
import { type Problem, toProblem } from './problem.js';
import { rpApiRoutes } from './rp-api/routes.js';
import type { RpApiDeps } from './rp-api/rp-api-deps.js';
import { rpApiV2Routes } from './rp-api-v2/routes.js';
import { mockDeviceLinkRoutes } from './sandbox/mock-device-link-routes.js';
import type { SimulatedUser } from './sandbox/simulated-user.js';

function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  // Sent as bytes so the media type stays exactly application/problem+json (RFC 9457).
  return reply
    .status(problem.status)
    .header('content-type', 'application/problem+json')
    .send(Buffer.from(JSON.stringify(problem)));
}

/**
 * PHP v3 clients configured with a trailing slash send `/v3//authentication/…` (spec §1): on the RP API paths
 * only, runs of slashes in the path become one. Elsewhere a `//` can be data (Base64 in an OCSP GET path).
 */
export function collapseRpApiSlashes(url: string): string {
  if (!/^\/v[23]\//.test(url)) return url;
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  return path.replace(/\/{2,}/g, '/') + (query < 0 ? '' : url.slice(query));
}

/** What the app is composed of. */
export interface AppDeps {
  readonly ca: CertificateAuthority;
  /** The RP API's stores and ports; without them the app serves the CA alone (CA-only tests, tools). */
  readonly rpApi?: RpApiDeps;
  /** The app API's stores, secrets and ports; without them no device can enrol or answer. */
  readonly appApi?: AppApiDeps;
  /** Prometheus metrics: `GET /metrics` and the request latency of every route. */
  readonly metrics?: ServerMetrics;
  /** `GET /health` for load balancers: the database answers, and whether cross-process wake-ups arrive. */
  readonly health?: HealthDeps;
  /** SIMULATED, the sandbox only: answers for the scripted test accounts and `POST /mock/device-link`. */
  readonly simulatedUser?: SimulatedUser;
  /** The app's built bundle (`@tessera/app`): served at `/`, `/device-link` and `/watch` when given. */
  readonly appBundleDir?: string;
  /**
   * Fastify's logger option: off by default (tests); `tessera start` writes JSON lines to standard error at
   * TESSERA_LOG_LEVEL. No line per request (see `buildApp`).
   */
  readonly logger?: FastifyServerOptions['logger'];
}

/** Builds the app (not listening). The caller owns `deps` and closes them after `app.close()`. */
export async function buildApp(config: ServerConfig, deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    // No line per request: some URLs carry short-lived secrets (a watch's pairing code) and the metrics already
    // count every request by route, status and latency.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    rewriteUrl: (request) => collapseRpApiSlashes(request.url ?? '/'),
    // Errors the router raises before any hook (a URL that is not valid percent-encoding) get problems too.
    frameworkErrors: (error, _request, reply) => sendProblem(reply, toProblem(error)),
  });

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    return sendProblem(
      reply,
      toProblem(new HttpError(404, 'NOT_FOUND', `No route for ${request.method} ${request.url}.`)),
    );
  });
  closeGracefully(app);

  const metrics = deps.metrics;
  if (metrics !== undefined) {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.observeRequest(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
    });
  }

  await registerOpenApi(app, config);
  if (metrics !== undefined) {
    app.get(
      '/metrics',
      {
        schema: {
          tags: ['operations'],
          summary: 'Prometheus metrics of this server process (text exposition format).',
        },
      },
      async (_request, reply) =>
        reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics()),
    );
  }
  if (deps.health !== undefined) await app.register(healthRoutes, { health: deps.health });
  await app.register(caRoutes, { ca: deps.ca });
  if (deps.rpApi !== undefined) {
    await app.register(rpApiRoutes, {
      deps: deps.rpApi,
      sessionTimeoutMs: config.rpApi.sessionTimeoutMs,
      deviceLinkBase: config.rpApi.deviceLinkBase,
      maintenance: config.rpApi.maintenance,
    });
  }
  if (deps.rpApi !== undefined) {
    await app.register(rpApiV2Routes, {
      deps: deps.rpApi,
      sessionTimeoutMs: config.rpApi.sessionTimeoutMs,
      deviceLinkBase: config.rpApi.deviceLinkBase,
      maintenance: config.rpApi.maintenance,
    });
  }
  if (deps.appApi !== undefined) {
    await app.register(appApiRoutes, {
      deps: deps.appApi,
      settings: {
        schemeName: config.rpApi.schemeName,
        deviceLinkBase: config.rpApi.deviceLinkBase,
        sandbox: config.sandbox !== null,
        allowedModulusBits: config.ca.policy.endEntityRsaKeySizes,
        allowLoopbackHttpPush: config.webPush?.allowLoopbackHttp ?? false,
      },
    });
  }
  const companions = deps.appApi?.companions;
  if (deps.appApi !== undefined && companions !== undefined) {
    await app.register(companionRoutes, { deps: { ...deps.appApi, companions } });
  }
  if (deps.appBundleDir !== undefined) {
    await app.register(appShellRoutes, { bundleDir: deps.appBundleDir });
  }
  if (deps.simulatedUser !== undefined) {
    await app.register(mockDeviceLinkRoutes, { simulatedUser: deps.simulatedUser });
  }
  return app;
}

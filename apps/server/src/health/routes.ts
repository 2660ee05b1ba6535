/**
 * `GET /health`: whether this server process can serve, for load balancers and orchestrators. The database must
 * answer; wake-ups from other processes (LISTEN/NOTIFY) being down only makes long polls answer up to a second
 * later, so the process stays in service and says `degraded`.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { HttpError } from '../http-error.js';

/** What the health check looks at. */
export interface HealthDeps {
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  checkDatabase(): Promise<void>;
  /** How wake-ups travel: across processes through PostgreSQL, or within this process. */
  readonly wakeups: 'postgresql' | 'in-process';
  /** Whether wake-ups from other processes arrive right now. */
  isListening(): boolean;
}

/** How long the database may take to answer before the process counts as unhealthy. */
const DATABASE_CHECK_MS = 2_000;

const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  database: Type.Literal('ok'),
  wakeups: Type.Union([Type.Literal('postgresql'), Type.Literal('in-process')]),
  listening: Type.Boolean(),
});

/** The health route. */
export const healthRoutes: FastifyPluginAsync<{ health: HealthDeps }> = async (app, { health }) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['operations'],
        summary:
          'Whether this process can serve: 200 ok (or degraded: cross-process wake-ups reconnecting), 503 when the database does not answer.',
        response: { 200: HealthResponse },
      },
    },
    async () => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          health.checkDatabase(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('timed out')), DATABASE_CHECK_MS);
          }),
        ]);
      } catch {
        throw new HttpError(503, 'DATABASE_UNAVAILABLE', 'The database does not answer.');
      } finally {
        clearTimeout(timer);
      }
      const listening = health.isListening();
      return {
        status: listening ? ('ok' as const) : ('degraded' as const),
        database: 'ok' as const,
        wakeups: health.wakeups,
        listening,
      };
    },
  );
};

/**
 * How the server closes: parked long polls answer at once (as at their deadline) instead of holding the close
 * for their timeouts, requests in progress get a short grace period, and then every connection is closed, so
 * neither a deploy nor a test teardown waits on keep-alive timeouts or on a client that never finishes.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The long polls of one app, and the signal that ends them all. */
interface LongPolls {
  readonly closing: AbortSignal;
  readonly open: Set<ServerResponse>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** See `closeGracefully`. */
    readonly longPolls: LongPolls;
  }
}

/** How long a close waits for the aborted polls' answers to be written, at most. */
const DRAIN_MS = 5000;
/** How long requests still in progress may take once the server stops accepting new ones. */
const GRACE_MS = 2000;

/** Installs the close behaviour on `app` (before its routes). */
export function closeGracefully(app: FastifyInstance): void {
  const closing = new AbortController();
  const open = new Set<ServerResponse>();
  app.decorate('longPolls', { closing: closing.signal, open });
  app.addHook('preClose', async () => {
    closing.abort();
    const deadline = Date.now() + DRAIN_MS;
    while (open.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    // The server closes idle connections itself; whatever is still busy after the grace period is cut.
    setTimeout(() => app.server.closeAllConnections(), GRACE_MS).unref();
  });
}

/** Why a long poll ended early when its client went away: one reason for all (an abort without one builds a DOMException). */
const CLIENT_GONE = new Error('The client closed the connection.');

/** What ends a long poll early: the client went away, or the server is closing. */
export function longPollSignal(request: FastifyRequest, reply: FastifyReply): AbortSignal {
  const { closing, open } = request.server.longPolls;
  const ended = new AbortController();
  const serverClosing = () => ended.abort(closing.reason);
  if (closing.aborted) serverClosing();
  else closing.addEventListener('abort', serverClosing, { once: true });
  open.add(reply.raw);
  reply.raw.once('close', () => {
    open.delete(reply.raw);
    closing.removeEventListener('abort', serverClosing);
  });
  request.raw.once('close', () => {
    if (!reply.raw.writableEnded) ended.abort(CLIENT_GONE);
  });
  return ended.signal;
}

/**
 * The plumbing floor: the server CPU that one HTTP request and one PostgreSQL statement cost on this machine with
 * nothing of Tessera in the way — a server process of node:http and pg alone (plumbing-server.mjs) on the same
 * PostgreSQL, driven over loopback like the load benchmark's server (keep-alive clients, a JSON body of the app
 * API's size). A login needs several requests and statements; their count times this floor is what any server
 * of the protocol pays on top of the exponentiation, and sets how close to the exponentiation floor a login can
 * come at all.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Server CPU per HTTP request and per statement, in milliseconds (means over closed loops). */
export interface PlumbingFloor {
  /** One HTTP request with a JSON body and answer, no statement. */
  readonly requestMs: number;
  /** One statement more in a request (`select $1::text`, through the pool, one row back). */
  readonly statementMs: number;
  /** Requests measured, in both loops together. */
  readonly requests: number;
}

/** How long each of the two closed loops runs, at most, and with how many clients. */
export interface PlumbingSettings {
  readonly seconds: number;
  readonly maxRequests: number;
  readonly clients: number;
}

const SERVER = fileURLToPath(new URL('./plumbing-server.mjs', import.meta.url));
/**
 * Statements per request in the second loop: the per-statement figure is the difference over this many, enough
 * that the statements' cost stands well above what a collection or a compiler thread adds to either loop.
 */
const STATEMENTS = 8;
/** About the size of an app API request's body. */
const BODY = JSON.stringify({ value: 'x'.repeat(400) });
const START_MS = 15_000;

function startServer(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (d) => (output += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The plumbing server did not start within ${START_MS} ms: ${output}`));
    }, START_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The plumbing server exited (${code}): ${output}`));
    });
    child.stdout!.once('data', (d) => {
      clearTimeout(timer);
      resolve({ child, url: `http://127.0.0.1:${String(d).trim()}` });
    });
  });
}

async function cpuMicros(url: string): Promise<number> {
  const res = await fetch(`${url}/cpu`);
  return ((await res.json()) as { cpuMicros: number }).cpuMicros;
}

/** Closed loop of `clients` clients for at most `seconds` and `maxRequests`, each request running `statements`. */
async function closedLoop(url: string, statements: number, seconds: number, limits: PlumbingSettings) {
  const target = `${url}/?statements=${statements}`;
  const deadline = performance.now() + seconds * 1000;
  let sent = 0;
  const client = async () => {
    while (sent < limits.maxRequests && performance.now() < deadline) {
      sent++;
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: BODY,
      });
      if (res.status !== 200)
        throw new Error(`The plumbing server answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: limits.clients }, client));
  return sent;
}

/** The server CPU per request (ms) of a closed loop whose requests each run `statements`. */
async function cpuPerRequest(url: string, statements: number, limits: PlumbingSettings) {
  const before = await cpuMicros(url);
  const requests = await closedLoop(url, statements, limits.seconds, limits);
  const after = await cpuMicros(url);
  return { ms: (after - before) / 1000 / requests, requests };
}

/** Measures the plumbing floor against the PostgreSQL at `databaseUrl` (only `select $1` runs there). */
export async function measurePlumbingFloor(
  databaseUrl: string,
  settings: PlumbingSettings,
): Promise<PlumbingFloor> {
  const { child, url } = await startServer(databaseUrl);
  try {
    // Both paths warmed up (connections, JIT) before either is measured, so neither loop pays the other's.
    for (const statements of [0, STATEMENTS])
      await closedLoop(url, statements, Math.min(1, settings.seconds), settings);
    const bare = await cpuPerRequest(url, 0, settings);
    const withStatements = await cpuPerRequest(url, STATEMENTS, settings);
    return {
      requestMs: bare.ms,
      statementMs: (withStatements.ms - bare.ms) / STATEMENTS,
      requests: bare.requests + withStatements.requests,
    };
  } finally {
    child.removeAllListeners('exit');
    child.kill('SIGKILL');
  }
}

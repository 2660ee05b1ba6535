// The plumbing floor's server (see plumbing-floor.ts): node:http and pg and nothing else, so its CPU per request
// is what any server of this protocol pays for an HTTP request and a PostgreSQL statement on this machine.
// POST /?statements=N reads the JSON body and sends N one-parameter statements, one after another, through a pool
// of 10 connections (as the Tessera server's); GET /cpu answers this process's CPU time so far, in microseconds.
// Prints its port once listening. Loopback only. DATABASE_URL names the database.
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

async function answer(request) {
  const url = new URL(request.url, 'http://127.0.0.1');
  if (request.method === 'GET' && url.pathname === '/cpu') {
    const { user, system } = process.cpuUsage();
    return { status: 200, body: { cpuMicros: user + system } };
  }
  let text = '';
  for await (const chunk of request) text += chunk;
  const { value } = JSON.parse(text);
  const statements = Number(url.searchParams.get('statements') ?? 0);
  let row = { value };
  for (let i = 0; i < statements; i++) {
    row = (await pool.query('select $1::text as value', [value])).rows[0];
  }
  return { status: 200, body: row };
}

const server = createServer((request, response) => {
  answer(request).then(
    ({ status, body }) => {
      const json = JSON.stringify(body);
      response.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(json),
      });
      response.end(json);
    },
    (error) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error?.message ?? error));
    },
  );
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));

/**
 * Certificate authority throughput beside its floor, in one run, for CA keys in a SoftHSMv2 token (PKCS#11)
 * and in software:
 * - floor: one bare signature by the CA key (ECDSA P-384 over a certificate-sized TBS) and by the OCSP
 *   responder key (RSA 3072, PKCS#1 v1.5 SHA-256 over a response-sized TBS), through the same signer the CA uses;
 * - issuance: a whole end-entity certificate from a 3072-bit RSA CSR (CSR signature check, profile, signing,
 *   recording in the in-memory store);
 * - OCSP: a whole response to a DER request with a nonce (parse, status lookup, signing), in process and over
 *   HTTP through fastify.inject().
 * - the CA's records with 20,000 certificates already stored, in the file beside the embedded database and in
 *   PostgreSQL (ADR 0014): recording one certificate, and looking one up from another process after a change.
 * Operations run one after another (concurrency 1), so ops/s = 1 / median-ish latency.
 *
 * Run: node --import tsx bench/ca.bench.ts [--write]   (--write updates bench/RESULTS.md)
 * Bounded: each measurement stops after 3 s or 1000 iterations. Needs PostgreSQL at 127.0.0.1:5432
 * (TESSERA_TEST_DATABASE_URL), as the end-to-end tests do.
 */
import { execFileSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemRandom } from '@tessera/crypto';
import { createCertificationRequest, createOcspRequest, type Signer, sandboxPolicy } from '@tessera/pki';
import {
  buildApp,
  createMemoryCaStore,
  type KeyBackend,
  loadConfig,
  openCertificateAuthority,
  openPkcs11KeyBackend,
  openSoftwareKeyBackend,
  planCaInit,
  systemClock,
} from '@tessera/server';
import { openStore } from '@tessera/store';
import { runSql, TEST_DATABASE_URL } from '@tessera/test-support';
import type { CaStore, IssuedCertificateRecord } from '../apps/server/src/ca/ca-store.js';
import { createFileCaStore } from '../apps/server/src/ca/file-ca-store.js';
import { createSqlCaStore } from '../apps/server/src/ca/sql-ca-store.js';
import { markdownTable } from './lib/markdown-table.js';
import { type Measurement, measure } from './lib/measure.js';
import { percentile } from './lib/percentile.js';
import { describeMachine, writeResultsSection } from './lib/results-file.js';

const work = mkdtempSync(join(tmpdir(), 'tessera-ca-bench-'));
const limits = { warmup: 5, minIterations: 20, maxIterations: 1000, maxMs: 3000 };

function softHsmToken(): { modulePath: string; tokenLabel: string; pin: string } {
  const tokens = join(work, 'tokens');
  mkdirSync(tokens);
  const conf = join(work, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env.SOFTHSM2_CONF = conf;
  const pin = '1234-bench';
  execFileSync(
    'softhsm2-util',
    ['--init-token', '--free', '--label', 'tessera-bench', '--pin', pin, '--so-pin', '5678'],
    {
      stdio: 'pipe',
    },
  );
  return { modulePath: '/usr/lib/softhsm/libsofthsm2.so', tokenLabel: 'tessera-bench', pin };
}

interface Row {
  backend: string;
  caSign: Measurement;
  responderSign: Measurement;
  issue: Measurement;
  ocsp: Measurement;
  ocspHttp: Measurement;
}

async function run(backend: string, keys: KeyBackend): Promise<Row> {
  const store = createMemoryCaStore();
  const plan = planCaInit({
    store,
    keys,
    policy: sandboxPolicy,
    publicUrl: 'http://127.0.0.1:8080',
    clock: systemClock,
    random: systemRandom,
    responderKeyAlgorithm: 'RSA_3072',
  });
  for (const step of plan.steps) await step.run();
  const hierarchy = plan.result();
  const ca = await openCertificateAuthority({
    store,
    keys,
    policy: sandboxPolicy,
    publicUrl: 'http://127.0.0.1:8080',
  });
  const app = await buildApp(loadConfig({ NODE_ENV: 'test', TESSERA_DATA_DIR: work }), { ca });

  // The bare signers of the qualified CA and its responder, opened from the same key references.
  const qualified = hierarchy.authorities.find((a) => a.name === 'qualified')!;
  const caSigner: Signer = await keys.openSigner(qualified.key);
  const responderSigner: Signer = await keys.openSigner(qualified.responder!.key);
  const tbsCertificate = new Uint8Array(1100).fill(0x5a); // about the size of an end-entity TBSCertificate
  const tbsResponse = new Uint8Array(180).fill(0x5a); // about the size of a one-certificate ResponseData

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
  const eeSigner: Signer = {
    algorithm: 'RSA_PKCS1_SHA256',
    publicKey: new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' })),
    sign: async (data) => new Uint8Array(sign('sha256', data, privateKey)),
  };
  const csr = await createCertificationRequest({
    subject: [{ type: 'CN', value: 'bench' }],
    signer: eeSigner,
  });
  const identity = {
    country: 'EE',
    givenName: 'OK',
    surname: 'TESTNUMBER',
    semanticsIdentifier: 'PNOEE-40504040001',
    documentNumber: 'PNOEE-40504040001-MOCK-Q',
    dateOfBirth: '1905-04-04',
  };
  const target = await ca.issue({ csr, level: 'QUALIFIED', purpose: 'SIGNING', identity });
  const request = await createOcspRequest({
    certificate: target.certificate,
    issuerCertificate: ca.caCertificate('qualified'),
    nonce: new Uint8Array(32).fill(7),
  });

  const row: Row = {
    backend,
    caSign: await measure('CA key sign', () => caSigner.sign(tbsCertificate), limits),
    responderSign: await measure('responder key sign', () => responderSigner.sign(tbsResponse), limits),
    issue: await measure(
      'issue',
      () => ca.issue({ csr, level: 'QUALIFIED', purpose: 'SIGNING', identity }),
      limits,
    ),
    ocsp: await measure('OCSP', () => ca.respondToOcsp(request), limits),
    ocspHttp: await measure(
      'OCSP over HTTP',
      async () => {
        const res = await app.inject({
          method: 'POST',
          url: '/pki/ocsp',
          headers: { 'content-type': 'application/ocsp-request' },
          payload: Buffer.from(request),
        });
        if (res.statusCode !== 200) throw new Error(`OCSP answered ${res.statusCode}`);
      },
      limits,
    ),
  };
  await app.close();
  await ca.close();
  return row;
}

/** How many certificates the CA's records hold before they are measured: two per account, 10,000 accounts. */
const STORED = 20_000;
const scaleLimits = { warmup: 1, minIterations: 5, maxIterations: 1000, maxMs: 3000 };

/** A certificate-sized record (a 3072-bit end-entity certificate is about 2,000 Base64 characters). */
function issuedRecord(n: number, tag: string): IssuedCertificateRecord {
  return {
    serial: `${tag}${n.toString(16).toUpperCase().padStart(30, '0')}`,
    issuer: 'qualified',
    kind: 'END_ENTITY',
    documentNumber: `PNOEE-${n}-MOCK-Q`,
    level: 'QUALIFIED',
    purpose: 'SIGNING',
    issuedAt: '2026-01-01T00:00:00.000Z',
    notAfter: '2029-01-01T00:00:00.000Z',
    certificate: 'M'.repeat(2000),
  };
}

interface RecordsRow {
  store: string;
  record: Measurement;
  lookUpAfterChange: { readonly medianMs: number; readonly p95Ms: number };
}

/** `writer` records new certificates; `reader`, another process's store over the same records, looks them up. */
async function measureRecords(store: string, writer: CaStore, reader: CaStore): Promise<RecordsRow> {
  let n = 0;
  const record = await measure('record', () => writer.addIssued(issuedRecord(n++, 'AA')), scaleLimits);
  // Only the lookup is timed: each follows a change made by the writer.
  const lookups: number[] = [];
  const started = performance.now();
  while (lookups.length < 5 || (lookups.length < 1000 && performance.now() - started < 3000)) {
    const written = issuedRecord(n++, 'AA');
    await writer.addIssued(written);
    const t0 = performance.now();
    if ((await reader.getIssued(written.serial)) === undefined) throw new Error('The record is missing.');
    lookups.push(performance.now() - t0);
  }
  lookups.sort((a, b) => a - b);
  const lookUpAfterChange = { medianMs: percentile(lookups, 0.5), p95Ms: percentile(lookups, 0.95) };
  return { store, record, lookUpAfterChange };
}

async function measureRecordsAtScale(): Promise<RecordsRow[]> {
  const filled = Object.fromEntries(
    Array.from({ length: STORED }, (_, i) => issuedRecord(i, 'FF')).map((r) => [r.serial, r]),
  );
  const path = join(work, 'records', 'store.json');
  mkdirSync(join(work, 'records'));
  writeFileSync(path, JSON.stringify({ version: 1, issued: filled, crlNumbers: {} }, null, 1));
  const rows = [
    await measureRecords(
      'file `<data dir>/ca/store.json` (embedded database)',
      createFileCaStore(path),
      createFileCaStore(path),
    ),
  ];
  const schema = `tessera_ca_bench_${process.pid}`;
  const writer = await openStore({ url: TEST_DATABASE_URL, schema });
  const reader = await openStore({ url: TEST_DATABASE_URL, schema });
  try {
    const sqlWriter = createSqlCaStore(writer.db);
    for (let i = 0; i < STORED; i += 100) {
      await Promise.all(
        Array.from({ length: 100 }, (_, k) => sqlWriter.addIssued(issuedRecord(i + k, 'FF'))),
      );
    }
    rows.push(
      await measureRecords('PostgreSQL `ca_issued_certificates`', sqlWriter, createSqlCaStore(reader.db)),
    );
  } finally {
    await writer.close();
    await reader.close();
    await runSql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
  return rows;
}

const rate = (m: Measurement) => `${m.opsPerSecond.toFixed(0)}/s (${m.medianMs.toFixed(2)} ms)`;
const ratio = (m: Measurement, floor: Measurement) => (floor.opsPerSecond / m.opsPerSecond).toFixed(2);

const rows: Row[] = [];
const recordsRows: RecordsRow[] = [];
try {
  const token = await openPkcs11KeyBackend(softHsmToken());
  rows.push(await run('PKCS#11 (SoftHSMv2 2.6)', token));
  await token.close();
  const software = await openSoftwareKeyBackend(join(work, 'keys'));
  rows.push(await run('software (node:crypto)', software));
  recordsRows.push(...(await measureRecordsAtScale()));
} finally {
  rmSync(work, { recursive: true, force: true });
}

const table = markdownTable(
  [
    'CA keys',
    'floor: CA key sign (P-384)',
    'certificates issued',
    'issue cost / floor',
    'floor: responder sign (RSA 3072)',
    'OCSP responses',
    'OCSP over HTTP',
    'OCSP cost / responder floor',
  ],
  rows.map((r) => [
    r.backend,
    rate(r.caSign),
    rate(r.issue),
    `${ratio(r.issue, r.caSign)} ×`,
    rate(r.responderSign),
    rate(r.ocsp),
    rate(r.ocspHttp),
    `${ratio(r.ocsp, r.responderSign)} × (HTTP ${ratio(r.ocspHttp, r.responderSign)} ×)`,
  ]),
);

const recordsTable = markdownTable(
  ['CA records', 'one certificate recorded', 'looked up by another process after a change'],
  recordsRows.map((r) => [
    r.store,
    rate(r.record),
    `${r.lookUpAfterChange.medianMs.toFixed(2)} ms (p95 ${r.lookUpAfterChange.p95Ms.toFixed(2)})`,
  ]),
);

const section = `## Certificate authority (packages/pki, apps/server CA)

Command: \`node --import tsx bench/ca.bench.ts --write\`, run on ${new Date().toISOString().slice(0, 10)}.
Machine: ${describeMachine()}.

Throughput at concurrency 1 (median latency in brackets). An issued certificate costs one signature by the issuing
CA key (EC P-384), so that key's bare signature is its floor; an OCSP response costs one signature by the
delegated responder key (RSA 3072, SHA-256), its floor. "Cost / floor" is how many floor operations one
certificate or response costs in time. Issuance includes verifying the 3072-bit RSA CSR signature and recording
the certificate (in-memory store); OCSP includes parsing the request and the status lookup; "over HTTP" adds
fastify (inject, no sockets). Of the issuance overhead above the floor, about 0.55 ms is the CSR check (WebCrypto
RSA 3072 import and verify: the proof of possession), measured separately on this machine.

${table}

The CA's records with ${STORED.toLocaleString('en')} certificates already stored (two per account, 10,000 accounts; certificate-sized
records): recording one more (what every issuance and revocation writes), and looking one up from another
process's store right after such a change (what another node's OCSP answer reads). The file is rewritten whole
under its lock at every change and parsed whole by every other process afterwards; PostgreSQL writes and reads
one row (ADR 0014).

${recordsTable}`;

console.log(section);
if (process.argv.includes('--write')) writeResultsSection('ca', section);

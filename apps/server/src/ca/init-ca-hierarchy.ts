/**
 * Creating the hierarchy (`tessera ca init`): a root CA, an issuing CA per level (QUALIFIED, ADVANCED) and a
 * delegated OCSP responder per issuing CA, every key generated in the key backend. CA keys are EC P-384 (as
 * the Smart-ID demo CAs), responder keys RSA (the official PHP client accepts only RSA OCSP signatures).
 * Given as steps so a command line can show progress.
 */

import type { RandomSource } from '@tessera/crypto';
import {
  type DeploymentPolicy,
  encodeBase64,
  formatSerialNumber,
  generateSerialNumber,
  issueCaCertificate,
  issueOcspResponderCertificate,
  type Signer,
} from '@tessera/pki';
import type { Clock } from '../clock.js';
import { authoritySubject, responderSubject } from './authority-names.js';
import { CaError } from './ca-error.js';
import { type CaName, caUrls } from './ca-names.js';
import type { AuthorityRecord, CaStore, HierarchyRecord, IssuedCertificateRecord } from './ca-store.js';
import type { KeyAlgorithm, KeyBackend, KeyRef } from './key-backend.js';
import {
  addDays,
  addYears,
  BACKDATE_MS,
  ISSUING_VALIDITY_YEARS,
  RESPONDER_VALIDITY_DAYS,
  ROOT_VALIDITY_YEARS,
} from './validity.js';

/** What creating the hierarchy takes. */
export interface CaInitOptions {
  readonly store: CaStore;
  readonly keys: KeyBackend;
  readonly policy: DeploymentPolicy;
  readonly publicUrl: string;
  readonly clock: Clock;
  readonly random: RandomSource;
  /** RSA size of the OCSP responder keys: 3072 by default (tests use 2048 to save time). */
  readonly responderKeyAlgorithm?: Extract<KeyAlgorithm, `RSA_${string}`>;
}

/** One step of the plan: a title for people and the work. */
export interface CaInitStep {
  readonly title: string;
  run(): Promise<void>;
}

/** The steps creating the hierarchy, and the hierarchy once they all ran. */
export interface CaInitPlan {
  readonly steps: readonly CaInitStep[];
  result(): HierarchyRecord;
}

interface Made {
  certificate: Uint8Array;
  signer: Signer;
  key: KeyRef;
}

/** Plans the creation of the hierarchy; nothing happens until the steps run, in order. */
export function planCaInit(options: CaInitOptions): CaInitPlan {
  const { keys, policy, store, random } = options;
  const responderAlgorithm = options.responderKeyAlgorithm ?? 'RSA_3072';
  const started = options.clock.now();
  const year = started.getUTCFullYear();
  const notBefore = new Date(started.getTime() - BACKDATE_MS);
  const suffix = Buffer.from(random(3)).toString('hex');
  const label = (what: string) => `tessera-${what}-${year}-${suffix}`;
  const made = new Map<string, Made>();
  const issued: IssuedCertificateRecord[] = [];
  let hierarchy: HierarchyRecord | undefined;

  function issuerOf(name: CaName) {
    const m = made.get(name)!;
    return { certificate: m.certificate, urls: caUrls(options.publicUrl, name) };
  }

  function record(
    certificate: Uint8Array,
    serial: bigint,
    issuer: CaName,
    kind: IssuedCertificateRecord['kind'],
    notAfter: Date,
  ) {
    issued.push({
      serial: formatSerialNumber(serial),
      issuer,
      kind,
      issuedAt: started.toISOString(),
      notAfter: notAfter.toISOString(),
      certificate: encodeBase64(certificate),
    });
  }

  async function issuing(name: 'qualified' | 'advanced'): Promise<void> {
    const { ref, signer } = await keys.generateKeyPair(label(name), 'EC_P384');
    const root = made.get('root')!;
    const serial = generateSerialNumber(random);
    const notAfter = addYears(started, ISSUING_VALIDITY_YEARS);
    const certificate = await issueCaCertificate({
      subject: authoritySubject(policy.caNames, name, year),
      publicKey: signer.publicKey,
      issuer: issuerOf('root'),
      serial,
      notBefore,
      notAfter,
      pathLength: 0,
      signer: root.signer,
    });
    made.set(name, { certificate, signer, key: ref });
    record(certificate, serial, 'root', 'CA', notAfter);
  }

  async function responder(name: 'qualified' | 'advanced'): Promise<void> {
    const { ref, signer } = await keys.generateKeyPair(label(`${name}-ocsp`), responderAlgorithm);
    const ca = made.get(name)!;
    const serial = generateSerialNumber(random);
    const notAfter = addDays(started, RESPONDER_VALIDITY_DAYS);
    const certificate = await issueOcspResponderCertificate({
      subject: responderSubject(policy.caNames, name, year),
      publicKey: signer.publicKey,
      issuerCertificate: ca.certificate,
      serial,
      notBefore,
      notAfter,
      signer: ca.signer,
    });
    made.set(`${name}-ocsp`, { certificate, signer, key: ref });
    record(certificate, serial, name, 'OCSP_RESPONDER', notAfter);
  }

  const steps: CaInitStep[] = [
    {
      title: 'Check that no CA hierarchy exists yet',
      run: async () => {
        if ((await store.loadHierarchy()) !== undefined) {
          throw new CaError('CA_ALREADY_INITIALISED', 'A CA hierarchy already exists in this store.');
        }
      },
    },
    {
      title: `Generate the root CA key (EC P-384) in ${keys.description} and self-sign the root certificate`,
      run: async () => {
        const { ref, signer } = await keys.generateKeyPair(label('root'), 'EC_P384');
        const certificate = await issueCaCertificate({
          subject: authoritySubject(policy.caNames, 'root', year),
          publicKey: signer.publicKey,
          serial: generateSerialNumber(random),
          notBefore,
          notAfter: addYears(started, ROOT_VALIDITY_YEARS),
          signer,
        });
        made.set('root', { certificate, signer, key: ref });
      },
    },
    {
      title: 'Generate the QUALIFIED issuing CA key (EC P-384) and certificate',
      run: () => issuing('qualified'),
    },
    {
      title: 'Generate the ADVANCED issuing CA key (EC P-384) and certificate',
      run: () => issuing('advanced'),
    },
    {
      title: `Generate the OCSP responder keys (RSA ${responderAlgorithm.slice(4)}) and certificates`,
      run: async () => {
        await responder('qualified');
        await responder('advanced');
      },
    },
    {
      title: 'Save the hierarchy',
      run: async () => {
        const authority = (name: CaName): AuthorityRecord => {
          const m = made.get(name)!;
          const r = made.get(`${name}-ocsp`);
          return {
            name,
            certificate: encodeBase64(m.certificate),
            key: m.key,
            ...(r ? { responder: { certificate: encodeBase64(r.certificate), key: r.key } } : {}),
          };
        };
        const record: HierarchyRecord = {
          version: 1,
          createdAt: started.toISOString(),
          keyBackend: keys.kind,
          policyName: policy.name,
          authorities: [authority('root'), authority('qualified'), authority('advanced')],
        };
        for (const r of issued) await store.addIssued(r);
        await store.saveHierarchy(record);
        hierarchy = record;
      },
    },
  ];

  return {
    steps,
    result() {
      if (hierarchy === undefined)
        throw new CaError('CA_NOT_INITIALISED', 'The init steps have not all run.');
      return hierarchy;
    },
  };
}

/** Runs every step of planCaInit and returns the hierarchy. */
export async function initCaHierarchy(options: CaInitOptions): Promise<HierarchyRecord> {
  const plan = planCaInit(options);
  for (const step of plan.steps) await step.run();
  return plan.result();
}

import { type RandomSource, systemRandom } from '@tessera/crypto';
import {
  type AccountEvent,
  computeIssuerHashes,
  type DeploymentPolicy,
  decodeBase64,
  encodePem,
  formatSerialNumber,
  type HashName,
  type IssuerHashes,
  parseCertificate,
  parseSerialNumber,
  type RevocationReason,
} from '@tessera/pki';
import { type Clock, systemClock } from '../clock.js';
import { applyAccountEvent } from './apply-account-event.js';
import { buildCurrentCrl } from './build-current-crl.js';
import type { CaContext, CrlTiming, LoadedAuthority } from './ca-context.js';
import { CaError } from './ca-error.js';
import { type CaName, caUrls, isCaName } from './ca-names.js';
import type { CaStore, IssuedCertificateRecord } from './ca-store.js';
import {
  type IssuedCertificate,
  type IssueRequest,
  issueEndEntityCertificate,
} from './issue-end-entity-certificate.js';
import type { KeyBackend } from './key-backend.js';
import { renewOcspResponderIfDue } from './renew-ocsp-responder.js';
import { respondToOcsp } from './respond-to-ocsp.js';
import { type RevocationOutcome, revokeCertificate } from './revoke-certificate.js';

/** The certificate authority: issuance, revocation, OCSP and CRLs over a stored hierarchy and its keys. */
export interface CertificateAuthority {
  readonly policy: DeploymentPolicy;
  /** Issues an end-entity certificate after verifying the CSR's signature. */
  issue(request: IssueRequest): Promise<IssuedCertificate>;
  /** Revokes a certificate by hex serial. */
  revoke(serial: string, reason: RevocationReason): Promise<RevocationOutcome>;
  /** Applies an account event (lock, clone, deletion) to the account's certificates. */
  applyAccountEvent(
    documentNumber: string,
    event: AccountEvent,
  ): Promise<{ readonly revoked: readonly string[] }>;
  /** The stored record of a certificate, or undefined. */
  lookup(serial: string): Promise<IssuedCertificateRecord | undefined>;
  /** A DER OCSP response for a DER OCSP request; throws only on internal failures. */
  respondToOcsp(request: Uint8Array): Promise<Uint8Array>;
  /** The current DER CRL of a CA by name. */
  crl(name: string): Promise<Uint8Array>;
  /** A CA certificate (DER) by name; throws CA_NOT_FOUND. */
  caCertificate(name: string): Uint8Array;
  /** The issuing CAs and the root, as one PEM. */
  caChainPem(): string;
  /** Runs the `onClose` it was opened with (the composition root releases the key backend there). */
  close(): Promise<void>;
}

/** What opening the CA takes. */
export interface CertificateAuthorityDeps {
  readonly store: CaStore;
  readonly keys: KeyBackend;
  readonly policy: DeploymentPolicy;
  readonly publicUrl: string;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  /** CRLs valid for 24 hours and rebuilt hourly by default. */
  readonly crlTiming?: Partial<CrlTiming>;
  /** Called when the CA closes (the composition root closes what it opened for the CA). */
  readonly onClose?: () => Promise<void>;
}

const HASHES: readonly HashName[] = ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];

/**
 * Opens the stored hierarchy: every key is opened (and self-tested) in the key backend, certificates are
 * checked against their keys, and responder certificates due for renewal are renewed. Throws CaError
 * CA_NOT_INITIALISED when there is no hierarchy yet, KEY_BACKEND_MISMATCH when it was made with other keys.
 */
export async function openCertificateAuthority(
  deps: CertificateAuthorityDeps,
): Promise<CertificateAuthority> {
  const hierarchy = await deps.store.loadHierarchy();
  if (hierarchy === undefined) {
    throw new CaError('CA_NOT_INITIALISED', 'There is no CA hierarchy yet: run `tessera ca init` first.');
  }
  if (hierarchy.keyBackend !== deps.keys.kind) {
    throw new CaError(
      'KEY_BACKEND_MISMATCH',
      `The CA hierarchy was created with ${hierarchy.keyBackend} keys, but the server is configured for ${deps.keys.kind} keys.`,
    );
  }
  const authorities = new Map<CaName, LoadedAuthority>();
  for (const record of hierarchy.authorities) {
    const certificate = decodeBase64(record.certificate);
    if (certificate === undefined)
      throw new CaError('STORE_CORRUPT', `The ${record.name} certificate is not Base64.`);
    const parsed = parseCertificate(certificate);
    const signer = await deps.keys.openSigner(record.key);
    if (Buffer.compare(Buffer.from(signer.publicKey), Buffer.from(parsed.publicKey)) !== 0) {
      throw new CaError(
        'KEY_SELF_TEST_FAILED',
        `The key of the ${record.name} CA does not match its certificate.`,
      );
    }
    const hashes = new Map<HashName, IssuerHashes>();
    for (const hash of HASHES) hashes.set(hash, await computeIssuerHashes(certificate, hash));
    let responder: LoadedAuthority['responder'];
    if (record.responder) {
      const responderCertificate = decodeBase64(record.responder.certificate);
      if (responderCertificate === undefined)
        throw new CaError('STORE_CORRUPT', 'A responder certificate is not Base64.');
      const responderSigner = await deps.keys.openSigner(record.responder.key);
      const parsedResponder = parseCertificate(responderCertificate);
      if (
        Buffer.compare(Buffer.from(responderSigner.publicKey), Buffer.from(parsedResponder.publicKey)) !== 0
      ) {
        throw new CaError(
          'KEY_SELF_TEST_FAILED',
          `The ${record.name} OCSP responder key does not match its certificate.`,
        );
      }
      responder = {
        certificate: responderCertificate,
        notAfter: parsedResponder.notAfter,
        signer: responderSigner,
      };
    }
    authorities.set(record.name, {
      name: record.name,
      certificate,
      parsed,
      signer,
      urls: caUrls(deps.publicUrl, record.name),
      hashes,
      ...(responder ? { responder } : {}),
    });
  }
  const ctx: CaContext = {
    store: deps.store,
    keys: deps.keys,
    policy: deps.policy,
    publicUrl: deps.publicUrl,
    clock: deps.clock ?? systemClock,
    random: deps.random ?? systemRandom,
    crlTiming: { validityMs: 24 * 3_600_000, refreshMs: 3_600_000, ...deps.crlTiming },
    authorities,
    hierarchy,
    crlCache: new Map(),
  };
  for (const ca of authorities.values()) await renewOcspResponderIfDue(ctx, ca);

  function authority(name: string): LoadedAuthority {
    const ca = isCaName(name) ? authorities.get(name) : undefined;
    if (ca === undefined) throw new CaError('CA_NOT_FOUND', `There is no CA named "${name}".`);
    return ca;
  }

  return {
    policy: deps.policy,
    issue: (request) => issueEndEntityCertificate(ctx, request),
    revoke: (serial, reason) => revokeCertificate(ctx, serial, reason),
    applyAccountEvent: (documentNumber, event) => applyAccountEvent(ctx, documentNumber, event),
    lookup: async (serial) => {
      let canonical: string;
      try {
        canonical = formatSerialNumber(parseSerialNumber(serial));
      } catch {
        return undefined;
      }
      return deps.store.getIssued(canonical);
    },
    respondToOcsp: (request) => respondToOcsp(ctx, request),
    crl: (name) => buildCurrentCrl(ctx, name),
    caCertificate: (name) => authority(name).certificate,
    caChainPem: () =>
      (['qualified', 'advanced', 'root'] as const)
        .filter((n) => authorities.has(n))
        .map((n) => encodePem('CERTIFICATE', authorities.get(n)!.certificate))
        .join(''),
    close: async () => {
      await deps.onClose?.();
    },
  };
}

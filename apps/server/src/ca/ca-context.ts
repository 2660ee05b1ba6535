/** The loaded state of an open certificate authority, shared by its operations. */
import type { RandomSource } from '@tessera/crypto';
import type {
  DeploymentPolicy,
  HashName,
  IssuerHashes,
  IssuerUrls,
  ParsedCertificate,
  Signer,
} from '@tessera/pki';
import type { Clock } from '../clock.js';
import type { CaName } from './ca-names.js';
import type { CaStore, HierarchyRecord } from './ca-store.js';
import type { KeyBackend } from './key-backend.js';

/** One CA with its key opened. */
export interface LoadedAuthority {
  readonly name: CaName;
  readonly certificate: Uint8Array;
  readonly parsed: ParsedCertificate;
  readonly signer: Signer;
  readonly urls: IssuerUrls;
  /** CertID hashes of this CA, per hash algorithm. */
  readonly hashes: ReadonlyMap<HashName, IssuerHashes>;
  /** The delegated OCSP responder of an issuing CA; replaced when renewed. */
  responder?: { certificate: Uint8Array; notAfter: Date; signer: Signer };
}

/** CRL timing: each CRL is valid for `validityMs` and rebuilt after `refreshMs` or on a new revocation. */
export interface CrlTiming {
  readonly validityMs: number;
  readonly refreshMs: number;
}

/** Everything the CA operations share. */
export interface CaContext {
  readonly store: CaStore;
  readonly keys: KeyBackend;
  readonly policy: DeploymentPolicy;
  readonly publicUrl: string;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly crlTiming: CrlTiming;
  readonly authorities: ReadonlyMap<CaName, LoadedAuthority>;
  hierarchy: HierarchyRecord;
  readonly crlCache: Map<CaName, { der: Uint8Array; fingerprint: string; refreshAt: number }>;
}

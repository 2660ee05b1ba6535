import type {
  CertificateLevel,
  EndResult,
  FlowType,
  HashAlgorithm,
  InteractionType,
  SignatureAlgorithm,
  V2EndResult,
  V2InteractionType,
} from '@tessera/protocol';
import type { Actor } from './rp-client-error.js';

/** The person a certificate names (spec §6.4 point 5). */
export interface PersonIdentity {
  /** The subject serialNumber, e.g. `PNOEE-40504040001`. */
  readonly semanticsIdentifier: string;
  /** `PNO`, `IDC` or `PAS`. */
  readonly identityType: string;
  /** ISO 3166-1 alpha-2 country of the identifier. */
  readonly country: string;
  /** The national identifier: the part after the first `-`, e.g. `40504040001`, `030403-10016`. */
  readonly identityNumber: string;
  readonly givenName: string;
  readonly surname: string;
  /** `YYYY-MM-DD` from the certificate, else from the national code; `null` when neither states it. */
  readonly dateOfBirth: string | null;
}

/** The account's certificate the session used, already validated. */
export interface VerifiedCertificate {
  /** Standard Base64 of the DER certificate. */
  readonly value: string;
  readonly certificateLevel: CertificateLevel;
  readonly notAfter: Date;
}

interface Completed {
  readonly endResult: 'OK';
  readonly documentNumber: string;
  readonly identity: PersonIdentity;
  readonly certificate: VerifiedCertificate;
  readonly flowType: FlowType;
  /** Present only when the relying party asked for it and is allowed to see it. */
  readonly deviceIpAddress?: string;
}

/** A verified authentication: this person proved possession of this certificate's key. */
export interface Authentication extends Completed {
  readonly interactionTypeUsed: InteractionType | V2InteractionType;
}

/** A verified signature over the digest the relying party sent. */
export interface Signature extends Completed {
  readonly interactionTypeUsed: InteractionType;
  /** Standard Base64 of the signature value. */
  readonly value: string;
  readonly signatureAlgorithm: SignatureAlgorithm;
  readonly hashAlgorithm: HashAlgorithm;
}

/** A verified certificate choice: the signing certificate of the account the person chose. */
export type CertificateChoice = Completed;

/** A session that ended without the result asked for; `actor` says who can change that. */
export interface SessionRefusal {
  readonly endResult: Exclude<EndResult | V2EndResult, 'OK'>;
  readonly actor: Actor;
  /** With `USER_REFUSED_INTERACTION`: the screen the person cancelled on. */
  readonly interaction?: string;
  /** One sentence for a log or, rephrased, for the person. */
  readonly message: string;
}

/** How a session ended: the verified result, or a refusal as data. Broken responses throw instead. */
export type SessionOutcome<T> = T | SessionRefusal;

/** Who acts on each end result, and what it means. */
export const END_RESULT_MEANINGS: {
  readonly [R in Exclude<EndResult | V2EndResult, 'OK'>]: { readonly actor: Actor; readonly message: string };
} = {
  USER_REFUSED: { actor: 'user', message: 'The person refused in the app.' },
  USER_REFUSED_INTERACTION: { actor: 'user', message: 'The person cancelled on the confirmation screen.' },
  USER_REFUSED_CERT_CHOICE: { actor: 'user', message: 'The person cancelled the choice of account.' },
  USER_REFUSED_DISPLAYTEXTANDPIN: { actor: 'user', message: 'The person cancelled on the PIN screen.' },
  USER_REFUSED_VC_CHOICE: { actor: 'user', message: 'The person cancelled the verification code choice.' },
  USER_REFUSED_CONFIRMATIONMESSAGE: {
    actor: 'user',
    message: 'The person cancelled the confirmation message.',
  },
  USER_REFUSED_CONFIRMATIONMESSAGE_WITH_VC_CHOICE: {
    actor: 'user',
    message: 'The person cancelled the confirmation message with the code choice.',
  },
  WRONG_VC: { actor: 'user', message: 'The person chose the wrong verification code.' },
  TIMEOUT: { actor: 'user', message: 'The person did not answer in time.' },
  EXPECTED_LINKED_SESSION: {
    actor: 'user',
    message: 'The app took another request while it waited for the linked signature.',
  },
  DOCUMENT_UNUSABLE: {
    actor: 'account',
    message: 'The account cannot be used; the person should open the app.',
  },
  ACCOUNT_UNUSABLE: {
    actor: 'account',
    message: 'The account cannot be used; the person should open the app.',
  },
  REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP: {
    actor: 'account',
    message: "The person's app cannot show the requested interaction; it needs updating.",
  },
  PROTOCOL_FAILURE: {
    actor: 'integration',
    message: 'The signing protocol failed between the app and the server.',
  },
  SERVER_ERROR: { actor: 'integration', message: 'The identity server failed.' },
};

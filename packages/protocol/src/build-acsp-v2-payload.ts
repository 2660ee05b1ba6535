import { encodeBase64 } from './base64.js';
import { computeInteractionsDigest } from './compute-interactions-digest.js';
import type { InteractionType } from './interactions.js';
import { ProtocolError } from './protocol-error.js';
import { FLOW_TYPES, type FlowType } from './wire-values.js';

/** The inputs of the ACSP_V2 payload: the session's raw strings as sent, and what the flow produced. */
export interface AcspV2PayloadFields {
  readonly schemeName: string;
  /** Standard Base64 from the server, used as text. */
  readonly serverRandom: string;
  /** The RP's `rpChallenge` exactly as sent. */
  readonly rpChallenge: string;
  /** 43 Base64URL characters: the hash of the app's `userChallengeVerifier`. */
  readonly userChallenge: string;
  /** Exactly the string the RP sent. */
  readonly relyingPartyName: string;
  readonly brokeredRpName?: string | undefined;
  /** The RP's `interactions` Base64 string exactly as sent. */
  readonly interactions: string;
  readonly interactionTypeUsed: InteractionType;
  /** The session's callback URL as sent, if any; the payload leaves it out for QR and Notification flows. */
  readonly initialCallbackUrl?: string | undefined;
  readonly flowType: FlowType;
}

const utf8 = new TextEncoder();

/**
 * The one canonical ACSP_V2 payload (spec §6.1), the exact bytes the user's authentication key signs:
 * `schemeName|ACSP_V2|serverRandom|rpChallenge|userChallenge|B64(relyingPartyName)|B64(brokeredRpName)|B64(SHA-256(interactions))|interactionTypeUsed|initialCallbackUrl|flowType`.
 * The callback URL field is empty for QR and Notification flows, and for Web2App/App2App it must be set.
 */
export function buildAcspV2Payload(fields: AcspV2PayloadFields): Uint8Array {
  if (!FLOW_TYPES.includes(fields.flowType)) throw new ProtocolError('INVALID_ARGUMENT', 'Unknown flowType.');
  const sameDevice = fields.flowType === 'Web2App' || fields.flowType === 'App2App';
  if (sameDevice && !fields.initialCallbackUrl) {
    throw new ProtocolError('INVALID_ARGUMENT', `The ${fields.flowType} flow needs an initialCallbackUrl.`);
  }
  if (fields.schemeName === '') throw new ProtocolError('INVALID_ARGUMENT', 'The scheme name is empty.');
  const parts = [
    fields.schemeName,
    'ACSP_V2',
    fields.serverRandom,
    fields.rpChallenge,
    fields.userChallenge,
    encodeBase64(utf8.encode(fields.relyingPartyName)),
    fields.brokeredRpName ? encodeBase64(utf8.encode(fields.brokeredRpName)) : '',
    computeInteractionsDigest(fields.interactions),
    fields.interactionTypeUsed,
    sameDevice ? (fields.initialCallbackUrl ?? '') : '',
    fields.flowType,
  ];
  if (parts.some((part) => part.includes('|'))) {
    throw new ProtocolError('INVALID_ARGUMENT', 'An ACSP_V2 payload field contains "|".');
  }
  return utf8.encode(parts.join('|'));
}

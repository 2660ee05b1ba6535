import { type RpSession, readSessionRequest } from '@tessera/core';
import { encodeBase64url } from '@tessera/crypto';
import {
  decodeRawDigest,
  type HashAlgorithm,
  type InteractionType,
  type TransactionView,
} from '@tessera/protocol';

/**
 * A session's transaction as the device shows and signs it: the interaction used with its text, the ACSP_V2
 * fields the device rebuilds the payload from (or the digest), and the EM the server will complete against.
 * `linked` is the certificate choice a linked signature follows.
 */
export function toTransactionView(
  session: RpSession,
  schemeName: string,
  linked?: RpSession,
): TransactionView {
  const t = session.transaction;
  if (t === null) throw new Error('The session has no transaction yet.');
  const asked = readSessionRequest(session);
  // A linked signature returns through the callback URL of the certificate choice it follows.
  const callbackUrl =
    linked === undefined
      ? asked.initialCallbackUrl
      : (linked.request as { initialCallbackUrl?: string }).initialCallbackUrl;
  const interaction = asked.interactions.find((i) => i.type === t.interactionTypeUsed);
  if (interaction === undefined) throw new Error('The interaction used is not among the requested ones.');
  return {
    transactionId: session.id,
    documentNumber: t.documentNumber,
    keyPurpose: session.kind === 'signature' ? 'signing' : 'authentication',
    rpName: session.relyingPartyName,
    interaction: {
      type: interaction.type,
      displayText: 'displayText60' in interaction ? interaction.displayText60 : interaction.displayText200,
    },
    // Device-link flows show no verification code (spec §5.1); the choice stays until the right code is chosen.
    verificationCode:
      t.verificationCodeChoice !== null && !t.verificationCodeChosen ? null : session.verificationCode,
    verificationCodeChoice:
      t.verificationCodeChoice !== null && !t.verificationCodeChosen ? [...t.verificationCodeChoice] : null,
    signatureScheme: {
      encoding: t.signatureAlgorithm === 'rsassa-pss' ? 'pss' : 'pkcs1-v1_5',
      hash: t.hashAlgorithm as HashAlgorithm,
    },
    signedContent:
      t.serverRandom === null || t.userChallenge === null
        ? {
            kind: 'digest',
            digest: encodeBase64url(decodeRawDigest(asked.digest ?? '', t.hashAlgorithm as HashAlgorithm)),
            flowType: t.flowType,
            ...(callbackUrl === undefined ? {} : { initialCallbackUrl: callbackUrl }),
          }
        : {
            kind: 'acsp-v2',
            fields: {
              schemeName,
              serverRandom: t.serverRandom,
              rpChallenge: asked.rpChallenge ?? '',
              userChallenge: t.userChallenge,
              relyingPartyName: session.relyingPartyName,
              ...(session.brokeredRpName === null ? {} : { brokeredRpName: session.brokeredRpName }),
              interactions: (session.request as { interactions: string }).interactions,
              interactionTypeUsed: interaction.type as InteractionType,
              ...(asked.initialCallbackUrl === undefined
                ? {}
                : { initialCallbackUrl: asked.initialCallbackUrl }),
              flowType: t.flowType,
            },
          },
    encodedMessage: t.encodedMessage,
    expiresAt: new Date(session.expiresAt).toISOString(),
  };
}

import {
  bigintModExp,
  bitLength,
  bytesToBigint,
  CryptoError,
  decodeBase64url,
  type ExpectedEncoding,
  encodeBase64url,
  openNextCloneToken,
  sealEnvelope,
  signPartiallyWithPin,
  verifyEncodedMessage,
} from '@tessera/crypto';
import {
  APP_API_ENDPOINTS,
  buildAppEnvelopeAssociatedData,
  buildCallbackUrl,
  computeAcspV2Digest,
  encodePartialSignaturePlaintext,
  type SubmitSignatureResponse,
  type TransactionView,
  validateSubmitSignatureResponse,
} from '@tessera/protocol';
import { assertPin } from './assert-pin.js';
import type { DeviceContext } from './device-context.js';
import { DeviceError } from './device-error.js';
import type { DeviceVaultData, VaultKey } from './device-vault.js';
import { findAccountKey } from './find-account-key.js';
import { importServerEnvelopeKey } from './import-server-envelope-key.js';
import { loadVault } from './load-vault.js';
import { sendAppRequest } from './send-app-request.js';

/** What confirming a transaction needs besides the context. */
export interface ConfirmTransactionInput {
  /** The transaction exactly as displayed to the user. */
  view: TransactionView;
  /** PIN1 for authentication, PIN2 for signing. Used once, never stored. */
  pin: string;
  /** From `takeTransaction`: goes into the callback URL of a Web2App/App2App authentication. */
  userChallengeVerifier?: string;
}

/** The server's answer, and for a confirmed Web2App/App2App transaction the callback URL the app opens. */
export type ConfirmTransactionResult = SubmitSignatureResponse & { callbackUrl?: string };

function expectedEncoding(view: TransactionView): ExpectedEncoding {
  const { encoding, hash } = view.signatureScheme;
  const digest =
    view.signedContent.kind === 'acsp-v2'
      ? computeAcspV2Digest(view.signedContent.fields, hash)
      : decodeBase64url(view.signedContent.digest);
  return { encoding, algorithm: hash, digest };
}

function submitPath(transactionId: string): string {
  return APP_API_ENDPOINTS.submitSignature.path.replace('{transactionId}', encodeURIComponent(transactionId));
}

async function buildRequestBody(
  context: DeviceContext,
  data: DeviceVaultData,
  key: VaultKey,
  input: ConfirmTransactionInput,
): Promise<string> {
  const deviceId = data.deviceId;
  const { view } = input;
  const modulus = bytesToBigint(decodeBase64url(key.modulus));
  const encodedMessage = decodeBase64url(view.encodedMessage);
  const expected = expectedEncoding(view);
  try {
    // Checked before the PIN is touched: the device signs only what it displayed.
    verifyEncodedMessage({ encodedMessage, modulusBits: bitLength(modulus), expected });
  } catch (cause) {
    if (cause instanceof CryptoError) {
      throw new DeviceError('ENCODED_MESSAGE_MISMATCH', 'The encoded message does not match the display.', {
        cause,
      });
    }
    throw cause;
  }
  assertPin(input.pin, key.purpose);
  const serverEnvelopePublicKey = await importServerEnvelopeKey(data);
  const y = signPartiallyWithPin({
    modulus,
    maskedShare: {
      version: 1,
      keyId: key.maskedShare.keyId,
      bits: key.maskedShare.bits,
      salt: decodeBase64url(key.maskedShare.salt),
      masked: decodeBase64url(key.maskedShare.masked),
    },
    pin: input.pin,
    encodedMessage,
    expected,
    modExp: context.modExp ?? bigintModExp,
  });
  const plaintext = encodePartialSignaturePlaintext(y, decodeBase64url(key.cloneToken));
  y.fill(0);
  const sealed = await sealEnvelope({
    recipientPublicKey: serverEnvelopePublicKey,
    plaintext,
    associatedData: buildAppEnvelopeAssociatedData({
      kind: 'partial-signature',
      deviceId,
      transactionId: view.transactionId,
      keyId: key.keyId,
    }),
    random: context.random,
  });
  plaintext.fill(0);
  return JSON.stringify({ keyId: key.keyId, sealedPartialSignature: encodeBase64url(sealed) });
}

/**
 * Confirms a transaction with the PIN: recomputes the hash of what is displayed (the ACSP_V2 payload for
 * authentication, the digest for signing), refuses an encoded message that does not encode it before
 * touching the PIN, computes the partial signature, seals it with the current clone token, stores the
 * sealed request in the vault, then sends it. If a request for this transaction is already pending (its
 * response was lost), that request is resent byte for byte instead and the PIN is not used. On `OK` the
 * clone token is rotated; on every answer the pending request is cleared. Returns the server's answer and,
 * for a confirmed Web2App/App2App authentication, the callback URL (`initialCallbackUrl` with
 * `sessionSecretDigest` and `userChallengeVerifier`, spec §4.4).
 */
export async function confirmTransaction(
  context: DeviceContext,
  input: ConfirmTransactionInput,
): Promise<ConfirmTransactionResult> {
  const data = await loadVault(context);
  const { key } = findAccountKey(data, input.view.documentNumber, input.view.keyPurpose);
  if (key.pendingRequest?.transactionId !== input.view.transactionId) {
    const body = await buildRequestBody(context, data, key, input);
    key.pendingRequest = { transactionId: input.view.transactionId, body };
    await context.vault.save(data);
  }
  const pending = key.pendingRequest as NonNullable<VaultKey['pendingRequest']>;
  const answer = validateSubmitSignatureResponse(
    await sendAppRequest(context, data, {
      method: APP_API_ENDPOINTS.submitSignature.method,
      path: submitPath(pending.transactionId),
      body: pending.body,
    }),
  );
  // The server rotates the clone token on every answered attempt, a wrong PIN included (core's attemptSignature).
  if (answer.result === 'OK' || answer.result === 'WRONG_PIN') {
    const sealed = (JSON.parse(pending.body) as { sealedPartialSignature: string }).sealedPartialSignature;
    let next: Uint8Array;
    try {
      next = openNextCloneToken({
        token: decodeBase64url(key.cloneToken),
        requestBytes: decodeBase64url(sealed),
        response: decodeBase64url(answer.nextCloneToken),
      });
    } catch (cause) {
      throw new DeviceError('INVALID_RESPONSE', 'The next clone token cannot be opened.', { cause });
    }
    key.cloneToken = encodeBase64url(next);
  }
  key.pendingRequest = null;
  await context.vault.save(data);
  const { signedContent } = input.view;
  const initialCallbackUrl =
    signedContent.kind === 'acsp-v2'
      ? signedContent.fields.initialCallbackUrl
      : signedContent.initialCallbackUrl;
  if (answer.result === 'OK' && answer.sessionSecretDigest !== undefined && initialCallbackUrl) {
    // Authentication adds the user challenge verifier; a signature's callback carries the digest only (§4.4).
    const verifier = signedContent.kind === 'acsp-v2' ? input.userChallengeVerifier : undefined;
    if (signedContent.kind === 'digest' || verifier !== undefined) {
      const callbackUrl = buildCallbackUrl(initialCallbackUrl, {
        sessionSecretDigest: answer.sessionSecretDigest,
        ...(verifier === undefined ? {} : { userChallengeVerifier: verifier }),
      });
      return { ...answer, callbackUrl };
    }
  }
  return answer;
}

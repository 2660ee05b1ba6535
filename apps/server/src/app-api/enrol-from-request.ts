import { enrolDeviceAccount } from '@tessera/core';
import { bytesToBigint, decodeBase64url, openEnvelope } from '@tessera/crypto/node';
import {
  buildAppEnvelopeAssociatedData,
  decodeEnrolmentSharePlaintext,
  type EnrolmentRequest,
  type EnrolmentResponse,
} from '@tessera/protocol';
import { HttpError } from '../http-error.js';
import type { AppApiDeps } from './app-api-deps.js';

type DeviceEnrolmentKey = Parameters<typeof enrolDeviceAccount>[1]['keys']['authentication'];

/**
 * An enrolment request of an authenticated device, server side: opens each key's sealed server share, enrols
 * the account (every check before anything is stored: `enrolDeviceAccount`) and answers with both keys and
 * their certificates. The app API's enrolment route and the sandbox's simulated devices (in process, with
 * the published account ids of the scripted test accounts) share it.
 */
export async function enrolFromRequest(
  deps: AppApiDeps,
  input: {
    readonly deviceId: string;
    readonly request: EnrolmentRequest;
    readonly allowedModulusBits: readonly number[];
    readonly accountId?: string;
  },
): Promise<EnrolmentResponse> {
  const { deviceId, request } = input;
  const purposes = request.keys.map((k) => k.purpose);
  if (!purposes.includes('authentication') || !purposes.includes('signing')) {
    throw new HttpError(400, 'KEYS_INCOMPLETE', 'Send one authentication and one signing key.');
  }
  const keys = {} as Record<'authentication' | 'signing', DeviceEnrolmentKey>;
  for (const key of request.keys) {
    const opened = decodeEnrolmentSharePlaintext(
      await openEnvelope({
        recipient: deps.secrets.envelopeKey,
        envelope: decodeBase64url(key.sealedServerShare),
        associatedData: buildAppEnvelopeAssociatedData({ kind: 'enrolment', deviceId, purpose: key.purpose }),
      }),
    );
    keys[key.purpose] = {
      modulus: bytesToBigint(decodeBase64url(key.modulus)),
      publicExponent: bytesToBigint(decodeBase64url(key.publicExponent)),
      serverShare: bytesToBigint(opened.serverShare),
      firstCloneToken: opened.cloneToken,
      certificationRequest: decodeBase64url(key.certificationRequest),
      partialSignature: opened.partialSignature,
    };
    opened.serverShare.fill(0);
  }
  const { level, ...identity } = request.identity;
  const account = await enrolDeviceAccount(
    { ...deps, vault: deps.secrets.vault },
    {
      deviceId,
      devicePublicKeyJwk: request.devicePublicKeyJwk,
      identity,
      level,
      keys,
      allowedModulusBits: input.allowedModulusBits,
      ...(input.accountId === undefined ? {} : { accountId: input.accountId }),
    },
  );
  const enrolled = await Promise.all(
    [account.authenticationKeyId, account.signingKeyId].map((id) => deps.keys.get(id)),
  );
  return {
    documentNumber: account.documentNumber,
    keys: enrolled.map((key) => {
      if (key?.certificate == null) throw new Error('An enrolled key has no certificate.');
      return {
        purpose: key.purpose,
        keyId: key.id,
        certificate: Buffer.from(key.certificate.der).toString('base64url'),
      };
    }),
  };
}

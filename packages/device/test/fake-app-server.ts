import {
  bigintModExp,
  bitLength,
  bytesToBigint,
  type CloneTokenState,
  completeSignature,
  createCloneTokenState,
  createPinLockState,
  decideCloneToken,
  decodeBase64url,
  encodeBase64url,
  encodeMessage,
  generateEnvelopeKeyPair,
  openEnvelope,
  PIN_LOCK_LADDER,
  type PinLockState,
  recordPinSuccess,
  recordWrongPin,
  reservePinAttempt,
  systemRandom,
} from '@tessera/crypto';
import {
  type AcspV2PayloadFields,
  buildAppEnvelopeAssociatedData,
  computeAcspV2Digest,
  DEVICE_REQUEST_HEADERS,
  decodePartialSignaturePlaintext,
  type EnrolmentRequest,
  type SubmitSignatureRequest,
  type SubmitSignatureResponse,
  type TransactionView,
  verifyDeviceRequest,
} from '@tessera/protocol';

interface ServerKey {
  deviceId: string;
  accountId: string;
  modulus: bigint;
  publicExponent: bigint;
  serverShare: bigint;
  clone: CloneTokenState;
  /** The answer to the last accepted request, for an identical retry (as core records `lastOutcome`). */
  lastAnswer?: SubmitSignatureResponse;
  lock: PinLockState;
}

function readLengthPrefixed(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    const n = view.getUint32(at);
    out.push(bytes.subarray(at + 4, at + 4 + n));
    at += 4 + n;
  }
  return out;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * Plays the identity server for device tests with the real two-party crypto: opens envelopes with its
 * envelope key, completes signatures with the server share it received, runs the clone-token decision and
 * the PIN lock ladder, and authenticates every request with verifyDeviceRequest.
 */
export async function createFakeAppServer() {
  const envelopeKey = await generateEnvelopeKeyPair();
  const devices = new Map<string, JsonWebKey>();
  const keys = new Map<string, ServerKey>();
  const transactions = new Map<string, { view: TransactionView; keyId: string }>();
  const seenNonces = new Set<string>();
  const signatures = new Map<string, Uint8Array>();
  const state = { now: 1_700_000_000_000, dropNextResponse: false, completions: 0, verifiedRequests: 0 };

  async function submit(deviceId: string, transactionId: string, body: SubmitSignatureRequest) {
    const transaction = transactions.get(transactionId);
    const key = keys.get(body.keyId);
    if (!transaction || !key || key.deviceId !== deviceId || transaction.keyId !== body.keyId) {
      return json(404, { title: 'Not found' });
    }
    const sealed = decodeBase64url(body.sealedPartialSignature);
    const plaintext = await openEnvelope({
      recipient: envelopeKey,
      envelope: sealed,
      associatedData: buildAppEnvelopeAssociatedData({
        kind: 'partial-signature',
        deviceId,
        transactionId,
        keyId: body.keyId,
      }),
    });
    const { partialSignature, cloneToken } = decodePartialSignaturePlaintext(plaintext);
    const decision = decideCloneToken(
      key.clone,
      { presentedToken: cloneToken, requestBytes: sealed },
      systemRandom,
    );
    if (decision.outcome === 'RETRY') {
      const last = key.lastAnswer;
      return last === undefined ? json(400, { title: 'Nothing to retry' }) : json(200, last);
    }
    if (decision.outcome === 'CLONE') return json(200, { result: 'CLONE_DETECTED' });
    if (decision.outcome === 'INVALID') return json(400, { title: 'Unknown clone token' });
    const reserved = reservePinAttempt(key.lock, state.now);
    if (reserved.outcome === 'LOCKED') {
      return json(200, {
        result: 'LOCKED',
        lockedUntil: reserved.lockedUntil === null ? null : new Date(reserved.lockedUntil).toISOString(),
        permanent: reserved.permanent,
      });
    }
    const completed = completeSignature({
      modulus: key.modulus,
      publicExponent: key.publicExponent,
      serverShare: key.serverShare,
      encodedMessage: decodeBase64url(transaction.view.encodedMessage),
      partialSignature,
      modExp: bigintModExp,
    });
    if (!completed.ok) {
      const wrong = recordWrongPin(reserved.state, state.now);
      key.lock = wrong.state;
      const nextStep = PIN_LOCK_LADDER.find((s) => s.wrongAttempts > wrong.state.wrongAttempts);
      const response: SubmitSignatureResponse = {
        result: 'WRONG_PIN',
        attemptsLeft: nextStep ? nextStep.wrongAttempts - wrong.state.wrongAttempts : 0,
        nextCloneToken: encodeBase64url(decision.response),
      };
      key.clone = decision.state;
      key.lastAnswer = response;
      return json(200, response);
    }
    key.lock = recordPinSuccess(reserved.state);
    key.clone = decision.state;
    signatures.set(transactionId, completed.signature);
    state.completions++;
    const answer: SubmitSignatureResponse = {
      result: 'OK',
      nextCloneToken: encodeBase64url(decision.response),
    };
    key.lastAnswer = answer;
    return json(200, answer);
  }

  async function handle(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: Uint8Array },
  ) {
    const path = new URL(url).pathname;
    const bodyBytes = init.body ?? new Uint8Array();
    const body = bodyBytes.length > 0 ? JSON.parse(new TextDecoder().decode(bodyBytes)) : null;
    const deviceId = init.headers[DEVICE_REQUEST_HEADERS.deviceId] ?? '';
    const isEnrol = init.method === 'POST' && path === '/app/v1/enrolments';
    const jwk = isEnrol ? (body as EnrolmentRequest).devicePublicKeyJwk : devices.get(deviceId);
    if (!jwk) return json(401, { title: 'Unknown device' });
    await verifyDeviceRequest({
      headers: init.headers,
      method: init.method,
      pathAndQuery: path,
      body: bodyBytes,
      devicePublicKeyJwk: jwk,
      now: state.now,
      maxSkewMs: 60_000,
      isNonceFresh: (nonce) => !seenNonces.has(nonce) && !!seenNonces.add(nonce),
    });
    state.verifiedRequests++;
    if (isEnrol) {
      const request = body as EnrolmentRequest;
      devices.set(request.deviceId, jwk);
      const accountId = `acc-${keys.size}`;
      for (const k of request.keys) {
        const opened = await openEnvelope({
          recipient: envelopeKey,
          envelope: k.sealedServerShare,
          associatedData: buildAppEnvelopeAssociatedData({
            kind: 'enrolment',
            deviceId: request.deviceId,
            keyId: k.keyId,
          }),
        });
        const [serverShare, token] = readLengthPrefixed(opened);
        keys.set(k.keyId, {
          deviceId: request.deviceId,
          accountId,
          modulus: bytesToBigint(decodeBase64url(k.modulus)),
          publicExponent: bytesToBigint(decodeBase64url(k.publicExponent)),
          serverShare: bytesToBigint(serverShare as Uint8Array),
          clone: createCloneTokenState(token as Uint8Array),
          lock: createPinLockState(),
        });
      }
      return json(200, { accountId, documentNumber: `PNOEE-${request.identity.semanticsIdentifier}-MOCK-Q` });
    }
    const submitMatch = /^\/app\/v1\/transactions\/([^/]+)\/signature$/.exec(path);
    if (init.method === 'POST' && submitMatch) {
      return submit(deviceId, decodeURIComponent(submitMatch[1] as string), body as SubmitSignatureRequest);
    }
    if (init.method === 'GET' && path === '/app/v1/transactions') {
      const views = [...transactions.values()]
        .filter((t) => keys.get(t.keyId)?.deviceId === deviceId)
        .map((t) => t.view);
      return json(200, { transactions: views });
    }
    return json(404, { title: 'Not found' });
  }

  return {
    envelopePublicKey: envelopeKey.publicKey,
    state,
    signatures,
    keys,
    transport: {
      baseUrl: 'https://id.example',
      fetch: async (
        url: string,
        init: { method: string; headers: Record<string, string>; body?: Uint8Array },
      ) => {
        const response = await handle(url, init);
        if (state.dropNextResponse) {
          state.dropNextResponse = false;
          throw new TypeError('network connection lost');
        }
        return response;
      },
    },
    /** Opens an authentication transaction for the account's key; `tamper` makes EM encode another payload. */
    openAuthentication(accountId: string, fields: AcspV2PayloadFields, options: { tamper?: boolean } = {}) {
      const entry = [...keys.entries()].find(([, k]) => k.accountId === accountId);
      if (!entry) throw new Error('no such account');
      const [keyId, key] = entry;
      const signed = options.tamper ? { ...fields, rpChallenge: `${fields.rpChallenge}x` } : fields;
      const encodedMessage = encodeMessage({
        encoding: 'pss',
        algorithm: 'SHA-256',
        digest: computeAcspV2Digest(signed, 'SHA-256'),
        modulusBits: bitLength(key.modulus),
        salt: systemRandom(32),
      });
      const transactionId = `tx-${transactions.size}`;
      const view: TransactionView = {
        transactionId,
        accountId,
        keyPurpose: 'authentication',
        rpName: fields.relyingPartyName,
        interaction: { type: 'displayTextAndPIN', displayText: 'Log in to the demo' },
        verificationCode: '1234',
        verificationCodeChoice: null,
        signatureScheme: { encoding: 'pss', hash: 'SHA-256' },
        signedContent: { kind: 'acsp-v2', fields },
        encodedMessage: encodeBase64url(encodedMessage),
        expiresAt: new Date(state.now + 120_000).toISOString(),
      };
      transactions.set(transactionId, { view, keyId });
      return view;
    },
  };
}

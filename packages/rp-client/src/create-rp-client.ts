import { createHash, X509Certificate } from 'node:crypto';
import { systemRandom } from '@tessera/crypto';
import { decodePem, encodeBase64 } from '@tessera/pki';
import {
  type AuthCodeContext,
  type AuthenticationCertificateLevel,
  buildDeviceLink,
  type CompleteSessionStatus,
  computeAuthenticationVerificationCode,
  computeV2VerificationCode,
  DEFAULT_SCHEME_NAME,
  type DeviceLinkSessionType,
  encodeInteractions,
  type FlowType,
  generateRpChallenge,
  type HashAlgorithm,
  hashOctetLength,
  type Interaction,
  ProtocolError,
  type RequestProperties,
  type SignatureAlgorithm,
  type SigningCertificateLevel,
  V2_HASH_TYPES,
  type V2CompleteSessionStatus,
  type V2HashType,
  type V2Interaction,
  validateCertificateResponse,
  validateDeviceLinkSessionResponse,
  validateNotificationSessionResponse,
  validateNotificationSignatureSessionResponse,
  validateSessionStatusResponse,
  validateV2SessionStatusResponse,
} from '@tessera/protocol';
import { callRpApi, type RpApiTransport } from './call-rp-api.js';
import { type CertificatePolicyTable, SMART_ID_CERTIFICATE_POLICIES } from './certificate-policies.js';
import { checkCertificate, type OcspSettings, type TrustStore } from './check-certificate.js';
import { encodeQrCode, renderQrCodeSvg } from './encode-qr-code.js';
import { RpClientError } from './rp-client-error.js';
import type { DeviceLinkMaterial, DeviceLinkSession, RpSession } from './rp-session.js';
import type { CertificateChoice, SessionOutcome } from './session-outcome.js';
import { verifyCallbackUrl } from './verify-callback-url.js';
import { type OutcomeOf, verifySessionOutcome } from './verify-session-outcome.js';

/** How a relying party configures the client. Everything the responses are checked against is explicit here. */
export interface RpClientOptions {
  /** The identity server's base URL, without `/v3`, e.g. `https://tessera.example`. */
  readonly baseUrl: string;
  readonly relyingPartyUUID: string;
  /** Exactly as registered; used byte for byte in authCodes and ACSP_V2. */
  readonly relyingPartyName: string;
  /**
   * The CA certificates to trust, and only these: a PEM bundle (self-signed certificates are the anchors, the
   * others intermediates) or DER certificates.
   */
  readonly trustedCertificates: string | readonly Uint8Array[];
  /** `smart-id-demo` (the default, as Tessera's) or `smart-id`. */
  readonly schemeName?: string;
  /** Check every certificate with its OCSP responder (spec §6.4a); off unless given. */
  readonly ocsp?: OcspSettings;
  /** Policy OIDs each level must carry; the Smart-ID scheme's by default. */
  readonly certificatePolicies?: CertificatePolicyTable;
  /** Hash for authentication signatures: SHA-512 by default. */
  readonly hashAlgorithm?: HashAlgorithm;
  /** How long one status long-poll may park at the server (1000–120000 ms; 30000 by default). */
  readonly pollTimeoutMs?: number;
  /** How long any other request may take (15000 ms by default). */
  readonly requestTimeoutMs?: number;
  /** Injectable for tests and proxies. */
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  readonly random?: (length: number) => Uint8Array;
}

/** Fields every session-starting call may set, with the wire's names. */
interface CommonStart {
  readonly requestProperties?: RequestProperties;
  readonly capabilities?: string[];
}

/** A digest to sign: the hash of the data to be signed, by `hashAlgorithm`. */
interface DigestToSign {
  readonly digest: Uint8Array;
  readonly hashAlgorithm: HashAlgorithm;
  /** `rsassa-pss` (the default) or a deprecated PKCS#1 v1.5 name matching the hash. */
  readonly signatureAlgorithm?: SignatureAlgorithm;
}

type Addressee = { readonly semanticsIdentifier: string } | { readonly documentNumber: string };

/** Options of `awaitOutcome`. */
export interface AwaitOptions {
  readonly signal?: AbortSignal;
  /** For Web2App/App2App: the URL the callback endpoint received (required for authentication). */
  readonly callbackUrl?: string | URL;
  /** Give up (SESSION_NOT_FOUND is the server's answer after its own timeout) after this long; 10 minutes by default. */
  readonly maxWaitMs?: number;
}

const enc = encodeURIComponent;

function invalid(message: string, cause?: unknown): never {
  throw new RpClientError('INVALID_ARGUMENT', message, { cause });
}

function readTrust(trusted: string | readonly Uint8Array[]): TrustStore {
  let ders: Uint8Array[];
  try {
    ders = typeof trusted === 'string' ? decodePem(trusted, 'CERTIFICATE') : [...trusted];
  } catch (cause) {
    invalid('trustedCertificates is not a PEM bundle of certificates.', cause);
  }
  const anchors: Uint8Array[] = [];
  const intermediates: Uint8Array[] = [];
  for (const der of ders) {
    let selfSigned: boolean;
    try {
      const cert = new X509Certificate(der);
      selfSigned = cert.subject === cert.issuer && cert.checkIssued(cert);
    } catch (cause) {
      invalid('trustedCertificates holds something that is not a certificate.', cause);
    }
    (selfSigned ? anchors : intermediates).push(der);
  }
  if (anchors.length === 0) invalid('trustedCertificates holds no self-signed trust anchor.');
  return { anchors, intermediates };
}

function wireError(what: string, cause: unknown): never {
  if (cause instanceof ProtocolError) {
    throw new RpClientError(
      'MALFORMED_RESPONSE',
      `The server's answer to ${what} is malformed: ${cause.message}`,
      {
        cause,
      },
    );
  }
  throw cause;
}

function interactionsFor(
  list: readonly Interaction[],
  flow: 'deviceLink' | 'notification' | 'linkedNotification',
) {
  try {
    return encodeInteractions(list, flow);
  } catch (cause) {
    const issues = cause instanceof ProtocolError ? cause.issues.map((i) => i.detail).join('; ') : '';
    invalid(`The interactions break the RP API rules${issues ? `: ${issues}` : ''}.`, cause);
  }
}

function addresseePath(target: Addressee): string {
  if ('semanticsIdentifier' in target) return `etsi/${enc(target.semanticsIdentifier)}`;
  if ('documentNumber' in target) return `document/${enc(target.documentNumber)}`;
  return invalid('A session is addressed by semanticsIdentifier or documentNumber.');
}

function sessionTypeOf(session: DeviceLinkSession): DeviceLinkSessionType {
  return session.kind === 'authentication' ? 'auth' : session.kind === 'signature' ? 'sign' : 'cert';
}

function checkDigest(toSign: DigestToSign): { digest: string; signatureAlgorithm: SignatureAlgorithm } {
  if (
    !(toSign.digest instanceof Uint8Array) ||
    toSign.digest.length !== hashOctetLength(toSign.hashAlgorithm)
  ) {
    invalid(
      `The digest must be the ${hashOctetLength(toSign.hashAlgorithm)} bytes of a ${toSign.hashAlgorithm} hash.`,
    );
  }
  return {
    digest: encodeBase64(toSign.digest),
    signatureAlgorithm: toSign.signatureAlgorithm ?? 'rsassa-pss',
  };
}

function signatureParameters(toSign: DigestToSign) {
  const { digest, signatureAlgorithm } = checkDigest(toSign);
  return signatureAlgorithm === 'rsassa-pss'
    ? { digest, signatureAlgorithm, signatureAlgorithmParameters: { hashAlgorithm: toSign.hashAlgorithm } }
    : { digest, signatureAlgorithm };
}

function optional<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * A relying party's client of a Tessera (or any Smart-ID-compatible) identity server: starts every v3 flow and
 * v2 authentication, builds device links and QR codes, long-polls, and verifies every result against the
 * session's own request and the configured trust before returning it. Sessions are plain data.
 */
export function createRpClient(options: RpClientOptions) {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch (cause) {
    invalid('baseUrl is not an absolute URL.', cause);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') invalid('baseUrl must be an http(s) URL.');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(options.relyingPartyUUID)) {
    invalid('relyingPartyUUID is not a UUID.');
  }
  if (options.relyingPartyName === '') invalid('relyingPartyName is empty.');
  const pollTimeoutMs = options.pollTimeoutMs ?? 30_000;
  if (!Number.isInteger(pollTimeoutMs) || pollTimeoutMs < 1000 || pollTimeoutMs > 120_000) {
    invalid('pollTimeoutMs must be a whole number of milliseconds from 1000 to 120000.');
  }
  const transport: RpApiTransport = {
    baseUrl: base.href.replace(/\/+$/, ''),
    fetch: options.fetch ?? globalThis.fetch,
    requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
  };
  const trust = readTrust(options.trustedCertificates);
  const schemeName = options.schemeName ?? DEFAULT_SCHEME_NAME;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? systemRandom;
  const hashAlgorithm = options.hashAlgorithm ?? 'SHA-512';
  const rp = { relyingPartyUUID: options.relyingPartyUUID, relyingPartyName: options.relyingPartyName };
  const certificates = () => ({
    trust,
    policies: options.certificatePolicies ?? SMART_ID_CERTIFICATE_POLICIES,
    ocsp: options.ocsp ?? null,
    now: now(),
    fetch: transport.fetch,
    random,
    requestTimeoutMs: transport.requestTimeoutMs,
  });

  const post = (path: string, body: object, signal?: AbortSignal) =>
    callRpApi(transport, { method: 'POST', path, body, ...(signal ? { signal } : {}) });

  async function startDeviceLink(
    path: string,
    body: object,
  ): Promise<DeviceLinkMaterial & { sessionID: string }> {
    const answer = await post(path, body);
    const receivedAt = now().getTime();
    try {
      return { ...validateDeviceLinkSessionResponse(answer), receivedAt };
    } catch (cause) {
      wireError(path, cause);
    }
  }

  async function startNotification(path: string, body: object): Promise<string> {
    const answer = await post(path, body);
    try {
      return validateNotificationSessionResponse(answer).sessionID;
    } catch (cause) {
      wireError(path, cause);
    }
  }

  const deviceLinkFlows = (initialCallbackUrl: string | undefined): FlowType[] =>
    initialCallbackUrl === undefined ? ['QR'] : ['QR', 'Web2App', 'App2App'];

  function authContext(session: DeviceLinkSession): AuthCodeContext {
    const common = {
      schemeName,
      relyingPartyName: session.request.relyingPartyName,
      initialCallbackUrl: session.request.initialCallbackUrl,
    };
    switch (session.kind) {
      case 'authentication':
        return {
          ...common,
          sessionType: 'auth',
          rpChallenge: session.request.signatureProtocolParameters.rpChallenge,
          interactions: session.request.interactions,
        };
      case 'signature':
        return {
          ...common,
          sessionType: 'sign',
          digest: session.request.signatureProtocolParameters.digest,
          interactions: session.request.interactions,
        };
      case 'certificate-choice':
        return { ...common, sessionType: 'cert' };
    }
  }

  const client = {
    /** Device-link authentication (endpoints 1–3): anonymous unless a target is given; QR, and Web2App/App2App with a callback URL. */
    async startDeviceLinkAuthentication(
      start: CommonStart & {
        readonly interactions: readonly Interaction[];
        readonly initialCallbackUrl?: string;
        readonly target?: Addressee;
        readonly certificateLevel?: AuthenticationCertificateLevel;
      },
    ): Promise<Extract<RpSession, { kind: 'authentication'; flow: 'device-link' }>> {
      const request = {
        ...rp,
        ...optional({
          initialCallbackUrl: start.initialCallbackUrl,
          certificateLevel: start.certificateLevel,
          requestProperties: start.requestProperties,
          capabilities: start.capabilities,
        }),
        signatureProtocol: 'ACSP_V2' as const,
        signatureProtocolParameters: {
          rpChallenge: generateRpChallenge(random),
          signatureAlgorithm: 'rsassa-pss' as const,
          signatureAlgorithmParameters: { hashAlgorithm },
        },
        interactions: interactionsFor(start.interactions, 'deviceLink'),
      };
      const path = `/v3/authentication/device-link/${start.target === undefined ? 'anonymous' : addresseePath(start.target)}`;
      const material = await startDeviceLink(path, request);
      return {
        api: 'v3',
        kind: 'authentication',
        flow: 'device-link',
        target: start.target ?? { anonymous: true },
        offeredFlowTypes: deviceLinkFlows(start.initialCallbackUrl),
        request,
        ...material,
      };
    },

    /** Notification authentication (endpoints 4–5); show `verificationCode` to the person. */
    async startNotificationAuthentication(
      start: CommonStart & {
        readonly target: Addressee;
        readonly interactions: readonly Interaction[];
        readonly certificateLevel?: AuthenticationCertificateLevel;
      },
    ): Promise<Extract<RpSession, { kind: 'authentication'; flow: 'notification'; api: 'v3' }>> {
      const rpChallenge = generateRpChallenge(random);
      const request = {
        ...rp,
        ...optional({
          certificateLevel: start.certificateLevel,
          requestProperties: start.requestProperties,
          capabilities: start.capabilities,
        }),
        signatureProtocol: 'ACSP_V2' as const,
        signatureProtocolParameters: {
          rpChallenge,
          signatureAlgorithm: 'rsassa-pss' as const,
          signatureAlgorithmParameters: { hashAlgorithm },
        },
        interactions: interactionsFor(start.interactions, 'notification'),
        vcType: 'numeric4' as const,
      };
      const sessionID = await startNotification(
        `/v3/authentication/notification/${addresseePath(start.target)}`,
        request,
      );
      return {
        api: 'v3',
        kind: 'authentication',
        flow: 'notification',
        target: start.target,
        offeredFlowTypes: ['Notification'],
        request,
        sessionID,
        verificationCode: computeAuthenticationVerificationCode(rpChallenge),
      };
    },

    /** Device-link signing (endpoints 6–7) of a digest, by the person or the account. */
    async startDeviceLinkSignature(
      start: CommonStart &
        DigestToSign & {
          readonly target: Addressee;
          readonly interactions: readonly Interaction[];
          readonly initialCallbackUrl?: string;
          readonly certificateLevel?: SigningCertificateLevel;
          readonly nonce?: string;
        },
    ): Promise<Extract<RpSession, { kind: 'signature'; flow: 'device-link' }>> {
      const request = {
        ...rp,
        ...optional({
          initialCallbackUrl: start.initialCallbackUrl,
          certificateLevel: start.certificateLevel,
          nonce: start.nonce,
          requestProperties: start.requestProperties,
          capabilities: start.capabilities,
        }),
        signatureProtocol: 'RAW_DIGEST_SIGNATURE' as const,
        signatureProtocolParameters: signatureParameters(start),
        interactions: interactionsFor(start.interactions, 'deviceLink'),
      };
      const material = await startDeviceLink(
        `/v3/signature/device-link/${addresseePath(start.target)}`,
        request,
      );
      return {
        api: 'v3',
        kind: 'signature',
        flow: 'device-link',
        target: start.target,
        offeredFlowTypes: deviceLinkFlows(start.initialCallbackUrl),
        request,
        ...material,
      };
    },

    /** Notification signing (endpoints 8–9); show the server's `verificationCode` to the person. */
    async startNotificationSignature(
      start: CommonStart &
        DigestToSign & {
          readonly target: Addressee;
          readonly interactions: readonly Interaction[];
          readonly certificateLevel?: SigningCertificateLevel;
          readonly nonce?: string;
        },
    ): Promise<Extract<RpSession, { kind: 'signature'; flow: 'notification' }>> {
      const request = {
        ...rp,
        ...optional({
          certificateLevel: start.certificateLevel,
          nonce: start.nonce,
          requestProperties: start.requestProperties,
          capabilities: start.capabilities,
        }),
        signatureProtocol: 'RAW_DIGEST_SIGNATURE' as const,
        signatureProtocolParameters: signatureParameters(start),
        interactions: interactionsFor(start.interactions, 'notification'),
      };
      const path = `/v3/signature/notification/${addresseePath(start.target)}`;
      const answer = await post(path, request);
      let response: ReturnType<typeof validateNotificationSignatureSessionResponse>;
      try {
        response = validateNotificationSignatureSessionResponse(answer);
      } catch (cause) {
        wireError(path, cause);
      }
      return {
        api: 'v3',
        kind: 'signature',
        flow: 'notification',
        target: start.target,
        offeredFlowTypes: ['Notification'],
        request,
        sessionID: response.sessionID,
        verificationCode: response.vc.value,
      };
    },

    /**
     * The signature linked to a completed device-link certificate choice (endpoint 10): start it at once; the app
     * waits for it and signs without a verification code, in the certificate choice's flow.
     */
    async startLinkedNotificationSignature(
      start: CommonStart &
        DigestToSign & {
          readonly certificateChoice: {
            readonly session: Extract<RpSession, { kind: 'certificate-choice'; flow: 'device-link' }>;
            readonly outcome: CertificateChoice;
          };
          readonly interactions: readonly Interaction[];
          readonly certificateLevel?: SigningCertificateLevel;
          readonly nonce?: string;
        },
    ): Promise<Extract<RpSession, { kind: 'signature'; flow: 'linked' }>> {
      const { session: choice, outcome } = start.certificateChoice;
      const request = {
        ...rp,
        ...optional({
          certificateLevel: start.certificateLevel ?? choice.request.certificateLevel,
          nonce: start.nonce,
          requestProperties: start.requestProperties,
          capabilities: start.capabilities,
        }),
        signatureProtocol: 'RAW_DIGEST_SIGNATURE' as const,
        signatureProtocolParameters: signatureParameters(start),
        linkedSessionID: choice.sessionID,
        interactions: interactionsFor(start.interactions, 'linkedNotification'),
      };
      const sessionID = await startNotification(
        `/v3/signature/notification/linked/${enc(outcome.documentNumber)}`,
        request,
      );
      return {
        api: 'v3',
        kind: 'signature',
        flow: 'linked',
        target: { documentNumber: outcome.documentNumber },
        offeredFlowTypes: [outcome.flowType],
        request,
        sessionID,
      };
    },

    /** Device-link certificate choice (endpoint 12): anyone scanning chooses an account; follow with a linked signature. */
    async startDeviceLinkCertificateChoice(
      start: CommonStart & {
        readonly initialCallbackUrl?: string;
        readonly certificateLevel?: SigningCertificateLevel;
        readonly nonce?: string;
      } = {},
    ): Promise<Extract<RpSession, { kind: 'certificate-choice'; flow: 'device-link' }>> {
      const request = {
        ...rp,
        ...optional({
          initialCallbackUrl: start.initialCallbackUrl,
          certificateLevel: start.certificateLevel,
          nonce: start.nonce,
          requestProperties: start.requestProperties,
          capabilities: start.capabilities,
        }),
      };
      const material = await startDeviceLink(
        '/v3/signature/certificate-choice/device-link/anonymous',
        request,
      );
      return {
        api: 'v3',
        kind: 'certificate-choice',
        flow: 'device-link',
        target: { anonymous: true },
        offeredFlowTypes: deviceLinkFlows(start.initialCallbackUrl),
        request,
        ...material,
      };
    },

    /** Notification certificate choice by semantics identifier (endpoint 13). */
    async startNotificationCertificateChoice(
      start: CommonStart & {
        readonly semanticsIdentifier: string;
        readonly certificateLevel?: SigningCertificateLevel;
        readonly nonce?: string;
      },
    ): Promise<Extract<RpSession, { kind: 'certificate-choice'; flow: 'notification' }>> {
      const request = {
        ...rp,
        ...optional({
          certificateLevel: start.certificateLevel,
          nonce: start.nonce,
          requestProperties: start.requestProperties,
          capabilities: start.capabilities,
        }),
      };
      const target = { semanticsIdentifier: start.semanticsIdentifier };
      const sessionID = await startNotification(
        `/v3/signature/certificate-choice/notification/${addresseePath(target)}`,
        request,
      );
      return {
        api: 'v3',
        kind: 'certificate-choice',
        flow: 'notification',
        target,
        offeredFlowTypes: ['Notification'],
        request,
        sessionID,
      };
    },

    /**
     * The signing certificate of a known account (endpoint 11), synchronous and checked like any other; an
     * unusable document is a refusal, as data.
     */
    async getSigningCertificate(start: {
      readonly documentNumber: string;
      readonly certificateLevel?: SigningCertificateLevel;
    }): Promise<SessionOutcome<Omit<CertificateChoice, 'flowType'>>> {
      const request = { ...rp, ...optional({ certificateLevel: start.certificateLevel }) };
      const path = `/v3/signature/certificate/${enc(start.documentNumber)}`;
      const answer = await post(path, request);
      let response: ReturnType<typeof validateCertificateResponse>;
      try {
        response = validateCertificateResponse(answer);
      } catch (cause) {
        wireError(path, cause);
      }
      if (response.state !== 'OK') {
        return {
          endResult: 'DOCUMENT_UNUSABLE',
          actor: 'account',
          message: 'The account cannot be used; the person should open the app.',
        };
      }
      const checked = await checkCertificate(response.cert, {
        ...certificates(),
        purpose: 'signing',
        requestedLevel: start.certificateLevel ?? 'QUALIFIED',
      });
      if (checked.contents.documentNumber !== start.documentNumber) {
        throw new RpClientError(
          'RESPONSE_REJECTED',
          'The certificate is not for the document number asked for.',
        );
      }
      return {
        endResult: 'OK',
        documentNumber: start.documentNumber,
        identity: checked.identity,
        certificate: checked.certificate,
      };
    },

    /** v2 authentication by semantics identifier or document number (spec §8); show `verificationCode`. */
    async startV2Authentication(start: {
      readonly target: Addressee;
      readonly allowedInteractionsOrder: readonly V2Interaction[];
      readonly hashType?: V2HashType;
      readonly certificateLevel?: AuthenticationCertificateLevel;
      readonly nonce?: string;
      readonly requestProperties?: RequestProperties;
      readonly capabilities?: string[];
    }): Promise<Extract<RpSession, { api: 'v2' }>> {
      const hashType = start.hashType ?? 'SHA512';
      if (!(hashType in V2_HASH_TYPES)) invalid('hashType is SHA256, SHA384 or SHA512.');
      const nodeHash = { SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512' }[hashType];
      const hash = encodeBase64(createHash(nodeHash).update(random(64)).digest());
      const request = {
        ...rp,
        ...optional({
          certificateLevel: start.certificateLevel,
          nonce: start.nonce,
          requestProperties: start.requestProperties,
          capabilities: start.capabilities,
        }),
        hash,
        hashType,
        allowedInteractionsOrder: [...start.allowedInteractionsOrder],
      };
      const path = `/v2/authentication/${addresseePath(start.target)}`;
      const answer = await post(path, request);
      let sessionID: string;
      try {
        sessionID = validateNotificationSessionResponse(answer).sessionID;
      } catch (cause) {
        wireError(path, cause);
      }
      return {
        api: 'v2',
        kind: 'authentication',
        flow: 'notification',
        target: start.target,
        offeredFlowTypes: ['Notification'],
        request,
        sessionID,
        verificationCode: computeV2VerificationCode(hash),
      };
    },

    /** The Web2App or App2App link of a device-link session, for a button on the same device. */
    deviceLink(
      session: DeviceLinkSession,
      type: 'Web2App' | 'App2App',
      link: { lang?: string } = {},
    ): string {
      if (session.request.initialCallbackUrl === undefined) {
        invalid('Same-device links need a session started with an initialCallbackUrl.');
      }
      return buildDeviceLink(
        {
          deviceLinkBase: session.deviceLinkBase,
          deviceLinkType: type,
          sessionToken: session.sessionToken,
          sessionType: sessionTypeOf(session),
          lang: link.lang ?? 'eng',
        },
        authContext(session),
        session.sessionSecret,
      );
    },

    /** The QR link of a device-link session as of now: rebuild it every second (its `elapsedSeconds` changes). */
    qrCodeLink(session: DeviceLinkSession, link: { lang?: string; at?: Date } = {}): string {
      const elapsedSeconds = Math.max(
        0,
        Math.floor(((link.at ?? now()).getTime() - session.receivedAt) / 1000),
      );
      return buildDeviceLink(
        {
          deviceLinkBase: session.deviceLinkBase,
          deviceLinkType: 'QR',
          elapsedSeconds,
          sessionToken: session.sessionToken,
          sessionType: sessionTypeOf(session),
          lang: link.lang ?? 'eng',
        },
        authContext(session),
        session.sessionSecret,
      );
    },

    /** The QR code of `qrCodeLink` as a standalone SVG image; regenerate it every second. */
    qrCodeSvg(session: DeviceLinkSession, link: { lang?: string; at?: Date } = {}): string {
      return renderQrCodeSvg(encodeQrCode(client.qrCodeLink(session, link)));
    },

    /**
     * One long poll of the session's status (endpoint 14 or the v2 one): `RUNNING`, or the verified outcome. A
     * session the server no longer knows throws `SESSION_NOT_FOUND`.
     */
    async pollOutcome<S extends RpSession>(
      session: S,
      poll: { signal?: AbortSignal; callbackUrl?: string | URL; timeoutMs?: number } = {},
    ): Promise<{ state: 'RUNNING' } | { state: 'COMPLETE'; outcome: OutcomeOf<S> }> {
      const timeoutMs = poll.timeoutMs ?? pollTimeoutMs;
      const path = `/${session.api}/session/${enc(session.sessionID)}?timeoutMs=${timeoutMs}`;
      const answer = await callRpApi(transport, {
        method: 'GET',
        path,
        timeoutMs: timeoutMs + transport.requestTimeoutMs,
        ...(poll.signal ? { signal: poll.signal } : {}),
      });
      let status: CompleteSessionStatus | V2CompleteSessionStatus | { state: 'RUNNING' };
      try {
        status =
          session.api === 'v2'
            ? validateV2SessionStatusResponse(answer)
            : validateSessionStatusResponse(answer);
      } catch (cause) {
        wireError(path, cause);
      }
      if (status.state === 'RUNNING') return { state: 'RUNNING' };
      const outcome = await verifySessionOutcome(session, status as never, {
        schemeName,
        certificates: certificates(),
        callbackUrl: poll.callbackUrl,
      });
      return { state: 'COMPLETE', outcome };
    },

    /** Long-polls until the session completes and returns its verified outcome. Abort with `signal`. */
    async awaitOutcome<S extends RpSession>(session: S, wait: AwaitOptions = {}): Promise<OutcomeOf<S>> {
      const deadline = now().getTime() + (wait.maxWaitMs ?? 600_000);
      while (now().getTime() < deadline) {
        wait.signal?.throwIfAborted();
        const timeoutMs = Math.max(1000, Math.min(pollTimeoutMs, deadline - now().getTime()));
        const polled = await client.pollOutcome(session, { ...wait, timeoutMs });
        if (polled.state === 'COMPLETE') return polled.outcome;
      }
      throw new RpClientError('SERVER_ERROR', `The session ${session.sessionID} did not complete in time.`);
    },

    /**
     * Checks the callback URL of a Web2App/App2App flow before polling, e.g. in the callback endpoint: the URL is
     * the session's own and carries its sessionSecretDigest. (`awaitOutcome` with `callbackUrl` also checks the
     * authentication's userChallengeVerifier.)
     */
    verifyCallback(session: DeviceLinkSession, callbackUrl: string | URL): void {
      verifyCallbackUrl({
        received: callbackUrl,
        initialCallbackUrl:
          session.request.initialCallbackUrl ??
          invalid('The session was started without an initialCallbackUrl.'),
        sessionSecret: session.sessionSecret,
      });
    },
  };
  return client;
}

/** The client `createRpClient` returns. */
export type RpClient = ReturnType<typeof createRpClient>;

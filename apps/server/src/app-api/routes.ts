/**
 * The app API (docs/protocol.md, "App API"): what a device (the app or the headless device) does against the
 * identity server. Every request but `serverInfo` is signed by the device key and replay-protected; bodies are
 * checked by their schema, refusals are RFC 9457 problems.
 */
import {
  acceptNotificationTransaction,
  chooseVerificationCode,
  completeTransaction,
  deleteDeviceAccount,
  listDeviceAccounts,
  listDeviceTransactions,
  openDeviceLink,
  type RpSession,
  recheckIntervalMs,
  refuseTransaction,
  replaySignatureOutcome,
  type SignatureOutcome,
} from '@tessera/core';
import { decodeBase64url, openEnvelope } from '@tessera/crypto/node';
import {
  type AccountsResponse,
  buildAppEnvelopeAssociatedData,
  type ChooseCodeResponse,
  computeSessionSecretDigest,
  decodePartialSignaturePlaintext,
  type EnrolmentRequest,
  type EnrolmentResponse,
  type InteractionType,
  type PendingTransactions,
  type PendingTransactionsResponse,
  type PushSubscriptionRequest,
  type ServerInfoResponse,
  type SubmitSignatureResponse,
  type TakeTransactionResponse,
} from '@tessera/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { type Static, Type } from 'typebox';
import { unpairChannel } from '../companion/unpair-channel.js';
import { longPollSignal } from '../graceful-close.js';
import { HttpError } from '../http-error.js';
import type { AppApiDeps, AppApiSettings } from './app-api-deps.js';
import { authenticateDevice } from './authenticate-device.js';
import { deviceWakeKey } from './create-device-notifier.js';
import { digestPending, NOTHING_PENDING } from './digest-pending.js';
import { enrolFromRequest } from './enrol-from-request.js';
import { readPushSubscription } from './read-push-subscription.js';
import { toAccountSummary } from './to-account-summary.js';
import { toSubmitSignatureResponse } from './to-submit-signature-response.js';
import { toTransactionView } from './to-transaction-view.js';

/** Options of the app API plugin. */
export interface AppApiRoutesOptions {
  readonly deps: AppApiDeps;
  readonly settings: AppApiSettings;
}

const Base64url = (maxLength: number) =>
  Type.String({ pattern: '^[A-Za-z0-9_-]+$', minLength: 1, maxLength });
const Purpose = Type.Union([Type.Literal('authentication'), Type.Literal('signing')]);
const InteractionName = Type.Union([
  Type.Literal('displayTextAndPIN'),
  Type.Literal('verificationCodeChoice'),
  Type.Literal('confirmationMessage'),
  Type.Literal('confirmationMessageAndVerificationCodeChoice'),
]);

const EnrolmentBody = Type.Object({
  deviceId: Type.String({ minLength: 1, maxLength: 64 }),
  devicePublicKeyJwk: Type.Object({}, { additionalProperties: true }),
  identity: Type.Object({
    semanticsIdentifier: Type.String({ minLength: 1, maxLength: 64 }),
    givenName: Type.String({ minLength: 1, maxLength: 100 }),
    surname: Type.String({ minLength: 1, maxLength: 100 }),
    dateOfBirth: Type.Union([Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }), Type.Null()]),
    country: Type.String({ pattern: '^[A-Z]{2}$' }),
    level: Type.Union([Type.Literal('QUALIFIED'), Type.Literal('ADVANCED')]),
  }),
  keys: Type.Array(
    Type.Object({
      purpose: Purpose,
      modulus: Base64url(700),
      publicExponent: Base64url(12),
      certificationRequest: Base64url(8000),
      sealedServerShare: Base64url(4000),
    }),
    { minItems: 2, maxItems: 2 },
  ),
});

const TakeBody = {
  documentNumber: Type.String({ minLength: 1, maxLength: 80 }),
  userChallenge: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }),
  supportedInteractions: Type.Array(InteractionName, { minItems: 1, maxItems: 4, uniqueItems: true }),
};
const OpenDeviceLinkBody = Type.Object({
  deviceLink: Type.String({ minLength: 1, maxLength: 4000 }),
  ...TakeBody,
});
const SubmitSignatureBody = Type.Object({
  keyId: Type.String({ minLength: 1, maxLength: 200 }),
  sealedPartialSignature: Base64url(4000),
});
const RefuseBody = Type.Object({
  screen: Type.Union([
    Type.Literal('DISPLAYTEXT_AND_PIN'),
    Type.Literal('CONFIRMATIONMESSAGE'),
    Type.Literal('VERIFICATION_CODE_CHOICE'),
    Type.Literal('DEVICE_CHOICE'),
  ]),
});
const AcceptBody = Type.Object(TakeBody);
const ChooseCodeBody = Type.Object({ verificationCode: Type.String({ pattern: '^[0-9]{4}$' }) });
const PendingQuery = Type.Object({
  waitMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 120_000 })),
  seen: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
});
const TransactionParams = Type.Object({ transactionId: Type.String({ minLength: 1, maxLength: 100 }) });
const AccountParams = Type.Object({ documentNumber: Type.String({ minLength: 1, maxLength: 80 }) });
// The shape only; readPushSubscription checks the URL and the keys (expirationTime and the like are ignored).
const PushSubscriptionBody = Type.Object({
  endpoint: Type.String({ minLength: 1, maxLength: 2048 }),
  keys: Type.Object({
    p256dh: Type.String({ minLength: 1, maxLength: 200 }),
    auth: Type.String({ minLength: 1, maxLength: 200 }),
  }),
});

const doc = (summary: string, extra: Record<string, unknown> = {}) => ({
  tags: ['app-api'],
  summary,
  ...extra,
});

/** The app API endpoints under /app/v1. */
export const appApiRoutes: FastifyPluginAsync<AppApiRoutesOptions> = async (app, { deps, settings }) => {
  // JSON bodies are kept as received: the device signature covers their exact bytes.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    (request as typeof request & { rawBody?: Buffer }).rawBody = body as Buffer;
    try {
      done(null, (body as Buffer).length === 0 ? undefined : JSON.parse((body as Buffer).toString('utf8')));
    } catch {
      done(new HttpError(400, 'MALFORMED_JSON', 'The body is not valid JSON.'), undefined);
    }
  });

  /** The certificate choice a linked signature follows, if it is one. */
  async function linkedSessionOf(session: RpSession): Promise<RpSession | undefined> {
    const linkedId = (session.request as { linkedSessionID?: string }).linkedSessionID;
    return linkedId === undefined ? undefined : deps.sessions.get(linkedId);
  }

  /** The device's pending work: offers (targeted notification sessions not taken yet) and its transactions. */
  async function describePending(deviceId: string): Promise<PendingTransactionsResponse> {
    const { sessions, documentNumbers: mine } = await listDeviceTransactions(deps, { deviceId });
    const pending: PendingTransactions = { offers: [], transactions: [] };
    for (const session of sessions) {
      if (session.transaction !== null) {
        pending.transactions.push(
          toTransactionView(session, settings.schemeName, await linkedSessionOf(session)),
        );
      } else {
        pending.offers.push({
          transactionId: session.id,
          kind: session.kind,
          rpName: session.relyingPartyName,
          documentNumbers: (session.target?.documentNumbers ?? []).filter((d) => mine.has(d)),
          expiresAt: new Date(session.expiresAt).toISOString(),
        });
      }
    }
    return { ...pending, digest: digestPending(pending) };
  }

  /** The session of a transaction this device may act on, and the account of the device that holds it. */
  async function ownTransaction(deviceId: string, transactionId: string) {
    const session = await deps.sessions.get(transactionId);
    const t = session?.transaction;
    const account = t == null ? undefined : await deps.accounts.get(t.documentNumber);
    if (session === undefined || account === undefined || account.deviceId !== deviceId) {
      throw new HttpError(404, 'TRANSACTION_NOT_FOUND', 'This device has no such transaction.');
    }
    return { session, account };
  }

  app.get(
    '/app/v1/server',
    { schema: doc('What a device needs before enrolling: the envelope key and the scheme name.') },
    async (): Promise<ServerInfoResponse> => ({
      envelopePublicKeyJwk: deps.secrets.envelopePublicKeyJwk,
      schemeName: settings.schemeName,
      sandbox: settings.sandbox,
      ...(deps.push === undefined ? {} : { webPushPublicKey: deps.push.publicKey }),
    }),
  );

  /** Web Push as configured, or a 404 problem when the server sends none. */
  function requirePush() {
    if (deps.push === undefined) {
      throw new HttpError(404, 'WEB_PUSH_NOT_CONFIGURED', 'This server sends no Web Push.');
    }
    return deps.push;
  }

  app.put<{ Body: Static<typeof PushSubscriptionBody> }>(
    '/app/v1/push-subscription',
    {
      schema: doc(
        'Register the device’s Web Push subscription (replacing its last): the server pushes when transactions wait.',
        { body: PushSubscriptionBody },
      ),
    },
    async (request, reply) => {
      const deviceId = await authenticateDevice(deps, request);
      const push = requirePush();
      const { endpoint, keys } = readPushSubscription(request.body as PushSubscriptionRequest, {
        allowLoopbackHttp: settings.allowLoopbackHttpPush,
      });
      await push.store.putSubscription({ deviceId, endpoint, keys, createdAt: deps.clock.now() });
      return reply.status(204).send();
    },
  );

  app.delete(
    '/app/v1/push-subscription',
    { schema: doc('Forget the device’s Web Push subscription; the server no longer pushes to it.') },
    async (request, reply) => {
      const deviceId = await authenticateDevice(deps, request);
      await requirePush().store.deleteSubscription(deviceId);
      return reply.status(204).send();
    },
  );

  app.post<{ Body: Static<typeof EnrolmentBody> }>(
    '/app/v1/enrolments',
    {
      schema: doc(
        'Enrol a declared identity (sandbox only): register the device, both split keys, and get both certificates.',
        { body: EnrolmentBody },
      ),
    },
    async (request): Promise<EnrolmentResponse> => {
      const body = request.body;
      if (!settings.sandbox) {
        throw new HttpError(
          403,
          'IDENTITY_PROOFING_REQUIRED',
          'Declared identities are accepted in the sandbox only.',
        );
      }
      const deviceId = await authenticateDevice(deps, request, body.devicePublicKeyJwk as JsonWebKey);
      if (deviceId !== body.deviceId) {
        throw new HttpError(
          400,
          'DEVICE_ID_MISMATCH',
          'The body names another device than the request signature.',
        );
      }
      return enrolFromRequest(deps, {
        deviceId,
        request: body as EnrolmentRequest,
        allowedModulusBits: settings.allowedModulusBits,
      });
    },
  );

  app.get(
    '/app/v1/accounts',
    { schema: doc("The device's accounts with each key's PIN lock (locked until when, attempts left).") },
    async (request): Promise<AccountsResponse> => {
      const deviceId = await authenticateDevice(deps, request);
      const now = deps.clock.now();
      const accounts = await listDeviceAccounts(deps, deviceId);
      return {
        accounts: await Promise.all(
          accounts.map(async (account) => {
            const keys = await Promise.all(
              [account.authenticationKeyId, account.signingKeyId].map((id) => deps.keys.get(id)),
            );
            return toAccountSummary(
              account,
              keys.filter((k) => k !== undefined),
              now,
            );
          }),
        ),
      };
    },
  );

  app.delete<{ Params: Static<typeof AccountParams> }>(
    '/app/v1/accounts/:documentNumber',
    {
      schema: doc('Delete one of the device’s accounts; its certificates are revoked.', {
        params: AccountParams,
      }),
    },
    async (request, reply) => {
      const deviceId = await authenticateDevice(deps, request);
      await deleteDeviceAccount(deps, { deviceId, documentNumber: request.params.documentNumber });
      // A phone without an account has nothing for a watch to confirm: its companion channels go too.
      const companions = deps.companions;
      if (companions !== undefined) {
        const left = await listDeviceAccounts(deps, deviceId);
        if (left.length === 0) {
          for (const channel of await companions.listByPhoneDevice(deviceId)) {
            await unpairChannel({ ...deps, companions }, channel.id);
          }
        }
      }
      return reply.status(204).send();
    },
  );

  app.post<{ Body: Static<typeof OpenDeviceLinkBody> }>(
    '/app/v1/device-links',
    {
      schema: doc('Open a device link (QR, Web2App, App2App) with one of the device’s accounts.', {
        body: OpenDeviceLinkBody,
      }),
    },
    async (request): Promise<TakeTransactionResponse> => {
      const deviceId = await authenticateDevice(deps, request);
      const { deviceLink, documentNumber, userChallenge, supportedInteractions } = request.body;
      const account = await deps.accounts.get(documentNumber);
      if (account?.deviceId !== deviceId) {
        throw new HttpError(404, 'ACCOUNT_NOT_FOUND', 'The device has no such account.');
      }
      const opened = await openDeviceLink(
        { ...deps, schemeName: settings.schemeName, deviceLinkBase: settings.deviceLinkBase },
        {
          link: deviceLink,
          deviceId,
          documentNumber,
          userChallenge,
          supportedInteractions: supportedInteractions as InteractionType[],
        },
      );
      if (opened.outcome === 'CERTIFICATE_CHOSEN') return { transaction: null, certificateChosen: true };
      if (opened.outcome !== 'TRANSACTION') return { transaction: null };
      const { session } = opened;
      return { transaction: toTransactionView(session, settings.schemeName, await linkedSessionOf(session)) };
    },
  );

  app.get<{ Querystring: Static<typeof PendingQuery> }>(
    '/app/v1/transactions',
    {
      schema: doc(
        'What waits for this device: notification offers to take and transactions it took. A long poll with waitMs.',
        { querystring: PendingQuery },
      ),
    },
    async (request, reply): Promise<PendingTransactionsResponse> => {
      const deviceId = await authenticateDevice(deps, request);
      const closed = longPollSignal(request, reply);
      const deadline = Date.now() + (request.query.waitMs ?? 0);
      const seen = request.query.seen ?? NOTHING_PENDING;
      for (;;) {
        const pending = await describePending(deviceId);
        const left = deadline - Date.now();
        if (pending.digest !== seen || left <= 0 || closed.aborted) return pending;
        // Woken by a new offer for this device (DEVICE_WAKE_KEY), or looks again each second (less often when
        // thousands of polls are parked): an offer taken elsewhere or a transaction ended shows within it.
        const recheck = recheckIntervalMs(deps.waiter.parked);
        await deps.waiter.wait(deviceWakeKey(deviceId), Math.min(left, recheck), closed);
      }
    },
  );

  app.post<{ Params: Static<typeof TransactionParams>; Body: Static<typeof AcceptBody> }>(
    '/app/v1/transactions/:transactionId/acceptance',
    {
      schema: doc('Take a notification offer with one of the device’s accounts (the device choice).', {
        params: TransactionParams,
        body: AcceptBody,
      }),
    },
    async (request): Promise<TakeTransactionResponse> => {
      const deviceId = await authenticateDevice(deps, request);
      const { documentNumber, userChallenge, supportedInteractions } = request.body;
      const opened = await acceptNotificationTransaction(
        { ...deps, schemeName: settings.schemeName },
        {
          sessionId: request.params.transactionId,
          deviceId,
          documentNumber,
          userChallenge,
          supportedInteractions: supportedInteractions as InteractionType[],
        },
      );
      if (opened.outcome === 'CERTIFICATE_CHOSEN') return { transaction: null, certificateChosen: true };
      if (opened.outcome !== 'TRANSACTION') return { transaction: null };
      const { session } = opened;
      return { transaction: toTransactionView(session, settings.schemeName, await linkedSessionOf(session)) };
    },
  );

  app.post<{ Params: Static<typeof TransactionParams>; Body: Static<typeof ChooseCodeBody> }>(
    '/app/v1/transactions/:transactionId/code-choice',
    {
      schema: doc(
        'The verification code the person chose of the three; a wrong one ends the session WRONG_VC.',
        {
          params: TransactionParams,
          body: ChooseCodeBody,
        },
      ),
    },
    async (request): Promise<ChooseCodeResponse> => {
      const deviceId = await authenticateDevice(deps, request);
      await ownTransaction(deviceId, request.params.transactionId);
      const session = await chooseVerificationCode(deps, {
        sessionId: request.params.transactionId,
        deviceId,
        verificationCode: request.body.verificationCode,
      });
      return { result: session.result?.endResult === 'WRONG_VC' ? 'WRONG_VC' : 'OK' };
    },
  );

  app.get<{ Params: Static<typeof TransactionParams> }>(
    '/app/v1/transactions/:transactionId',
    {
      schema: doc('One transaction this device took, as it shows and signs it.', {
        params: TransactionParams,
      }),
    },
    async (request) => {
      const deviceId = await authenticateDevice(deps, request);
      const { session } = await ownTransaction(deviceId, request.params.transactionId);
      return toTransactionView(session, settings.schemeName, await linkedSessionOf(session));
    },
  );

  app.post<{ Params: Static<typeof TransactionParams>; Body: Static<typeof SubmitSignatureBody> }>(
    '/app/v1/transactions/:transactionId/signature',
    {
      schema: doc(
        'Submit the sealed partial signature with the clone token; answers OK, WRONG_PIN, LOCKED, …',
        {
          params: TransactionParams,
          body: SubmitSignatureBody,
        },
      ),
    },
    async (request): Promise<SubmitSignatureResponse> => {
      const deviceId = await authenticateDevice(deps, request);
      const { transactionId } = request.params;
      const { session, account } = await ownTransaction(deviceId, transactionId);
      const transaction = session.transaction!;
      if (transaction.keyId !== request.body.keyId) {
        throw new HttpError(400, 'KEY_MISMATCH', 'The transaction is for another key.');
      }
      const sealed = decodeBase64url(request.body.sealedPartialSignature);
      const plaintext = await openEnvelope({
        recipient: deps.secrets.envelopeKey,
        envelope: sealed,
        associatedData: buildAppEnvelopeAssociatedData({
          kind: 'partial-signature',
          deviceId,
          transactionId,
          keyId: transaction.keyId,
        }),
      });
      const { partialSignature, cloneToken } = decodePartialSignaturePlaintext(plaintext);
      plaintext.fill(0);
      let outcome: SignatureOutcome;
      if (session.state !== 'RUNNING' || deps.clock.now() >= session.expiresAt) {
        partialSignature.fill(0);
        // The identical retry of an answered request (its answer was lost) gets that answer again, even now.
        const replayed = await replaySignatureOutcome(deps, {
          keyId: transaction.keyId,
          presentedToken: cloneToken,
          requestBytes: sealed,
        });
        if (replayed === undefined) return { result: 'EXPIRED' };
        outcome = replayed;
      } else {
        outcome = await completeTransaction(
          { ...deps, vault: deps.secrets.vault },
          {
            session,
            holder: account,
            partialSignature,
            presentedToken: cloneToken,
            requestBytes: sealed,
            deviceIpAddress: request.ip,
          },
        );
        partialSignature.fill(0);
        deps.metrics?.countSignature(outcome);
      }
      const answer = toSubmitSignatureResponse(outcome);
      const sameDevice = transaction.flowType === 'Web2App' || transaction.flowType === 'App2App';
      if (answer.result !== 'OK' || !sameDevice) return answer;
      // A linked signature returns to the RP with the certificate choice's secret and callback (spec §4.4, §5.2).
      const callbackSession = (await linkedSessionOf(session)) ?? session;
      return { ...answer, sessionSecretDigest: computeSessionSecretDigest(callbackSession.sessionSecret) };
    },
  );

  app.post<{ Params: Static<typeof TransactionParams>; Body: Static<typeof RefuseBody> }>(
    '/app/v1/transactions/:transactionId/refusal',
    {
      schema: doc('Refuse a transaction, naming the screen the person refused on.', {
        params: TransactionParams,
        body: RefuseBody,
      }),
    },
    async (request, reply) => {
      const deviceId = await authenticateDevice(deps, request);
      // Not taken yet (a notification offer on the device-choice screen), or taken by this device.
      const session = await deps.sessions.get(request.params.transactionId);
      const holder =
        session?.transaction == null
          ? undefined
          : await deps.accounts.get(session.transaction.documentNumber);
      if (session === undefined || (holder !== undefined && holder.deviceId !== deviceId)) {
        throw new HttpError(404, 'TRANSACTION_NOT_FOUND', 'This device has no such transaction.');
      }
      await refuseTransaction(deps, {
        deviceId,
        sessionId: request.params.transactionId,
        screen: request.body.screen,
      });
      return reply.status(204).send();
    },
  );
};

import {
  type DeviceContext,
  fetchAccountStates,
  fetchPendingTransactions,
  listAccounts,
  refuseTransaction,
  serveCompanion,
  takeTransaction,
  unpairCompanion,
} from '@tessera/device';
import type {
  AccountSummary,
  PendingTransactions,
  TransactionOffer,
  TransactionView,
} from '@tessera/protocol';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { readRecord, writeRecord } from '../platform/browser-vault.js';
import { strings } from '../strings.js';
import { Logo } from '../ui/logo.js';
import { Screen } from '../ui/screen.js';
import { AccountScreen } from './account-screen.js';
import { describeError, problemCodeOf } from './describe-error.js';
import { DeviceChoiceScreen } from './device-choice-screen.js';
import { HomeScreen } from './home-screen.js';
import { type LinkProblem, LinkProblemScreen } from './link-problem-screen.js';
import { NotificationsSetting } from './notifications-setting.js';
import { RegistrationScreen } from './registration-screen.js';
import { ResultScreen } from './result-screen.js';
import { ScanScreen } from './scan-screen.js';
import { fromCompanionOutcome, type TransactionOutcome } from './transaction-outcome.js';
import { TransactionScreen } from './transaction-screen.js';
import { WatchPairingScreen } from './watch-pairing-screen.js';

/** Where the phone app is. */
type View =
  | { name: 'loading' }
  | { name: 'welcome' }
  | { name: 'register' }
  | { name: 'home' }
  | { name: 'scan' }
  | { name: 'account'; documentNumber: string }
  | { name: 'choose-account'; target: { deviceLink: string } | TransactionOffer }
  | { name: 'opening' }
  | { name: 'transaction'; view: TransactionView; userChallengeVerifier?: string }
  | { name: 'result'; outcome: TransactionOutcome }
  | { name: 'link-problem'; problem: LinkProblem }
  | { name: 'pair-watch' };

const LINK_PROBLEMS: Record<string, LinkProblem> = {
  MALFORMED_DEVICE_LINK: 'INVALID',
  DEVICE_LINK_MISMATCH: 'INVALID',
  SESSION_NOT_FOUND: 'INVALID',
  DEVICE_LINK_NOT_FRESH: 'EXPIRED',
  SESSION_NOT_OPEN: 'EXPIRED',
};

const LONG_POLL_MS = 25_000;
const INTERRUPTIBLE_BY_ARRIVAL = new Set<View['name']>(['home', 'welcome']);
const INTERRUPTIBLE_BY_REFRESH = new Set<View['name']>([
  'home',
  'welcome',
  'account',
  'scan',
  'result',
  'link-problem',
]);
/** The accounts as the server last described them, kept to show the home screen offline. */
const KNOWN_ACCOUNTS = 'known-accounts';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The phone app: registration, the accounts, requests arriving (long poll while open, Web Push in the
 * background, and a manual refresh by tapping the logo), QR codes and device links, and each transaction to
 * its end. `initialLink` is the device link this page was opened with (`/device-link?…`), if any.
 */
export function PhoneApp({
  context,
  sandbox,
  webPushPublicKey,
  initialLink,
}: {
  context: DeviceContext;
  sandbox: boolean;
  /** The server's Web Push key; absent when it has none (or could not be reached at start). */
  webPushPublicKey: string | undefined;
  initialLink: string | null;
}) {
  const [view, setView] = useState<View>({ name: 'loading' });
  const [accounts, setAccounts] = useState<AccountSummary[]>([]);
  const [offers, setOffers] = useState<TransactionOffer[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [watchPaired, setWatchPaired] = useState(false);
  const servingWatch = useRef(false);
  servingWatch.current = watchPaired;
  const [now, setNow] = useState(Date.now());
  const settled = useRef(new Set<string>());
  const current = useRef(view);
  current.current = view;

  const refreshAccounts = useCallback(async (): Promise<number> => {
    const local = await listAccounts(context);
    if (local.length === 0) {
      setAccounts([]);
      return 0;
    }
    try {
      const states = await fetchAccountStates(context);
      setNow(Date.now());
      setAccounts(states);
      await writeRecord(KNOWN_ACCOUNTS, states);
    } catch (error) {
      // Offline (or the server is down): the accounts as last seen, with what went wrong.
      const known = (await readRecord<AccountSummary[]>(KNOWN_ACCOUNTS)) ?? [];
      setAccounts(known.filter((a) => local.some((l) => l.documentNumber === a.documentNumber)));
      setNotice(describeError(error));
    }
    return local.length;
  }, [context]);

  const goHome = useCallback(async () => {
    const count = await refreshAccounts();
    setView(count === 0 ? { name: 'welcome' } : { name: 'home' });
  }, [refreshAccounts]);

  const take = useCallback(
    async (target: { deviceLink: string } | TransactionOffer, documentNumber?: string) => {
      setView({ name: 'opening' });
      try {
        const taken = await takeTransaction(
          context,
          'deviceLink' in target
            ? target
            : { transactionId: target.transactionId, documentNumbers: target.documentNumbers },
          documentNumber === undefined ? {} : { documentNumber },
        );
        if (taken.certificateChosen) {
          const rpName = 'rpName' in target ? target.rpName : strings.appName;
          return setView({ name: 'result', outcome: { kind: 'CERTIFICATE_CHOSEN', rpName } });
        }
        if (taken.view === null) return setView({ name: 'result', outcome: { kind: 'UNSUPPORTED' } });
        setView({
          name: 'transaction',
          view: taken.view,
          userChallengeVerifier: taken.userChallengeVerifier,
        });
      } catch (error) {
        const code = problemCodeOf(error);
        if ('deviceLink' in target && code !== undefined && LINK_PROBLEMS[code] !== undefined) {
          return setView({ name: 'link-problem', problem: LINK_PROBLEMS[code] });
        }
        if (code === 'SESSION_NOT_OPEN' || code === 'SESSION_NOT_FOUND') {
          return setView({ name: 'result', outcome: { kind: 'GONE' } });
        }
        setView({ name: 'result', outcome: { kind: 'ERROR', message: describeError(error) } });
      }
    },
    [context],
  );

  /** Opens a device link: the account choice first when several accounts could answer. */
  const openLink = useCallback(
    async (deviceLink: string) => {
      const local = await listAccounts(context);
      if (local.length === 0) return setView({ name: 'link-problem', problem: 'OUTSIDE_APP' });
      if (local.length > 1) {
        await refreshAccounts();
        return setView({ name: 'choose-account', target: { deviceLink } });
      }
      await take({ deviceLink });
    },
    [context, take, refreshAccounts],
  );

  /**
   * What the server has pending: a taken transaction opens, an offer opens (or asks which account). What arrives
   * by itself opens only over the home screen; what the person asked for (the logo) opens over any screen that
   * is not in the middle of something.
   */
  const handlePending = useCallback(
    (received: PendingTransactions, asked: boolean): PendingTransactions => {
      // A request the person has already ended here (a key locked, say, keeps it running until it expires) is
      // not offered again.
      const fresh = <T extends { transactionId: string }>(list: T[]) =>
        list.filter((t) => !settled.current.has(t.transactionId));
      const pending = { offers: fresh(received.offers), transactions: fresh(received.transactions) };
      setOffers(pending.offers);
      const open = asked ? INTERRUPTIBLE_BY_REFRESH : INTERRUPTIBLE_BY_ARRIVAL;
      if (!open.has(current.current.name)) return pending;
      // With a watch paired, what arrives by itself goes to the watch; the phone lists it to open here too.
      if (!asked && servingWatch.current) return pending;
      const taken = pending.transactions[0];
      const offer = pending.offers[0];
      if (taken !== undefined) setView({ name: 'transaction', view: taken });
      else if (offer !== undefined && offer.documentNumbers.length > 1)
        setView({ name: 'choose-account', target: offer });
      else if (offer !== undefined) void take(offer);
      return pending;
    },
    [take],
  );

  /** The manual refresh (tap the logo), and what a push message or the service worker asks for. */
  const refresh = useCallback(async () => {
    if ((await listAccounts(context)).length === 0) return;
    setRefreshing(true);
    setNotice(null);
    try {
      const pending = handlePending(await fetchPendingTransactions(context), true);
      if (pending.offers.length + pending.transactions.length === 0) setNotice(strings.nothingPending);
      await refreshAccounts();
    } catch (error) {
      setNotice(describeError(error));
    } finally {
      setRefreshing(false);
    }
  }, [context, handlePending, refreshAccounts]);

  useEffect(() => {
    void context.vault.load().then((data) => setWatchPaired(data?.companion !== undefined));
    if (initialLink !== null) {
      // The link is answered once: a reload of the page does not open it again.
      globalThis.history.replaceState(null, '', '/');
      void openLink(initialLink);
    } else {
      void goHome();
    }
    const onMessage = (event: MessageEvent) => {
      if ((event.data as { type?: string } | null)?.type === 'transactions-pending') void refresh();
    };
    navigator.serviceWorker?.addEventListener('message', onMessage);
    const clock = setInterval(() => setNow(Date.now()), 15_000);
    return () => {
      navigator.serviceWorker?.removeEventListener('message', onMessage);
      clearInterval(clock);
    };
  }, []);

  // While the app is open on its home screen, a long poll brings requests at once.
  const polling = view.name === 'home';
  useEffect(() => {
    if (!polling) return;
    let stopped = false;
    // What the last answer held: what it sent and was not opened here (a request already ended here, or one
    // that goes to the paired watch) is not sent again until something changes.
    let seen: string | undefined;
    void (async () => {
      while (!stopped) {
        if (document.visibilityState !== 'visible') {
          await sleep(1000);
          continue;
        }
        try {
          const received = await fetchPendingTransactions(context, {
            waitMs: LONG_POLL_MS,
            ...(seen === undefined ? {} : { seen }),
          });
          if (stopped) break;
          seen = received.digest;
          handlePending(received, false);
        } catch {
          await sleep(5000);
        }
      }
    })();
    return () => {
      stopped = true;
    };
  }, [polling, context, handlePending]);

  // A paired watch is served while the app runs: it hears of requests, and what it answers the phone completes.
  useEffect(() => {
    if (!watchPaired) return;
    const stop = new AbortController();
    void serveCompanion(context, {
      signal: stop.signal,
      onEvent: (event) => {
        if (event.type === 'unpaired') {
          setWatchPaired(false);
          setNotice(strings.watchPairing.unpaired);
        }
        if (event.type !== 'outcome') return;
        const { outcome, transactionId } = event;
        const goesOn = outcome.result === 'wrong-pin' || outcome.result === 'failed';
        if (goesOn) return;
        // Answered on the watch: the phone no longer lists it, and its own screen of it shows how it ended.
        settled.current.add(transactionId);
        setOffers((listed) => listed.filter((offer) => offer.transactionId !== transactionId));
        const here = current.current;
        if (here.name === 'transaction' && here.view.transactionId === transactionId) {
          const { keyPurpose, rpName } = here.view;
          endTransaction(fromCompanionOutcome(outcome, keyPurpose, rpName));
        }
      },
    }).catch((error: unknown) => setNotice(describeError(error)));
    return () => stop.abort();
  }, [watchPaired, context]);

  const endTransaction = (outcome: TransactionOutcome) => {
    setView({ name: 'result', outcome });
    void refreshAccounts();
  };

  return (
    <div class="app phone">
      <header class="bar">
        <button
          type="button"
          class="logo"
          onClick={() => void refresh()}
          aria-label={strings.refreshHint}
          disabled={refreshing}
        >
          <Logo />
          <span>{strings.appName}</span>
        </button>
      </header>
      {sandbox && <p class="sandbox-banner">{strings.sandboxBanner}</p>}
      <main>
        {notice !== null && view.name !== 'transaction' && (
          <p role="status" class="notice">
            {notice}
          </p>
        )}
        {refreshing && (
          <p role="status" class="progress">
            {strings.refreshing}
          </p>
        )}
        {renderView()}
      </main>
    </div>
  );

  function renderView() {
    switch (view.name) {
      case 'loading':
      case 'opening':
        return (
          <p role="status" class="progress">
            {view.name === 'opening' ? strings.link.opening : strings.working}
          </p>
        );
      case 'welcome':
        return (
          <Screen title={strings.welcome.title} name="welcome">
            <p>{strings.welcome.body}</p>
            <button type="button" class="primary" onClick={() => setView({ name: 'register' })}>
              {strings.welcome.register}
            </button>
          </Screen>
        );
      case 'register':
        return (
          <RegistrationScreen
            context={context}
            onDone={(message) => {
              setNotice(message);
              void goHome();
            }}
            onCancel={accounts.length === 0 ? null : () => void goHome()}
          />
        );
      case 'home':
        return (
          <HomeScreen
            accounts={accounts}
            offers={offers}
            now={now}
            onOpenAccount={(documentNumber) => setView({ name: 'account', documentNumber })}
            onOpenOffer={(offer) =>
              offer.documentNumbers.length > 1
                ? setView({ name: 'choose-account', target: offer })
                : void take(offer)
            }
            onScan={() => setView({ name: 'scan' })}
            onAddAccount={() => setView({ name: 'register' })}
          >
            <NotificationsSetting context={context} webPushPublicKey={webPushPublicKey} />
            {watchPaired ? (
              <p class="setting" data-testid="watch">
                <span>{strings.watchPairing.pairedNote}</span>
                <button
                  type="button"
                  class="link"
                  onClick={() =>
                    unpairCompanion(context).then(
                      () => {
                        setWatchPaired(false);
                        setNotice(strings.watchPairing.unpaired);
                      },
                      (error: unknown) => setNotice(describeError(error)),
                    )
                  }
                >
                  {strings.watchPairing.unpair}
                </button>
              </p>
            ) : (
              <button type="button" class="secondary" onClick={() => setView({ name: 'pair-watch' })}>
                {strings.watchPairing.pairWatch}
              </button>
            )}
          </HomeScreen>
        );
      case 'scan':
        return <ScanScreen onLink={(link) => void openLink(link)} onCancel={() => void goHome()} />;
      case 'account': {
        const account = accounts.find((a) => a.documentNumber === view.documentNumber);
        if (account === undefined) return null;
        return (
          <AccountScreen
            context={context}
            account={account}
            onDeleted={(message) => {
              setNotice(message);
              void goHome();
            }}
            onBack={() => void goHome()}
          />
        );
      }
      case 'choose-account': {
        const target = view.target;
        const offer =
          'deviceLink' in target
            ? { rpName: '', documentNumbers: accounts.map((a) => a.documentNumber) }
            : target;
        return (
          <DeviceChoiceScreen
            offer={offer}
            accounts={accounts}
            onChoose={(documentNumber) => void take(target, documentNumber)}
            onRefuse={() => {
              if ('deviceLink' in target) return void goHome();
              refuseTransaction(context, target.transactionId, 'DEVICE_CHOICE').then(
                () => setView({ name: 'result', outcome: { kind: 'REFUSED' } }),
                (error: unknown) =>
                  setView({ name: 'result', outcome: { kind: 'ERROR', message: describeError(error) } }),
              );
            }}
          />
        );
      }
      case 'transaction':
        return (
          <TransactionScreen
            key={view.view.transactionId}
            context={context}
            view={view.view}
            {...(view.userChallengeVerifier === undefined
              ? {}
              : { userChallengeVerifier: view.userChallengeVerifier })}
            onEnd={(outcome) => {
              settled.current.add(view.view.transactionId);
              endTransaction(outcome);
            }}
          />
        );
      case 'pair-watch':
        return (
          <WatchPairingScreen
            context={context}
            onPaired={() => {
              setWatchPaired(true);
              setNotice(strings.watchPairing.paired);
              void goHome();
            }}
            onCancel={() => void goHome()}
          />
        );
      case 'result':
        return <ResultScreen outcome={view.outcome} onClose={() => void goHome()} />;
      case 'link-problem':
        return (
          <LinkProblemScreen
            problem={view.problem}
            onAddAccount={() => setView({ name: 'register' })}
            onHome={() => void goHome()}
          />
        );
    }
  }
}

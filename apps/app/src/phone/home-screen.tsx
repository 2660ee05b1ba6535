import type { AccountSummary, TransactionOffer } from '@tessera/protocol';
import type { ComponentChildren } from 'preact';
import { formatDate, formatDateTime, formatTimeLeft, strings } from '../strings.js';
import { Screen } from '../ui/screen.js';

const t = strings.home;

function pinLocks(account: AccountSummary, now: number): string[] {
  return account.keys.flatMap((key) => {
    const pin = key.purpose === 'authentication' ? 'PIN1' : 'PIN2';
    if (key.lock.state === 'PERMANENTLY_LOCKED') return [t.pinLockedForGood(pin)];
    if (key.lock.state === 'LOCKED' && key.lock.lockedUntil !== null) {
      return [
        t.pinLocked(pin, formatTimeLeft(key.lock.lockedUntil, now), formatDateTime(key.lock.lockedUntil)),
      ];
    }
    return [];
  });
}

/** The accounts with their holder, level, expiry and lock state; the requests waiting; what to do next; settings. */
export function HomeScreen({
  accounts,
  offers,
  now,
  onOpenAccount,
  onOpenOffer,
  onScan,
  onAddAccount,
  children,
}: {
  accounts: AccountSummary[];
  offers: TransactionOffer[];
  now: number;
  onOpenAccount: (documentNumber: string) => void;
  onOpenOffer: (offer: TransactionOffer) => void;
  onScan: () => void;
  onAddAccount: () => void;
  /** The settings shown under the actions (notifications, the watch). */
  children?: ComponentChildren;
}) {
  return (
    <Screen title={t.title} name="home">
      {offers.length > 0 && (
        <section aria-labelledby="pending-title" class="pending">
          <h2 id="pending-title">{t.pending}</h2>
          <ul class="list">
            {offers.map((offer) => (
              <li key={offer.transactionId}>
                <button type="button" class="card offer" onClick={() => onOpenOffer(offer)}>
                  {t.offer(offer.rpName, offer.kind)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ul class="list accounts">
        {accounts.map((account) => (
          <li key={account.documentNumber}>
            <button
              type="button"
              class="card account"
              data-testid="account"
              onClick={() => onOpenAccount(account.documentNumber)}
            >
              <span class="holder">
                {account.givenName} {account.surname}
              </span>
              <span class="level">{strings.register.levels[account.level]}</span>
              <span class="valid-to">{t.validTo(formatDate(account.validTo))}</span>
              <span class={`state state-${account.state.toLowerCase()}`}>
                {t.accountState(t.states[account.state])}
              </span>
              {pinLocks(account, now).map((line) => (
                <span key={line} class="lock" data-testid="lock">
                  {line}
                </span>
              ))}
            </button>
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" class="primary" onClick={onScan}>
          {t.scan}
        </button>
        <button type="button" class="secondary" onClick={onAddAccount}>
          {t.addAccount}
        </button>
      </div>
      {children}
      <p class="note">{strings.refreshHint}</p>
    </Screen>
  );
}

import { type DeviceContext, deleteAccount } from '@tessera/device';
import type { AccountSummary } from '@tessera/protocol';
import { useState } from 'preact/hooks';
import { formatDate, strings } from '../strings.js';
import { Screen } from '../ui/screen.js';
import { describeError } from './describe-error.js';

const t = strings.account;

/** One account's details, and deleting it from the app (its certificates are revoked), after a confirmation. */
export function AccountScreen({
  context,
  account,
  onDeleted,
  onBack,
}: {
  context: DeviceContext;
  account: AccountSummary;
  onDeleted: (message: string) => void;
  onBack: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const remove = () => {
    setBusy(true);
    deleteAccount(context, account.documentNumber).then(
      () => onDeleted(t.deleted),
      (error: unknown) => {
        setBusy(false);
        setProblem(describeError(error));
      },
    );
  };
  return (
    <Screen title={`${account.givenName} ${account.surname}`} name="account">
      <dl class="details">
        <dt>{t.identifier}</dt>
        <dd>{account.semanticsIdentifier}</dd>
        <dt>{t.documentNumber}</dt>
        <dd>{account.documentNumber}</dd>
        <dt>{t.level}</dt>
        <dd>{strings.register.levels[account.level]}</dd>
        <dt>{strings.home.accountState(strings.home.states[account.state])}</dt>
        <dd>{strings.home.validTo(formatDate(account.validTo))}</dd>
      </dl>
      {problem !== null && (
        <p role="alert" class="problem">
          {problem}
        </p>
      )}
      {confirming ? (
        <div role="alertdialog" aria-labelledby="delete-confirm" class="confirm">
          <p id="delete-confirm">{t.deleteConfirm}</p>
          <button type="button" class="danger" disabled={busy} onClick={remove}>
            {t.deleteYes}
          </button>
          <button type="button" class="secondary" disabled={busy} onClick={() => setConfirming(false)}>
            {strings.cancel}
          </button>
        </div>
      ) : (
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          {t.delete}
        </button>
      )}
      <button type="button" class="secondary" onClick={onBack}>
        {strings.back}
      </button>
    </Screen>
  );
}

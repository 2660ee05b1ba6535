import type { AccountSummary, TransactionOffer } from '@tessera/protocol';
import { strings } from '../strings.js';
import { Screen } from '../ui/screen.js';

/** The device choice: which of this app's accounts answers a request, or "it was not me". */
export function DeviceChoiceScreen({
  offer,
  accounts,
  onChoose,
  onRefuse,
}: {
  offer: Pick<TransactionOffer, 'rpName' | 'documentNumbers'>;
  accounts: AccountSummary[];
  onChoose: (documentNumber: string) => void;
  onRefuse: () => void;
}) {
  const named = offer.documentNumbers.map(
    (documentNumber) => accounts.find((a) => a.documentNumber === documentNumber) ?? { documentNumber },
  );
  return (
    <Screen title={strings.deviceChoice.title} name="device-choice">
      <p>
        {offer.rpName === '' ? strings.deviceChoice.bodyForLink : strings.deviceChoice.body(offer.rpName)}
      </p>
      <ul class="list">
        {named.map((account) => (
          <li key={account.documentNumber}>
            <button type="button" class="card" onClick={() => onChoose(account.documentNumber)}>
              {'givenName' in account ? `${account.givenName} ${account.surname}` : account.documentNumber}
              <span class="note">{account.documentNumber}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="secondary" onClick={onRefuse}>
        {strings.deviceChoice.notMe}
      </button>
    </Screen>
  );
}

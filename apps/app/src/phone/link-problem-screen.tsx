import { strings } from '../strings.js';
import { Screen } from '../ui/screen.js';

/** Why a device link was not opened: this browser has no Tessera account, or the link is invalid or expired. */
export type LinkProblem = 'OUTSIDE_APP' | 'INVALID' | 'EXPIRED';

const t = strings.link;

/** The fallback page of a device link that cannot be answered here, with what to do instead. */
export function LinkProblemScreen({
  problem,
  onAddAccount,
  onHome,
}: {
  problem: LinkProblem;
  onAddAccount: () => void;
  onHome: () => void;
}) {
  if (problem === 'OUTSIDE_APP') {
    return (
      <Screen title={t.outsideTitle} name="link-outside-app">
        <p>{t.outsideBody}</p>
        <ol>
          {t.outsideSteps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <button type="button" class="secondary" onClick={onAddAccount}>
          {strings.welcome.register}
        </button>
      </Screen>
    );
  }
  return (
    <Screen
      title={problem === 'EXPIRED' ? t.expiredTitle : t.invalidTitle}
      name={`link-${problem.toLowerCase()}`}
    >
      <p role="alert">{problem === 'EXPIRED' ? t.expired : t.invalid}</p>
      <button type="button" class="primary" onClick={onHome}>
        {strings.close}
      </button>
    </Screen>
  );
}

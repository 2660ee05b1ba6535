import { type CompanionPairing, type DeviceContext, startCompanionPairing } from '@tessera/device';
import { useEffect, useRef, useState } from 'preact/hooks';
import { strings } from '../strings.js';
import { Screen } from '../ui/screen.js';
import { describeError } from './describe-error.js';

const t = strings.watchPairing;

type Step =
  | { name: 'starting' }
  | { name: 'code'; pairingCode: string }
  | { name: 'compare'; pairingCode: string; sas: string }
  | { name: 'confirming'; sas: string }
  | { name: 'failed'; message: string };

/**
 * Pairs a watch with this phone: shows the code to type on the watch, then the check code both must show
 * (a server in the middle would make them differ), and keeps the channel once the person confirmed on both.
 */
export function WatchPairingScreen({
  context,
  onPaired,
  onCancel,
}: {
  context: DeviceContext;
  onPaired: () => void;
  onCancel: () => void;
}) {
  const [step, setStep] = useState<Step>({ name: 'starting' });
  const pairing = useRef<CompanionPairing | null>(null);
  const stop = useRef(new AbortController());

  useEffect(() => {
    const { signal } = stop.current;
    void (async () => {
      try {
        const started = await startCompanionPairing(context);
        pairing.current = started;
        setStep({ name: 'code', pairingCode: started.pairingCode });
        const { sas } = await started.awaitWatch({ signal });
        setStep({ name: 'compare', pairingCode: started.pairingCode, sas });
      } catch (error) {
        if (!signal.aborted) setStep({ name: 'failed', message: describeError(error) });
      }
    })();
    return () => stop.current.abort();
  }, [context]);

  const confirm = async (sas: string) => {
    setStep({ name: 'confirming', sas });
    try {
      await pairing.current?.confirm({ signal: stop.current.signal });
      onPaired();
    } catch (error) {
      setStep({ name: 'failed', message: describeError(error) });
    }
  };

  const cancel = () => {
    stop.current.abort();
    void pairing.current?.reject().catch(() => {});
    onCancel();
  };

  return (
    <Screen title={t.title} name={`watch-pairing-${step.name}`}>
      {step.name === 'starting' && (
        <p role="status" class="progress">
          {strings.working}
        </p>
      )}
      {step.name === 'code' && (
        <>
          <p>{t.intro}</p>
          <p class="pairing-code" data-testid="pairing-code">
            {step.pairingCode}
          </p>
          <p role="status" class="progress">
            {t.waiting}
          </p>
        </>
      )}
      {(step.name === 'compare' || step.name === 'confirming') && (
        <>
          <p>{t.compare}</p>
          <p class="pairing-code" data-testid="sas">
            {step.sas}
          </p>
          {step.name === 'compare' ? (
            <button type="button" class="primary" onClick={() => void confirm(step.sas)}>
              {t.confirm}
            </button>
          ) : (
            <p role="status" class="progress">
              {t.waitingWatch}
            </p>
          )}
        </>
      )}
      {step.name === 'failed' && (
        <p role="alert" class="problem">
          {step.message}
        </p>
      )}
      <button type="button" class="secondary" onClick={cancel}>
        {step.name === 'compare' ? t.mismatch : strings.cancel}
      </button>
    </Screen>
  );
}

import { describe, expect, it } from 'vitest';
import {
  createTwoPartyDemoContext,
  type TwoPartyDemoOptions,
  twoPartyDemoSteps,
} from '../src/commands/two-party-demo.js';

const options: TwoPartyDemoOptions = {
  profile: 'test-2048',
  pin: '24680',
  wrongPin: '13579',
  message: 'Hello from Tessera',
};

async function runAll(opts: TwoPartyDemoOptions) {
  const ctx = createTwoPartyDemoContext(opts);
  const lines: string[] = [];
  for (const step of twoPartyDemoSteps) lines.push(await step.run(ctx));
  return { ctx, lines };
}

describe('the two-party demo', () => {
  it('signs with the right PIN, has node:crypto verify it, and has the server count a wrong PIN', async () => {
    const { ctx, lines } = await runAll(options);
    expect(ctx.verifiedByNodeCrypto).toBe(true);
    expect(ctx.signature).toHaveLength(256);
    expect(ctx.wrongPinOutcome).toBe('PIN_OR_SHARE_MISMATCH');
    expect(ctx.lock.wrongAttempts).toBe(1);
    expect(ctx.attemptsLeftBeforeLock).toBe(2);
    expect(lines.join('\n')).toContain('2048-bit modulus');
  });

  it('fails its wrong-PIN step when the "wrong" PIN is the right one', async () => {
    await expect(runAll({ ...options, wrongPin: options.pin })).rejects.toThrow(
      'The server accepted a wrong PIN.',
    );
  });

  it('never shows the PIN, the shares or the partial signature in its output', async () => {
    const { ctx, lines } = await runAll(options);
    const output = lines.join('\n');
    expect(output).not.toContain(options.pin);
    expect(output).not.toContain(options.wrongPin);
    expect(output).not.toContain(ctx.serverShare!.toString(16).slice(0, 12));
  });
});

/**
 * Random and mutated request bodies for robustness tests: a seeded generator (the same bodies every run), junk
 * values of every JSON kind, and a mutation that deletes a field, replaces it with junk, mutates inside it, or
 * adds an unknown one.
 */

/** Values of every JSON kind and awkward size. */
export const JUNK: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  '',
  'x'.repeat(5000),
  [],
  {},
  [1, 'a'],
  { a: { b: null } },
  '\u0000',
  'ü',
];

/** A seeded generator of body variants. */
export function createBodyMutator(seed: number) {
  let state = seed;
  const rand = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
  const junk = () => JUNK[rand(JUNK.length)];
  const mutate = (value: Record<string, unknown>): Record<string, unknown> => {
    const out = structuredClone(value);
    const keys = Object.keys(out);
    const k = keys[rand(keys.length)] ?? 'empty';
    switch (rand(4)) {
      case 0:
        delete out[k];
        break;
      case 1:
        out[k] = junk();
        break;
      case 2:
        if (out[k] && typeof out[k] === 'object' && !Array.isArray(out[k])) {
          out[k] = mutate(out[k] as Record<string, unknown>);
        } else if (Array.isArray(out[k]) && (out[k] as unknown[]).length > 0) {
          const list = out[k] as unknown[];
          const i = rand(list.length);
          list[i] =
            list[i] && typeof list[i] === 'object' ? mutate(list[i] as Record<string, unknown>) : junk();
        } else out[k] = junk();
        break;
      default:
        out[`unknown${rand(1000)}`] = junk();
    }
    return out;
  };
  /**
   * The i-th test body from a valid `body`: every tenth a truncated JSON text, every tenth+1 plain junk, the rest
   * the valid body mutated twice.
   */
  const variant = (i: number, body: Record<string, unknown>): unknown => {
    if (i % 10 === 0) {
      const text = JSON.stringify(body);
      return text.slice(0, rand(text.length));
    }
    if (i % 10 === 1) return junk();
    return mutate(mutate(body));
  };
  return { rand, mutate, variant };
}

import type { CliIo } from '../../src/cli-io.js';

/** A CliIo that keeps what a command writes, with the given environment and no progress display. */
export function capturedIo(env: Record<string, string>): CliIo & { out: string; err: string } {
  const captured = {
    out: '',
    err: '',
    env,
    progress: 'silent' as const,
    write(text: string) {
      captured.out += text;
    },
    writeError(text: string) {
      captured.err += text;
    },
  };
  return captured;
}

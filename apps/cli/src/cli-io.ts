/** What a command reads and writes: injected, so commands run the same in the terminal and in tests. */
export interface CliIo {
  /** The environment the server configuration is read from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  write(text: string): void;
  writeError(text: string): void;
  /** How multi-step progress is shown: animated in a terminal, plain lines otherwise, or not at all. */
  readonly progress: 'default' | 'simple' | 'silent';
}

/** The real process: environment, stdout, stderr. */
export const processIo: CliIo = {
  env: process.env,
  write: (text) => process.stdout.write(text),
  writeError: (text) => process.stderr.write(text),
  progress: process.stdout.isTTY ? 'default' : 'simple',
};

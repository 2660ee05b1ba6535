/** What a command reads and writes: injected, so commands run the same in the terminal and in tests. */
export interface CliIo {
  /** The environment the server configuration is read from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  write(text: string): void;
  writeError(text: string): void;
  /** How multi-step progress is shown: animated in a terminal, plain lines otherwise, or not at all. */
  readonly progress: 'default' | 'simple' | 'silent';
  /** Asks for a secret (a PIN) without echoing it; absent when there is no terminal to ask in. */
  readonly askSecret?: (question: string) => Promise<string>;
}

/** Reads one line from the terminal without echoing it. */
async function askSecretInTerminal(question: string): Promise<string> {
  process.stdout.write(question);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  try {
    let answer = '';
    for await (const chunk of stdin) {
      for (const char of String(chunk)) {
        if (char === '\u0003') throw new Error('Cancelled.');
        if (char === '\r' || char === '\n') return answer;
        answer = char === '\u007f' ? answer.slice(0, -1) : answer + char;
      }
    }
    return answer;
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stdout.write('\n');
  }
}

/** The real process: environment, stdout, stderr. */
export const processIo: CliIo = {
  env: process.env,
  write: (text) => process.stdout.write(text),
  writeError: (text) => process.stderr.write(text),
  progress: process.stdout.isTTY ? 'default' : 'simple',
  ...(process.stdin.isTTY ? { askSecret: askSecretInTerminal } : {}),
};

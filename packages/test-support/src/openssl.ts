/** Runs the system `openssl` for interoperability tests, with files in a temporary directory and a timeout. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The result of one openssl run. */
export interface OpensslResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `openssl ...args` (10 s timeout); never throws for a non-zero exit. */
export function openssl(args: readonly string[], input?: Uint8Array): Promise<OpensslResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'openssl',
      [...args],
      { timeout: 10_000, encoding: 'latin1', maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
    if (input) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

/** A temporary directory for files openssl reads, removed by `cleanup()`. */
export function tempFiles(): { path(name: string, content?: string | Uint8Array): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-openssl-'));
  return {
    path(name, content) {
      const p = join(dir, name);
      if (content !== undefined) writeFileSync(p, content);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const RESULTS = new URL('../RESULTS.md', import.meta.url);

/** One line naming the machine a benchmark ran on. */
export function describeMachine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  let os = 'unknown OS';
  try {
    os = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os;
  } catch {}
  let openssl = '';
  try {
    openssl = `, ${execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim()} (CLI)`;
  } catch {}
  const gib = Math.round(totalmem() / 2 ** 30);
  return `${cpus().length} × ${cpu}, ${gib} GiB, ${os}, Node ${process.version} (OpenSSL ${process.versions.openssl})${openssl}`;
}

/**
 * Replaces the section of bench/RESULTS.md between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`
 * (appending it when absent), so each benchmark rewrites only its own figures.
 */
export function writeResultsSection(name: string, markdown: string): void {
  let text = '';
  try {
    text = readFileSync(RESULTS, 'utf8');
  } catch {
    text =
      '# Benchmark results\n\nEach section is written by its benchmark; the command that wrote it is in the section.\n';
  }
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const section = `${open}\n${markdown.trim()}\n${close}`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  text =
    start >= 0 && end > start
      ? text.slice(0, start) + section + text.slice(end + close.length)
      : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(RESULTS, text);
}

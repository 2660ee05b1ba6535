// Test-only: a completion thread for the pool's tests of a thread that stops. It completes nothing: it answers
// each request with an empty signature after `answerAfterMs`, and ends the thread (exit code 3) on a request whose
// completion says `stopThread`, without answering what it still holds.
import { parentPort } from 'node:worker_threads';

const answerAfterMs = 200;
parentPort.on('message', ({ id, completion }) => {
  if (completion.stopThread === true) process.exit(3);
  setTimeout(
    () => parentPort.postMessage({ id, result: { ok: true, signature: new Uint8Array(0) } }),
    answerAfterMs,
  );
});
parentPort.postMessage('ready');

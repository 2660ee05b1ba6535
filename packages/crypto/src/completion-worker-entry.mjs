// The entry of a completion worker thread. The packages are TypeScript run without a build step (ADR 0003),
// and a worker thread does not inherit the parent's module hooks, so it registers the TypeScript loader itself.
import { register } from 'tsx/esm/api';

register();
await import('./completion-worker.ts');

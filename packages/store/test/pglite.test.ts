import { openStore } from '../src/index.js';
import { describeStore } from './store-conformance.js';

describeStore('PGlite (embedded, in memory)', () => openStore());

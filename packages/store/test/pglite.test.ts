import { openStore } from '../src/index.js';
import { describeAccountKeyStore } from './account-key-store-conformance.js';

describeAccountKeyStore('PGlite (embedded, in memory)', () => openStore());

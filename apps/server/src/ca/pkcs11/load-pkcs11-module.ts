/**
 * Loading a PKCS#11 library. A library is initialised once per process (C_Initialize is process-wide), so
 * loaded modules are shared and reference-counted: the last release finalises it.
 */
import pkcs11js from 'pkcs11js';
import { CaError } from '../ca-error.js';

interface Loaded {
  readonly module: pkcs11js.PKCS11;
  refs: number;
}

const loaded = new Map<string, Loaded>();

/** A loaded, initialised PKCS#11 library and the way to give it back. */
export interface Pkcs11ModuleHandle {
  readonly module: pkcs11js.PKCS11;
  release(): void;
}

/** Loads and initialises the library at `path`, or shares the instance already loaded. */
export function loadPkcs11Module(path: string): Pkcs11ModuleHandle {
  let entry = loaded.get(path);
  if (entry === undefined) {
    const module = new pkcs11js.PKCS11();
    try {
      module.load(path);
    } catch (cause) {
      throw new CaError('HSM_MODULE_UNAVAILABLE', `The PKCS#11 library ${path} cannot be loaded.`, { cause });
    }
    try {
      module.C_Initialize();
    } catch (cause) {
      if (
        !(cause instanceof pkcs11js.Pkcs11Error && cause.code === pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED)
      ) {
        module.close();
        throw new CaError('HSM_MODULE_UNAVAILABLE', `The PKCS#11 library ${path} failed to initialise.`, {
          cause,
        });
      }
    }
    entry = { module, refs: 0 };
    loaded.set(path, entry);
  }
  entry.refs++;
  const current = entry;
  let released = false;
  return {
    module: current.module,
    release() {
      if (released) return;
      released = true;
      current.refs--;
      if (current.refs === 0) {
        loaded.delete(path);
        try {
          current.module.C_Finalize();
        } finally {
          current.module.close();
        }
      }
    },
  };
}

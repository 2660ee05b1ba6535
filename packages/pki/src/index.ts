/** @tessera/pki */
export {};

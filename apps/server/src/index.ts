/** @tessera/server */
export {};

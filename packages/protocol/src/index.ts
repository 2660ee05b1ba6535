/** @tessera/protocol */
export {};

/** The app API transport port: a fetch-like function and the server's base URL (no trailing slash). */
export interface AppApiTransport {
  baseUrl: string;
  fetch: (
    url: string,
    init: {
      method: string;
      headers: Record<string, string>;
      body?: Uint8Array<ArrayBuffer>;
      /** Aborts a long poll; a transport may ignore it. */
      signal?: AbortSignal;
    },
  ) => Promise<Response>;
}

/** The one HTTP client of the agent (axios): direct connections, keep-alive, HTTPS verified against a CA bundle. */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';

export interface HttpClientOptions {
  /** PEM text of the CA certificates HTTPS servers are verified against; Node's own roots when absent. */
  ca?: string;
  /** Milliseconds to wait for a connection and the response headers. */
  connectTimeoutMs?: number;
}

/**
 * An axios instance for content and status traffic. Verification is never disabled; proxies from the environment are
 * ignored (deployment sources are reached directly) and bodies are never decoded, so hashes see the bytes on the wire.
 */
export function createHttpClient(options: HttpClientOptions = {}): AxiosInstance {
  return axios.create({
    proxy: false,
    decompress: false,
    maxRedirects: 0,
    timeout: options.connectTimeoutMs ?? 30_000,
    headers: { 'Accept-Encoding': 'identity', 'User-Agent': 'taskseq' },
    httpAgent: new http.Agent({ keepAlive: true }),
    httpsAgent: new https.Agent({ keepAlive: true, rejectUnauthorized: true, ...(options.ca ? { ca: options.ca } : {}) }),
    validateStatus: () => true,
  });
}

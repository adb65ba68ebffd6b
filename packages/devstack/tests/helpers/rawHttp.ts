// Plain HTTP requests with exactly the headers given (Origin, Referer, User-Agent as a browser would send them).
import { request } from 'node:http';

/** What came back. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * Sends one request to an http:// URL with exactly `headers` (fetch would add or refuse some) and reads the answer.
 * @example await rawRequest(`${api}/append`, { method: 'POST', headers: { origin }, body: '{}' })
 */
export function rawRequest(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string | undefined },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method, headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

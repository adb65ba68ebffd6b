// Request bodies: content type, size, encoding and JSON syntax, each refused with its own status and code.

import { httpEvent } from '@footfall/testing';
import { readJsonBody } from '../../src/http';

const read = (body: string | Buffer, contentType: string | undefined, extra: Record<string, string> = {}) => {
  const event = httpEvent({
    method: 'POST',
    path: '/api/event',
    body,
    headers: { 'content-type': contentType, ...extra },
  });
  return readJsonBody(event, event.headers as Record<string, string>);
};

describe('readJsonBody', () => {
  it.each([
    'application/json',
    'text/plain',
    'text/plain;charset=UTF-8',
    'application/json; charset="utf-8"',
  ])('reads a JSON body sent as %s', (type) => {
    // Act
    const result = read('{"a":1}', type);

    // Assess
    expect(result).toEqual({ ok: true, value: { a: 1 } });
  });

  it.each([
    undefined,
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'text/plain; charset=latin1',
  ])('refuses content type %s with 415', (type) => {
    // Act
    const result = read('{"a":1}', type);

    // Assess
    expect(result.ok || result.error.status).toBe(415);
    expect(result.ok || result.error.code).toBe('unsupported_media_type');
  });

  it('refuses a body over 8 KiB with 413, by its bytes', () => {
    // Prepare
    const body = JSON.stringify({ pad: 'é'.repeat(4100) });

    // Act
    const result = read(body, 'application/json');

    // Assess
    expect(result.ok || result.error.status).toBe(413);
  });

  it('refuses a declared Content-Length over 8 KiB before reading', () => {
    // Act
    const result = read('{}', 'application/json', { 'content-length': '100000' });

    // Assess
    expect(result.ok || result.error.code).toBe('payload_too_large');
  });

  it('refuses invalid UTF-8 with 400 invalid_encoding', () => {
    // Act
    const result = read(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'application/json');

    // Assess
    expect(result.ok || result.error.status).toBe(400);
    expect(result.ok || result.error.code).toBe('invalid_encoding');
  });

  it.each(['{"a":', '', 'undefined', "{'a':1}"])(
    'refuses malformed JSON %j with 400 malformed_json',
    (body) => {
      // Act
      const result = read(body, 'application/json');

      // Assess
      expect(result.ok || result.error.code).toBe('malformed_json');
    },
  );
});

// Typed access to the checked-in fixtures: Fernet spec vectors and PBKDF2 vectors from Python.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const fixturesDir = join(__dirname, '..', 'fixtures');

const readJson = (...parts: string[]): unknown =>
  JSON.parse(readFileSync(join(fixturesDir, ...parts), 'utf8'));

/** A vector of fernet/spec `generate.json`. */
export interface GenerateVector {
  token: string;
  now: string;
  iv: number[];
  src: string;
  secret: string;
}

/** A vector of fernet/spec `verify.json`. */
export interface VerifyVector {
  token: string;
  now: string;
  ttl_sec: number;
  src: string;
  secret: string;
}

/** A vector of fernet/spec `invalid.json`. */
export interface InvalidVector {
  desc: string;
  token: string;
  now: string;
  ttl_sec: number;
  secret: string;
}

/** A PBKDF2-SHA256 PHC string computed by Python's hashlib. */
export interface Pbkdf2Vector {
  password: string;
  saltHex: string;
  iterations: number;
  phc: string;
}

export const generateVectors = readJson('fernet-spec', 'generate.json') as GenerateVector[];
export const verifyVectors = readJson('fernet-spec', 'verify.json') as VerifyVector[];
export const invalidVectors = readJson('fernet-spec', 'invalid.json') as InvalidVector[];
export const pbkdf2Vectors = (readJson('pbkdf2.json') as { vectors: Pbkdf2Vector[] }).vectors;

/** Seconds since the epoch of a spec vector's `now` (an RFC 3339 date with offset). */
export const specSeconds = (now: string): number => Date.parse(now) / 1000;

// Stream records of raw views for trigger tests (the builders are @footfall/testing's); every default view lands
// in hour 10 of 2026-03-02 UTC.
import type { RawView } from '@footfall/core-model';
import { rawView as baseRawView } from '@footfall/testing';

export {
  engaged,
  image,
  insert,
  modify,
  nextSequence,
  pendingImage,
  rawRecord,
  remove,
  streamEvent,
} from '@footfall/testing';

/** 2026-03-02T10:15:00Z: every default view lands in hour 10 of that UTC day. */
export const T0 = Date.UTC(2026, 2, 2, 10, 15);

/** A fresh, valid raw view at T0 (a unique, non-bot desktop view of `/` on example.com); fields can be overridden. */
export const rawView = (overrides: Partial<RawView> = {}): RawView => baseRawView({ time: T0, ...overrides });

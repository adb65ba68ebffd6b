// Public and internal shapes of a parsed user agent.
import type woothee from 'woothee';

import type { DEVICE_TYPES } from './constants';

/** The kind of device a page view came from; `bot` for crawlers and scripts, `other` for TVs, consoles and unknowns. */
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** What Footfall keeps from a user agent: short, stable display names that group well in a breakdown. */
export interface UserAgentInfo {
  /** e.g. "Chrome", "Safari", "Samsung Internet", "Facebook"; for bots the crawler's name, e.g. "GPTBot". */
  browser: string;
  /** Version as the user agent states it, e.g. "124.0.0.0"; empty when not stated. */
  browserVersion: string;
  /** e.g. "Windows", "macOS", "iOS", "Android", "Linux", "ChromeOS"; "Unknown" for bots. */
  os: string;
  /** e.g. "10" (also Windows 11, which reports itself as NT 10.0), "17.4.1", "14"; empty when not stated. */
  osVersion: string;
  device: DeviceType;
  isBot: boolean;
}

/** woothee's own result (its type is not exported by @types/woothee). */
export type WootheeResult = ReturnType<typeof woothee.parse>;

/** A name and version pair, the unit the normalisers hand back. */
export interface NamedVersion {
  name: string;
  version: string;
}

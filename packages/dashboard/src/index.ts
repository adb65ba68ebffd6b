// Public face of @footfall/dashboard: the pure parts (periods, intervals, formatting, shares, changes against the
// previous period, URL-hash state, refresh schedules, API client, session store) and the app's start function. The browser bundle's entry is main.ts.
export { type ApiClient, type ApiClientOptions, type CsvFile, createApiClient } from './apiClient';
export { EXPIRED_MESSAGE, SIGNED_OUT_MESSAGE, startApp } from './app';
export { type BehindBanner, behindBanner, behindMessage, STATUS_REFRESH_MS } from './behindBanner';
export { type Change, type ChangeText, changeBetween, formatChange } from './change';
export { addDays, daysInRange, isDay, startOfMonth, todayIn } from './days';
export { countryName, type Dimension, displayValue, TABLES, type TableSpec } from './dimensions';
export { DashboardError } from './errors';
export {
  formatCount,
  formatDayRange,
  formatDuration,
  formatPercent,
  fullLabel,
  parseBucket,
  tickIndices,
  tickLabel,
} from './format';
export {
  allowedIntervals,
  defaultInterval,
  effectiveInterval,
  INTERVALS,
  type Interval,
  isInterval,
} from './interval';
export {
  checkRange,
  type DayRange,
  includesToday,
  isPeriod,
  MAX_RANGE_DAYS,
  PERIOD_LABELS,
  PERIODS,
  type Period,
  periodRange,
} from './period';
export { liveHeadline } from './realtimeView';
export {
  type RefreshScheduler,
  type RefreshSchedulerOptions,
  refreshScheduler,
  type Visibility,
} from './refreshScheduler';
export { type ResolvedView, resolveView, type ViewContext } from './resolveView';
export { createSessionStore, type Session, type SessionStatus, type SessionStore } from './session';
export { shareOf, shareWidth } from './share';
export { browserTimeZone, COMMON_TIME_ZONES, isValidTimeZone, timeZoneSuggestions } from './timeZones';
export { DEFAULT_PERIOD, formatViewState, parseViewState, type ViewState } from './viewState';

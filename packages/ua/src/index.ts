// Public face of @footfall/ua: user-agent parsing for page views.
export {
  DEVICE_TYPES,
  MAX_NAME_LENGTH,
  MAX_USER_AGENT_LENGTH,
  MAX_VERSION_LENGTH,
  UNKNOWN,
} from './constants';
export { parseUserAgent } from './parseUserAgent';
export type { DeviceType, UserAgentInfo } from './types';

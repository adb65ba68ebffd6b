// Public face of @footfall/legacy-ports: the original system's code, ported for compatibility tests.
export {
  APPEND_PATH,
  appendRequest,
  BEACON_CONTENT_TYPE,
  cleanReferrer,
  type EmbedPage,
  type EmbedRequest,
  EmbedView,
  MAX_DURATION,
  PIXEL_PATH,
  pixelRequest,
  scrollPosition,
  uuidv4,
} from './embed';

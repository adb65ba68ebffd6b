// Device class of a human visitor: desktop, mobile, tablet, or other (TVs, consoles, unknowns).
import type { DeviceType, WootheeResult } from './types';

/** Big screens and consoles, which woothee files under pc or smartphone (a BRAVIA TV says "Mobile Safari"). */
const TV_OR_CONSOLE =
  /\b(?:SMART-TV|SmartTV|Tizen|Web0S|webOS|HbbTV|CrKey|BRAVIA|GoogleTV|Android TV|AppleTV|Roku|AFT[A-Z]{1,5}|PlayStation|Nintendo|Xbox)\b/;

/**
 * Android tablets are the Android user agents without the "Mobile" token (Chrome's documented
 * convention, which Samsung Internet, Silk and Android web views follow), or Firefox's explicit
 * "Tablet". Opera Mini omits "Mobile" on phones too.
 */
const ANDROID = /\bAndroid\b/;
const ANDROID_PHONE = /\bMobile\b|\bOpera Mini\b/;
const EXPLICIT_TABLET = /\biPad\b|\bTablet\b|\bKindle\b/;

/** Which kind of device a (non-bot) user agent comes from, e.g. `'tablet'` for an iPad or a Galaxy Tab. */
export function detectDevice(ua: string, parsed: WootheeResult): DeviceType {
  if (parsed.category === 'appliance' || TV_OR_CONSOLE.test(ua)) return 'other';
  if (parsed.category === 'pc') return 'desktop';
  if (parsed.category === 'smartphone' || parsed.category === 'mobilephone' || /\bKAIOS\b/i.test(ua)) {
    if (EXPLICIT_TABLET.test(ua)) return 'tablet';
    if (ANDROID.test(ua) && !ANDROID_PHONE.test(ua)) return 'tablet';
    return 'mobile';
  }
  return 'other';
}

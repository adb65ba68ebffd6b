// Browser display name and version: woothee's answer, corrected for browsers its 2020 data predates.
import { UNKNOWN } from './constants';
import { knownOrEmpty } from './knownOrEmpty';
import type { NamedVersion, WootheeResult } from './types';

/** A browser woothee misses or misreads: the token that names it and where it states its version. */
interface BrowserToken {
  name: string;
  match: RegExp;
  /** First capture group is the version; defaults to `match` when that has a group. */
  version?: RegExp;
}

const FACEBOOK_VERSION = /\bFBAV\/(\d+(?:\.\d+)*)/;

/**
 * Most specific first. In-app browsers come before the rest because their user agents also carry
 * the Chrome/Safari tokens of the web view they run in.
 */
const BROWSER_TOKENS: readonly BrowserToken[] = [
  {
    name: 'Messenger',
    match: /\bFBAN\/(?:MessengerForiOS|Messenger)\b|\bFB_IAB\/Orca-Android\b/,
    version: FACEBOOK_VERSION,
  },
  { name: 'Facebook', match: /\bFBAN\/|\bFB_IAB\/|\bFBAV\//, version: FACEBOOK_VERSION },
  { name: 'Instagram', match: /\bInstagram (\d+(?:\.\d+)*)/ },
  {
    name: 'TikTok',
    match: /\bmusical_ly_|\bBytedanceWebview\/|\bAppName\/(?:trill|musical_ly)\b/,
    version: /\b(?:musical_ly_|app_version\/)(\d+(?:\.\d+)*)/,
  },
  { name: 'Snapchat', match: /\bSnapchat\/(\d+(?:\.\d+)*)/ },
  { name: 'LinkedIn', match: /\[LinkedInApp\](?:\/(\d+(?:\.\d+)*))?/ },
  { name: 'Pinterest', match: /\[Pinterest\/(?:iOS|Android)\]/ },
  { name: 'WeChat', match: /\bMicroMessenger\/(\d+(?:\.\d+)*)/ },
  { name: 'LINE', match: /\bLine\/(\d+(?:\.\d+)*)/ },
  { name: 'Google App', match: /\bGSA\/(\d+(?:\.\d+)*)/ },
  { name: 'Samsung Internet', match: /\bSamsungBrowser\/(\d+(?:\.\d+)*)/ },
  { name: 'Opera', match: /\b(?:OPR|OPT|OPiOS|OPX)\/(\d+(?:\.\d+)*)/ },
  { name: 'Edge', match: /\bEdg(?:e|A|iOS)?\/(\d+(?:\.\d+)*)/ },
  { name: 'UC Browser', match: /\bUCBrowser\/(\d+(?:\.\d+)*)/ },
  { name: 'Silk', match: /\bSilk\/(\d+(?:\.\d+)*)/ },
  { name: 'MIUI Browser', match: /\bMiuiBrowser\/(\d+(?:\.\d+)*)/ },
  { name: 'Huawei Browser', match: /\bHuaweiBrowser\/(\d+(?:\.\d+)*)/ },
  { name: 'DuckDuckGo', match: /\b(?:DuckDuckGo|Ddg)\/(\d+(?:\.\d+)*)/ },
  { name: 'Yandex', match: /\bYaBrowser\/(\d+(?:\.\d+)*)/ },
];

/** woothee's long names mapped to the short ones a dashboard shows. */
const WOOTHEE_NAMES: Readonly<Record<string, string>> = {
  'Internet Explorer': 'IE',
  'Yandex Browser': 'Yandex',
  'Google Search App': 'Google App',
  Webview: 'WebView',
  UNKNOWN,
};

/** Name and version of the browser, e.g. `{ name: 'Samsung Internet', version: '24.0' }`. */
export function normaliseBrowser(ua: string, parsed: WootheeResult): NamedVersion {
  for (const token of BROWSER_TOKENS) {
    const found = token.match.exec(ua);
    if (found !== null) {
      const version = token.version === undefined ? found[1] : token.version.exec(ua)?.[1];
      return { name: token.name, version: version ?? '' };
    }
  }
  const name = WOOTHEE_NAMES[parsed.name] ?? parsed.name;
  return { name: name === '' ? UNKNOWN : name, version: knownOrEmpty(parsed.version) };
}

// parseUserAgent on the cases a site owner would notice: versions, tablets, look-alike browsers, bot names.
import { parseUserAgent } from '../../src';

const IPAD_SAFARI =
  'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe('parseUserAgent', () => {
  it('reports browser and OS versions as the user agent states them', () => {
    // Act
    const cases = {
      chromeWindows: parseUserAgent(CHROME_WINDOWS),
      safariIphone: parseUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
      ),
      firefoxAndroid: parseUserAgent('Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0'),
      samsung: parseUserAgent(
        'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
      ),
      ie8: parseUserAgent('Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)'),
      chromeOs: parseUserAgent(
        'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
      ),
    };

    // Assess
    expect(cases.chromeWindows).toMatchObject({
      browserVersion: '131.0.0.0',
      os: 'Windows',
      osVersion: '10',
    });
    expect(cases.safariIphone).toMatchObject({ browserVersion: '17.4.1', os: 'iOS', osVersion: '17.4.1' });
    expect(cases.firefoxAndroid).toMatchObject({ browserVersion: '125.0', os: 'Android', osVersion: '14' });
    expect(cases.samsung).toMatchObject({ browser: 'Samsung Internet', browserVersion: '24.0' });
    expect(cases.ie8).toMatchObject({ browser: 'IE', browserVersion: '8.0', os: 'Windows', osVersion: '7' });
    expect(cases.chromeOs).toMatchObject({ os: 'ChromeOS', osVersion: '14541.0.0' });
  });

  it('tells tablets from phones on iPad and Android', () => {
    // Act
    const ipad = parseUserAgent(IPAD_SAFARI);
    const galaxyTab = parseUserAgent(
      'Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    );
    const galaxyPhone = parseUserAgent(
      'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
    );
    const firefoxTablet = parseUserAgent(
      'Mozilla/5.0 (Android 14; Tablet; rv:125.0) Gecko/125.0 Firefox/125.0',
    );

    // Assess
    expect(ipad).toEqual({
      browser: 'Safari',
      browserVersion: '17.4',
      os: 'iOS',
      osVersion: '17.4',
      device: 'tablet',
      isBot: false,
    });
    expect(galaxyTab.device).toBe('tablet');
    expect(galaxyPhone.device).toBe('mobile');
    expect(firefoxTablet.device).toBe('tablet');
  });

  it('reports Brave as Chrome, because Brave sends Chrome’s user agent unchanged', () => {
    // Prepare: Brave 1.73 on Windows, as sent (it hides itself from the user agent on purpose)
    const braveWindows = CHROME_WINDOWS;

    // Act
    const parsed = parseUserAgent(braveWindows);

    // Assess
    expect(parsed).toMatchObject({ browser: 'Chrome', os: 'Windows', device: 'desktop', isBot: false });
  });

  it('reports an iPad in Safari’s default desktop mode as a Mac, because that is what it sends', () => {
    // Act
    const parsed = parseUserAgent(
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
    );

    // Assess
    expect(parsed).toMatchObject({ browser: 'Safari', os: 'macOS', device: 'desktop' });
  });

  it('names in-app browsers after the app rather than the web view inside', () => {
    // Act
    const facebook = parseUserAgent(
      'Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.82 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/462.0.0.47.86;]',
    );
    const instagram = parseUserAgent(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 329.0.0.29.120 (iPhone15,2; iOS 17_4_1; en_US; en; scale=3.00; 1179x2556; 590288165)',
    );

    // Assess
    expect(facebook).toMatchObject({ browser: 'Facebook', browserVersion: '462.0.0.47.86', os: 'Android' });
    expect(instagram).toMatchObject({ browser: 'Instagram', browserVersion: '329.0.0.29.120', os: 'iOS' });
  });

  it('names bots by the name they give themselves and reports no OS for them', () => {
    // Act
    const gptBot = parseUserAgent(
      'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)',
    );
    const googlebotSmartphone = parseUserAgent(
      'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.118 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    );
    const curl = parseUserAgent('curl/8.4.0');

    // Assess
    expect(gptBot).toEqual({
      browser: 'GPTBot',
      browserVersion: '1.2',
      os: 'Unknown',
      osVersion: '',
      device: 'bot',
      isBot: true,
    });
    expect(googlebotSmartphone).toMatchObject({ browser: 'Googlebot', os: 'Unknown', device: 'bot' });
    expect(curl).toMatchObject({ browser: 'curl', browserVersion: '8.4.0', device: 'bot' });
  });

  it('still recognises a browser or bot whose user agent is padded past the length it reads', () => {
    // Prepare
    const padding = ' x'.repeat(5_000);

    // Act
    const chrome = parseUserAgent(`${CHROME_WINDOWS}${padding}`);
    const claudeBot = parseUserAgent(
      `Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)${padding}`,
    );

    // Assess
    expect(chrome).toMatchObject({ browser: 'Chrome', os: 'Windows', device: 'desktop', isBot: false });
    expect(claudeBot).toMatchObject({ browser: 'ClaudeBot', device: 'bot', isBot: true });
  });
});

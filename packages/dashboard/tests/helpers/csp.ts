// Collects Content-Security-Policy violations of a page: the console lines Chromium writes for them and the
// `securitypolicyviolation` events the page sees, so a test can require none.
import type { Page } from 'playwright-core';

/**
 * Starts watching `page` (before it navigates) and returns the list that violations are added to.
 * @example const violations = await watchCspViolations(page); await page.goto(url); expect(violations).toEqual([]);
 */
export async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Content[- ]Security[- ]Policy|securitypolicyviolation/i.test(text)) violations.push(text);
  });
  // Injected by the test runner over CDP, so the page's own CSP does not block this listener.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `securitypolicyviolation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return violations;
}

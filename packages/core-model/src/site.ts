// The one spelling of a site id: a site is a host name, and host names ignore case.

/**
 * The stored spelling of a site, whatever case a request or setting used.
 * @example normaliseSite('Example.COM') // 'example.com'
 */
export const normaliseSite = (site: string): string => site.toLowerCase();

// Site items: the sites whose events are accepted and reported, one partition so that one Query reads them all.
import { int, item, oneOf, str } from './attributes';
import {
  type DeleteParts,
  itemAbsent,
  itemExists,
  type PutParts,
  partitionQuery,
  type QueryParts,
} from './commandParts';
import type { DecodeError } from './errors';
import { itemKey, type Key } from './keys';
import { normaliseSite } from './site';

/**
 * The partition holding every site item and the seed marker. Not `site#…` (the aggregates' partitions), so an
 * IAM condition on `sites` grants the site list and nothing of the counts.
 */
export const SITES_PARTITION = 'sites';

/** Sort key of the marker written once the deployment's first list (AllowedSites) has been written. */
export const SITES_SEEDED_SECTION = 'seeded';

/**
 * A host name, optionally with a port (`localhost:8080`): lower-case labels of letters, digits and inner
 * hyphens, at most 253 characters. A site is what the beacon's `data-site` names.
 */
export const SITE_PATTERN =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/;

/** Whether `host` (in any case) is a well-formed site. @example isValidSite('Blog.Example.com') // true */
export const isValidSite = (host: string): boolean => SITE_PATTERN.test(normaliseSite(host));

const siteAttributes = item({
  Path: oneOf([SITES_PARTITION]),
  Section: str({ pattern: /^site#/ }),
  CreatedAt: int({ min: 0 }),
});

const markerAttributes = item({
  Path: oneOf([SITES_PARTITION]),
  Section: oneOf([SITES_SEEDED_SECTION]),
  CreatedAt: int({ min: 0 }),
});

/** The key of a site's item. @example siteItemKey('example.com') → { Path: 'sites', Section: 'site#example.com' } */
export const siteItemKey = (host: string): Key => itemKey(SITES_PARTITION, `site#${normaliseSite(host)}`);

/** Adds a site; DynamoDB refuses it (a failed condition) when the site is there already. */
export const siteCreation = (host: string, createdAt: number): PutParts => ({
  Item: siteAttributes.encode({
    Path: SITES_PARTITION,
    Section: `site#${normaliseSite(host)}`,
    CreatedAt: createdAt,
  }),
  ...itemAbsent,
});

/** Removes a site (its aggregates stay); DynamoDB refuses it (a failed condition) when there is none. */
export const siteRemoval = (host: string): DeleteParts => ({ Key: siteItemKey(host), ...itemExists });

/** Records that the first list was written, once: a failed condition means another container did it. */
export const sitesSeededMarker = (createdAt: number): PutParts => ({
  Item: markerAttributes.encode({
    Path: SITES_PARTITION,
    Section: SITES_SEEDED_SECTION,
    CreatedAt: createdAt,
  }),
  ...itemAbsent,
});

/** The Query that reads every site and the seed marker (one partition). */
export const sitesQuery = (): QueryParts => partitionQuery(SITES_PARTITION);

/** What the site partition holds: the sites, sorted, and whether the first list was written. */
export interface SiteList {
  sites: string[];
  seeded: boolean;
}

/**
 * Reads the items of the site partition; an item that does not decode is reported, not fatal.
 * @example const { value } = decodeSiteList(out.Items ?? []);
 */
export function decodeSiteList(items: readonly unknown[]): { value: SiteList; errors: DecodeError[] } {
  const sites: string[] = [];
  const errors: DecodeError[] = [];
  let seeded = false;
  items.forEach((image, i) => {
    const marker = markerAttributes.decode(image, `sites[${i}]`);
    if (marker.ok) {
      seeded = true;
      return;
    }
    const site = siteAttributes.decode(image, `sites[${i}]`);
    if (site.ok) sites.push(site.value.Section.slice('site#'.length));
    else errors.push(site.error);
  });
  sites.sort();
  return { value: { sites, seeded }, errors };
}

/** Attribute names of site items (for the architecture check). */
export const siteAttributeNames = (): string[] => [...siteAttributes.names];

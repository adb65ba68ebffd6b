// Share link items: a read-only dashboard of one site behind an unguessable id, optionally expiring and
// embeddable by named origins. One partition, so listing a site's links is one Query.
import { ok } from '@footfall/kernel';
import { type Decoded, int, item, list, oneOf, optional, str } from './attributes';
import { type DeleteParts, itemAbsent, type PutParts, partitionQuery, type QueryParts } from './commandParts';
import type { DecodeError } from './errors';
import { itemKey, type Key, PARTITION_KEY, TTL_ATTRIBUTE } from './keys';
import { LIMITS } from './layout';
import { SHARE_ORIGIN_PATTERN } from './schemas';

/** The partition holding every share link (not `site#…`, so IAM can grant links without the aggregates). */
export const SHARES_PARTITION = 'shares';

/** A share id: 24 base64url characters = 144 random bits (SPEC: at least 128), what api-fn generates. */
export const SHARE_ID_PATTERN = /^[A-Za-z0-9_-]{24}$/;

/** Random bytes behind a share id (18 bytes → 24 base64url characters). */
export const SHARE_ID_BYTES = 18;

/** Most origins one link may name for `frame-ancestors`. */
export const MAX_SHARE_ORIGINS = 10;

/** A share link as stored. */
export interface ShareLink {
  id: string;
  site: string;
  createdAt: number;
  /** Epoch seconds after which the link is gone (also the item's TTL); undefined = never. */
  expiresAt?: number | undefined;
  /** Origins allowed to frame the shared dashboard (CSP `frame-ancestors`); empty = none. */
  origins: string[];
}

const shareAttributes = item({
  Path: oneOf([SHARES_PARTITION]),
  Section: str({ pattern: SHARE_ID_PATTERN }),
  Site: str({ maxBytes: LIMITS.site }),
  CreatedAt: int({ min: 0 }),
  ExpiresAt: optional(int({ min: 0 })),
  Origins: optional(list(str({ pattern: SHARE_ORIGIN_PATTERN }), { maxItems: MAX_SHARE_ORIGINS })),
});

/** The key of a share link's item. */
export const shareKey = (id: string): Key => itemKey(SHARES_PARTITION, id);

function encodeShare(s: ShareLink) {
  return shareAttributes.encode({
    Path: SHARES_PARTITION,
    Section: s.id,
    Site: s.site,
    CreatedAt: s.createdAt,
    ExpiresAt: s.expiresAt,
    Origins: s.origins.length > 0 ? s.origins : undefined,
  });
}

/** Decodes a share link item. */
export function decodeShare(image: unknown, path = ''): Decoded<ShareLink> {
  const d = shareAttributes.decode(image, path);
  if (!d.ok) return d;
  return ok({
    id: d.value.Section,
    site: d.value.Site,
    createdAt: d.value.CreatedAt,
    expiresAt: d.value.ExpiresAt,
    origins: d.value.Origins ?? [],
  });
}

/**
 * Whether a link still works at `now` (epoch ms): TTL deletes lag by hours, so expiry is checked on read.
 * @example shareIsLive({ …, expiresAt: 1_800_000_000 }, Date.now())
 */
export const shareIsLive = (s: ShareLink, now: number): boolean =>
  s.expiresAt === undefined || now < s.expiresAt * 1000;

/** Stores a new link; a failed condition means the id is taken (never, with 144 random bits). */
export const shareCreation = (s: ShareLink): PutParts => ({ Item: encodeShare(s), ...itemAbsent });

/** Deletes a link only if it belongs to `site`, so a site's admin route cannot remove another site's link. */
export const shareRemoval = (id: string, site: string): DeleteParts => ({
  Key: shareKey(id),
  ConditionExpression: 'attribute_exists(#p) AND #site = :site',
  ExpressionAttributeNames: { '#p': PARTITION_KEY, '#site': 'Site' },
  ExpressionAttributeValues: { ':site': { S: site } },
});

/** The Query that reads every share link. */
export const sharesQuery = (): QueryParts => partitionQuery(SHARES_PARTITION);

/** Decodes the share partition's items, reporting those that do not decode. */
export function decodeShareList(items: readonly unknown[]): { links: ShareLink[]; errors: DecodeError[] } {
  const links: ShareLink[] = [];
  const errors: DecodeError[] = [];
  items.forEach((image, i) => {
    const d = decodeShare(image, `shares[${i}]`);
    if (d.ok) links.push(d.value);
    else errors.push(d.error);
  });
  links.sort((a, b) => a.createdAt - b.createdAt);
  return { links, errors };
}

/** Attribute names of share items (for the architecture check). */
export const shareAttributeNames = (): string[] => [...shareAttributes.names, TTL_ATTRIBUTE];

// A tiny element builder, so views read as markup without a framework.

type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | undefined | false;

/**
 * Creates an element with attributes (`true` sets a boolean attribute, `false`/undefined omits it) and children.
 * @example h('label', { for: 'site' }, 'Site')
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== undefined && child !== false) el.append(child);
  return el;
}

let nextId = 0;

/** A document-unique id for label/aria wiring. @example uniqueId('tz') // 'tz-3' */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A small element builder: no framework, no innerHTML with data. */
type Child = Node | string | null | undefined | false;

/** Creates an element with attributes (`class`, `data-*`, ...) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

/** Removes every child. */
export function clear(element: Element): void {
  element.replaceChildren();
}

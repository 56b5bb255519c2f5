// Types for the page scripts (docs/assets/javascripts/) that lib.dom lacks.

// Material for MkDocs' global: an RxJS observable of each page it shows
// (the first, and each one its instant navigation swaps in).
declare const document$: { subscribe(next: (document: Document) => void): { unsubscribe(): void } };

// The pages are HTML, so an element found by a class or attribute selector
// is an HTMLElement (lib.dom says Element, which lacks dataset, style,
// hidden, focus(), offsetHeight...). Tag selectors keep their exact types
// ("button" -> HTMLButtonElement, "svg" -> SVGSVGElement). These overloads
// come before lib.dom's (interface merging puts later declarations first).
interface ParentNode {
  querySelector<K extends keyof HTMLElementTagNameMap>(selectors: K): HTMLElementTagNameMap[K] | null;
  querySelector<K extends keyof SVGElementTagNameMap>(selectors: K): SVGElementTagNameMap[K] | null;
  querySelector<E extends Element = HTMLElement>(selectors: string): E | null;
  querySelectorAll<K extends keyof HTMLElementTagNameMap>(selectors: K): NodeListOf<HTMLElementTagNameMap[K]>;
  querySelectorAll<K extends keyof SVGElementTagNameMap>(selectors: K): NodeListOf<SVGElementTagNameMap[K]>;
  querySelectorAll<E extends Element = HTMLElement>(selectors: string): NodeListOf<E>;
}

interface Element {
  closest<K extends keyof HTMLElementTagNameMap>(selectors: K): HTMLElementTagNameMap[K] | null;
  closest<K extends keyof SVGElementTagNameMap>(selectors: K): SVGElementTagNameMap[K] | null;
  closest<E extends Element = HTMLElement>(selectors: string): E | null;
}

/**
 * Finding, tapping and typing into a page rendered by miniprogram-simulate, as a finger
 * would; each action waits for the calls it started (the current backend's `settle`). No
 * jest here: the page tests and `npm run screenshots` share it.
 */
import { currentBackend } from './backend';

/** A rendered page or one of its nodes (j-component's wrapper). */
export interface View {
  readonly dom: any;
  readonly data: any;
  readonly instance: any;
  querySelector(selector: string): View | undefined;
  querySelectorAll(selector: string): View[];
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
}

/** The node at the end of a path of selectors, each looked up inside the previous one (TDesign's insides included). */
export function find(view: View, ...selectors: string[]): View {
  let node = view;
  for (const selector of selectors) {
    const next = node.querySelector(selector);
    if (!next) throw new Error(`nothing matches ${selectors.join(' → ')} (stopped at ${selector})`);
    node = next;
  }
  return node;
}

/** Whether a path of selectors matches anything. */
export function exists(view: View, ...selectors: string[]): boolean {
  try {
    find(view, ...selectors);
    return true;
  } catch {
    return false;
  }
}

/** Taps what the selectors name, as a finger would, and waits for what it started. */
export async function tap(view: View, ...selectors: string[]): Promise<void> {
  find(view, ...selectors).dispatchEvent('tap');
  await currentBackend()?.settle();
}

/** Taps a TDesign button (a virtual host: the tap lands on its inner `<button>`). */
export function tapButton(view: View, selector: string): Promise<void> {
  return tap(view, selector, '.t-button');
}

/** Taps the first node matching `selector` whose text is `label` (a chip, a choice). */
export async function tapText(view: View, selector: string, label: string): Promise<void> {
  const node = view.querySelectorAll(selector).find((n) => String(n.dom.textContent).trim() === label);
  if (!node) throw new Error(`no ${selector} reads ${label}`);
  node.dispatchEvent('tap');
  await currentBackend()?.settle();
}

/** Types `value` into a TDesign input or textarea (`selector` names the t-input / t-textarea). */
export async function type(view: View, selector: string, value: string): Promise<void> {
  const field = find(view, selector);
  // The native field inside t-input, t-textarea and t-search.
  const inner = ['.t-input__control', '.t-textarea__wrapper-inner', '.t-input__keyword'].map((c) => field.querySelector(c)).find(Boolean);
  if (!inner) throw new Error(`${selector} has no input or textarea`);
  inner.dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
  await currentBackend()?.settle();
}

/** What the page shows, as one string. */
export function text(view: View): string {
  return String(view.dom.textContent ?? '').replace(/\s+/g, ' ');
}

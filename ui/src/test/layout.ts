import { beforeAll } from "vitest";

/// jsdom does no layout: every element gets a window-sized box (and a row's height), so
/// that virtualised lists have a viewport to fill. Call at the top of a test file.
export function giveElementsABox() {
  beforeAll(() => {
    for (const [name, size] of [["clientHeight", 720], ["clientWidth", 1200], ["offsetHeight", 36], ["offsetWidth", 1200]] as const) {
      Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => size });
    }
  });
}

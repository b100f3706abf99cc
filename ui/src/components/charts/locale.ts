// uPlot makes its number formatter from navigator.language when it loads. WebKitGTK run
// with LANG=C (a server, a CI machine, this project's test machines) reports the language
// "C", which Intl refuses ("RangeError: invalid language tag: C"), and the whole window
// would fail to start. Imported before uPlot: a language Intl refuses reads as en-US.
function usable(language: string): boolean {
  try {
    new Intl.NumberFormat(language);
    return true;
  } catch {
    return false;
  }
}

if (typeof navigator !== "undefined" && !usable(navigator.language)) {
  Object.defineProperty(navigator, "language", { value: "en-US", configurable: true });
}

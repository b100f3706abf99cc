// The keyboard shortcuts of the app: one typed registry of actions { id, label, keys, scope }.
// Screens bind handlers to actions by id (useShortcut in ./useShortcut), push their scope
// while mounted (useShortcutScope), and the help overlay (components/ShortcutHelp) and any
// tooltip read the labels and keys from here, so a key is written down exactly once.
//
// Keys use react-hotkeys-hook's syntax, with two kinds of key:
// - single keys ("j", "?", "/", "escape", "arrowdown", "enter") match the character or key
//   the keyboard produces, in any case and whatever Shift did to produce it (so "?" works on
//   every layout); they never fire while Ctrl, Alt or Meta is held, nor while focus is in an
//   input, textarea, select or contenteditable element;
// - combinations with a command modifier ("mod+enter", "ctrl+k", "alt+arrowdown",
//   "mod+shift+z"; "mod" is ⌘ on macOS and Ctrl elsewhere) match physical keys with exactly
//   those modifiers, and also fire in form fields (to submit a rationale, say).
// "shift+x" alone is refused: write the character Shift produces instead.

/// Where an action applies. A screen pushes its scope while it is mounted; only the
/// innermost scope's actions and the "global" ones are live.
export type ShortcutScope = "global" | "help" | "workshop" | "review" | "rescore" | "import" | "merge";

export interface ShortcutAction<Id extends string = string> {
  /// Stable id, `<screen>.<verb>`: `review.next`.
  readonly id: Id;
  /// What the action does, as the help overlay lists it: "Next risk".
  readonly label: string;
  /// Alternative keys, any of which triggers the action: ["j", "arrowdown"].
  readonly keys: readonly string[];
  readonly scope: ShortcutScope;
}

export interface ShortcutRegistry<Id extends string = string> {
  readonly actions: readonly ShortcutAction<Id>[];
  /// The action with this id; throws on an unknown id.
  get(id: string): ShortcutAction<Id>;
  /// The actions of one scope, in registry order.
  inScope(scope: ShortcutScope): readonly ShortcutAction<Id>[];
}

/// The actions every registry has: the help overlay's own keys.
export const builtInShortcuts = [
  { id: "help.toggle", label: "Show or hide keyboard shortcuts", keys: ["?"], scope: "global" },
  { id: "help.close", label: "Close the list of shortcuts", keys: ["escape"], scope: "help" },
] as const satisfies readonly ShortcutAction[];

export type BuiltInShortcutId = (typeof builtInShortcuts)[number]["id"];

const COMMAND_MODIFIERS = ["mod", "ctrl", "control", "meta", "alt"];

/// The parts of a key: "mod+enter" → ["mod", "enter"]; "?" → ["?"].
function partsOf(key: string): string[] {
  return key.toLowerCase().split("+");
}

/// Whether a key is a combination with a command modifier (live in form fields too).
export function isCombo(key: string): boolean {
  return partsOf(key).some((part) => COMMAND_MODIFIERS.includes(part));
}

/// Builds a registry, with the built-in help actions, and checks it: unique ids, at least
/// one well-formed key per action, and no key bound to two actions that can be live at once.
export function defineShortcuts<const A extends readonly ShortcutAction[]>(
  actions: A,
): ShortcutRegistry<A[number]["id"] | BuiltInShortcutId> {
  type Id = A[number]["id"] | BuiltInShortcutId;
  const all: readonly ShortcutAction<Id>[] = [...builtInShortcuts, ...actions];
  const byId = new Map<string, ShortcutAction<Id>>();
  for (const action of all) {
    if (byId.has(action.id)) throw new Error(`Shortcut "${action.id}" is defined twice`);
    byId.set(action.id, action);
    if (action.keys.length === 0) throw new Error(`Shortcut "${action.id}" has no key`);
    for (const key of action.keys) {
      if (key.trim() !== key || key.includes(",") || partsOf(key).some((part) => part === ""))
        throw new Error(`Shortcut "${action.id}" has a malformed key "${key}"`);
      if (partsOf(key).includes("shift") && !isCombo(key))
        throw new Error(`Shortcut "${action.id}": write the character Shift produces instead of "${key}"`);
    }
  }
  all.forEach((a, i) => {
    for (const b of all.slice(i + 1)) {
      const together = a.scope === b.scope || a.scope === "global" || b.scope === "global";
      const shared = a.keys.find((key) => b.keys.some((other) => other.toLowerCase() === key.toLowerCase()));
      if (together && shared !== undefined)
        throw new Error(`Key "${shared}" is bound to both "${a.id}" and "${b.id}"`);
    }
  });
  return {
    actions: all,
    get(id) {
      const action = byId.get(id);
      if (!action) throw new Error(`Unknown shortcut "${id}": add it to the registry in lib/shortcuts.ts`);
      return action;
    },
    inScope: (scope) => all.filter((action) => action.scope === scope),
  };
}

/// THE registry of the app. Screens add their actions here, e.g.
///   { id: "review.next", label: "Next risk", keys: ["j", "arrowdown"], scope: "review" },
export const shortcuts = defineShortcuts([
  { id: "workshop.previous", label: "Previous agenda item", keys: ["arrowleft"], scope: "workshop" },
  { id: "workshop.next", label: "Next agenda item", keys: ["arrowright"], scope: "workshop" },
  { id: "workshop.reveal", label: "Reveal the votes", keys: ["r"], scope: "workshop" },
  { id: "workshop.revote", label: "Vote again (new round)", keys: ["v"], scope: "workshop" },
  { id: "workshop.decide", label: "Decide the agreed score", keys: ["d"], scope: "workshop" },
  { id: "workshop.fullscreen", label: "Full screen on or off", keys: ["f"], scope: "workshop" },
  // The analyst's review: one key per decision; Enter (Ctrl+Enter in the rationale) saves.
  { id: "review.no_change", label: "No change: saved at once (with the rationale, if you wrote one)", keys: ["n"], scope: "review" },
  { id: "review.rescore", label: "Rescore: move on the matrix with the arrows, Enter sets the residual", keys: ["s"], scope: "review" },
  { id: "review.accept", label: "Accept: approver, expiry date and the rationale as justification", keys: ["a"], scope: "review" },
  { id: "review.mitigate", label: "Mitigate: add an action (title, owner)", keys: ["m"], scope: "review" },
  { id: "review.escalate", label: "Escalate", keys: ["e"], scope: "review" },
  { id: "review.close", label: "Close the risk", keys: ["c"], scope: "review" },
  { id: "review.snooze", label: "Snooze: review again in a number of days, with a reason", keys: ["p"], scope: "review" },
  { id: "review.rationale", label: "Write the rationale first (then n, or Ctrl+Enter, saves no change with it)", keys: ["r"], scope: "review" },
  { id: "review.save", label: "Save the decision and go to the next risk (Enter in a one-line field)", keys: ["mod+enter"], scope: "review" },
  { id: "review.cancel", label: "Cancel the decision; without one, back to the queue", keys: ["escape"], scope: "review" },
  { id: "review.undo", label: "Undo the last review made in this session", keys: ["z"], scope: "review" },
  { id: "review.next", label: "Skip to the next risk without deciding", keys: ["j", "arrowright"], scope: "review" },
  { id: "review.previous", label: "Back to the previous risk without deciding", keys: ["k", "arrowleft"], scope: "review" },
  { id: "rescore.up", label: "Cursor up: more likely", keys: ["arrowup"], scope: "rescore" },
  { id: "rescore.down", label: "Cursor down: less likely", keys: ["arrowdown"], scope: "rescore" },
  { id: "rescore.right", label: "Cursor right: more impact", keys: ["arrowright"], scope: "rescore" },
  { id: "rescore.left", label: "Cursor left: less impact", keys: ["arrowleft"], scope: "rescore" },
  { id: "rescore.set", label: "Set the residual score at the cursor", keys: ["enter"], scope: "rescore" },
  { id: "rescore.cancel", label: "Stop picking a score", keys: ["escape"], scope: "rescore" },
  // Merging an exchange file: the conflicts one by one.
  { id: "merge.mine", label: "Keep our value", keys: ["m"], scope: "merge" },
  { id: "merge.theirs", label: "Take their value", keys: ["t"], scope: "merge" },
  { id: "merge.edit", label: "Edit a merged value (Enter keeps it)", keys: ["e"], scope: "merge" },
  { id: "merge.both", label: "Keep both records", keys: ["b"], scope: "merge" },
  { id: "merge.next", label: "Next conflict (after the last: the summary)", keys: ["enter"], scope: "merge" },
  { id: "merge.previous", label: "Previous conflict", keys: ["arrowleft"], scope: "merge" },
]);

/// The id of an action of the app's registry.
export type ShortcutId = (typeof shortcuts)["actions"][number]["id"];

const TYPING = [
  "input",
  "textarea",
  "select",
  '[contenteditable]:not([contenteditable="false"])',
  '[role="textbox"]',
  '[role="searchbox"]',
  '[role="combobox"]',
].join(", ");

/// Whether focus is somewhere a key types text, where single-key shortcuts must not fire.
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if ((target as HTMLElement).isContentEditable) return true;
  return target.closest(TYPING) !== null;
}

function isMac(): boolean {
  if (typeof navigator === "undefined") return false;
  return /mac/i.test(navigator.userAgent) && !/iphone|ipad|ipod/i.test(navigator.userAgent);
}

const KEY_NAMES: Record<string, string> = {
  ctrl: "Ctrl",
  control: "Ctrl",
  shift: "Shift",
  escape: "Esc",
  esc: "Esc",
  enter: "Enter",
  return: "Enter",
  arrowup: "↑",
  up: "↑",
  arrowdown: "↓",
  down: "↓",
  arrowleft: "←",
  left: "←",
  arrowright: "→",
  right: "→",
  space: "Space",
  tab: "Tab",
  backspace: "Backspace",
  delete: "Delete",
  home: "Home",
  end: "End",
  pageup: "Page Up",
  pagedown: "Page Down",
};

/// A key as people read it, one part per key pressed: "mod+enter" → ["Ctrl", "Enter"] (or
/// ["⌘", "Enter"] on macOS), "arrowdown" → ["↓"], "j" → ["j"].
export function keyLabels(key: string, mac = isMac()): string[] {
  const parts = partsOf(key);
  const combo = parts.length > 1;
  return parts.map((part) => {
    if (part === "mod") return mac ? "⌘" : "Ctrl";
    if (part === "meta") return mac ? "⌘" : "Meta";
    if (part === "alt") return mac ? "⌥" : "Alt";
    if (part === "shift" && mac) return "⇧";
    const name = KEY_NAMES[part];
    if (name) return name;
    return combo && part.length === 1 ? part.toUpperCase() : part;
  });
}

/// An action's keys for a tooltip: "j or ↓", "Ctrl+Enter".
export function shortcutHint(action: ShortcutAction, mac = isMac()): string {
  return action.keys.map((key) => keyLabels(key, mac).join("+")).join(" or ");
}

const ARIA_KEYS: Record<string, string> = {
  arrowleft: "ArrowLeft",
  arrowright: "ArrowRight",
  arrowup: "ArrowUp",
  arrowdown: "ArrowDown",
  enter: "Enter",
  escape: "Escape",
  space: "Space",
  tab: "Tab",
  backspace: "Backspace",
  delete: "Delete",
  home: "Home",
  end: "End",
  pageup: "PageUp",
  pagedown: "PageDown",
};

/// An action's keys as `aria-keyshortcuts` spells them: "r" → "R", "mod+enter" →
/// "Control+Enter" ("Meta+Enter" on macOS), two keys separated by a space ("J ArrowRight").
/// The button's accessible name stays its visible words.
export function ariaKeys(action: ShortcutAction, mac = isMac()): string {
  return action.keys
    .map((key) =>
      partsOf(key)
        .map((part) => {
          if (part === "mod") return mac ? "Meta" : "Control";
          if (part === "meta") return "Meta";
          if (part === "alt") return "Alt";
          if (part === "shift") return "Shift";
          if (part === "ctrl" || part === "control") return "Control";
          return ARIA_KEYS[part] ?? (part.length === 1 ? part.toUpperCase() : part);
        })
        .join("+"),
    )
    .join(" ");
}

// Binding the registry's actions (./shortcuts) to handlers, through react-hotkeys-hook.
//
//   <ShortcutProvider>                       app/App.tsx mounts one (tests may pass a registry)
//   useShortcutScope("review");              a screen, while mounted, is the innermost scope
//   useShortcut("review.next", () => …);     fires while its scope is innermost (or it is global)
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useHotkeys } from "react-hotkeys-hook";
import {
  isCombo,
  isTypingTarget,
  shortcuts,
  type ShortcutId,
  type ShortcutRegistry,
  type ShortcutScope,
} from "./shortcuts";

interface Pushed {
  token: number;
  /// Render order of the component that pushed it: a parent renders before its children,
  /// so a dialog mounted together with its screen still ends up inside it.
  order: number;
  scope: ShortcutScope;
}

interface ShortcutState {
  registry: ShortcutRegistry;
  /// The innermost scope, or "global" when no screen has pushed one.
  active: ShortcutScope;
  push: (scope: ShortcutScope, order: number) => () => void;
  nextOrder: () => number;
}

const Context = createContext<ShortcutState | null>(null);

function useShortcutState(hook: string): ShortcutState {
  const state = useContext(Context);
  if (!state) throw new Error(`${hook} needs a <ShortcutProvider> above it (app/App.tsx mounts one)`);
  return state;
}

/// Holds the registry and the stack of scopes pushed by the screens that are mounted.
export function ShortcutProvider({
  registry = shortcuts,
  children,
}: {
  registry?: ShortcutRegistry;
  children: ReactNode;
}) {
  const [stack, setStack] = useState<readonly Pushed[]>([]);
  const counter = useRef(0);
  const nextOrder = useCallback(() => ++counter.current, []);
  const push = useCallback((scope: ShortcutScope, order: number) => {
    const token = ++counter.current;
    setStack((current) => [...current, { token, order, scope }].sort((a, b) => a.order - b.order));
    return () => setStack((current) => current.filter((entry) => entry.token !== token));
  }, []);
  const active = stack.at(-1)?.scope ?? "global";
  const state = useMemo(() => ({ registry, active, push, nextOrder }), [registry, active, push, nextOrder]);
  return <Context.Provider value={state}>{children}</Context.Provider>;
}

/// Makes `scope` the innermost scope while the calling component is mounted; the scope
/// that was innermost before comes back when it unmounts.
export function useShortcutScope(scope: ShortcutScope): void {
  const { push, nextOrder } = useShortcutState("useShortcutScope");
  const [order] = useState(nextOrder);
  useEffect(() => push(scope, order), [push, scope, order]);
}

/// The innermost scope ("global" when no screen has pushed one).
export function useActiveShortcutScope(): ShortcutScope {
  return useShortcutState("useActiveShortcutScope").active;
}

/// The registry in use, for help overlays and tooltips.
export function useShortcutRegistry(): ShortcutRegistry {
  return useShortcutState("useShortcutRegistry").registry;
}

export interface ShortcutOptions {
  /// False to switch the shortcut off (nothing selected, say); default true.
  enabled?: boolean;
}

/// Calls `handler` when one of the action's keys is pressed while the action's scope is the
/// innermost one (or the action is global). Single keys are ignored while typing in a field.
/// The id is checked against the app's registry; a test with its own registry names its ids:
/// `useShortcut<TestId>("test.next", …)`.
export function useShortcut<Id extends string = ShortcutId>(
  id: NoInfer<Id>,
  handler: (event: KeyboardEvent) => void,
  options: ShortcutOptions = {},
): void {
  const { registry, active } = useShortcutState("useShortcut");
  const action = registry.get(id);
  const live = (options.enabled ?? true) && (action.scope === "global" || action.scope === active);
  const singles = action.keys.filter((key) => !isCombo(key));
  const combos = action.keys.filter(isCombo);
  const run = (event: KeyboardEvent) => handler(event);
  useHotkeys(singles, run, {
    enabled: live && singles.length > 0,
    useKey: true, // the character produced, on any layout;
    ignoreModifiers: true, // Shift may have been needed to produce it,
    ignoreEventWhen: (event) =>
      event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target), // the others not
    preventDefault: true,
  });
  useHotkeys(combos, run, {
    enabled: live && combos.length > 0,
    enableOnFormTags: true,
    enableOnContentEditable: true,
    preventDefault: true,
  });
}

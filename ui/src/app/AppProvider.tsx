// What every screen of the window can rely on: today the keyboard shortcut registry and its
// scope stack (lib/useShortcut.tsx).
import type { ReactNode } from "react";
import { ShortcutProvider } from "../lib/useShortcut";

export function AppProvider({ children }: { children: ReactNode }) {
  return <ShortcutProvider>{children}</ShortcutProvider>;
}

import { useEffect } from "react";

/// Puts `name` on the page's root element while `on` (and the component is mounted), so that
/// the app's own styles can change around a feature: the presenter view folds the app's
/// chrome away with `presenting`.
export function useDocumentClass(name: string, on: boolean): void {
  useEffect(() => {
    if (!on) return;
    const root = document.documentElement;
    root.classList.add(name);
    return () => root.classList.remove(name);
  }, [name, on]);
}

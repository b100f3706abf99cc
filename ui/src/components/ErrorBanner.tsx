import type { IpcError } from "../bindings";

/// An error that concerns no particular field.
export function ErrorBanner({ error }: { error: IpcError | null }) {
  if (!error || error.field) return null;
  return (
    <p className="banner-error" role="alert">
      {error.message}
    </p>
  );
}

import type { IpcError } from "../../bindings";
import { bannerMessage } from "./words";

/// An error that none of the fields on screen (`shown`) claims, in words, as an alert.
export function Problem({ error, shown = [] }: { error: IpcError | null; shown?: string[] }) {
  if (!error) return null;
  if (error.field && shown.some((f) => error.field === f || error.field!.startsWith(`${f}.`))) return null;
  return (
    <p className="banner-error" role="alert">
      {bannerMessage(error)}
    </p>
  );
}

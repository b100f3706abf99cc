import type { IpcError } from "../../bindings";
import { bannerMessage } from "../../lib/errors";

/// An error that none of the fields on screen (`shown`) claims, in words, as an alert.
export function Problem({ error, shown = [] }: { error: IpcError | null; shown?: string[] }) {
  const message = bannerMessage(error, shown);
  if (message === null) return null;
  return (
    <p className="banner-error" role="alert">
      {message}
    </p>
  );
}

// The one way a component calls the app's commands and shows what went wrong: `run` does
// the work (one command or several, and what follows them), keeps the error the work was
// rejected with as an IpcError, and tells whether work is running; `errorAt(field)` is the
// error for one form field, `banner(shown)` the error no field on screen claims.
import { useCallback, useMemo, useState } from "react";
import type { IpcError } from "../bindings";
import { asIpcError, bannerMessage, errorAt } from "./errors";

export type RunOptions = {
  /// Called with the error when the work is rejected (to move the focus, undo a change…).
  onError?: (error: IpcError) => void;
  /// Keep the error on screen when the work succeeds (a load beside others that may have
  /// failed); by default a success clears it.
  keepError?: boolean;
  /// For a load in an effect: when this says the work is stale as it settles (the effect
  /// was cleaned up), its error is dropped.
  stale?: () => boolean;
};

export type Command = {
  /// Does the work; returns its result, or undefined when it was rejected.
  run: <T>(work: () => Promise<T>, options?: RunOptions) => Promise<T | undefined>;
  /// Whether work started by `run` is still going.
  running: boolean;
  /// The error of the last work that was rejected, until a later one succeeds.
  error: IpcError | null;
  /// Shows an error found before any command ran (a check in the form), or clears it.
  setError: (error: IpcError | null) => void;
  /// The error for one form field, if it concerns that field or one of its parts.
  errorAt: (field: string) => string | undefined;
  /// The error to show on its own, unless one of the fields on screen claims it.
  banner: (shown?: string[]) => string | null;
};

export function useCommand(): Command {
  const [error, setError] = useState<IpcError | null>(null);
  const [count, setCount] = useState(0);
  const run = useCallback(async <T,>(work: () => Promise<T>, options: RunOptions = {}): Promise<T | undefined> => {
    setCount((n) => n + 1);
    try {
      const result = await work();
      if (!options.keepError && !options.stale?.()) setError(null);
      return result;
    } catch (e) {
      const err = asIpcError(e);
      if (options.stale?.()) return undefined;
      setError(err);
      options.onError?.(err);
      return undefined;
    } finally {
      setCount((n) => n - 1);
    }
  }, []);
  return useMemo(
    () => ({
      run,
      running: count > 0,
      error,
      setError,
      errorAt: (field: string) => errorAt(error, field),
      banner: (shown: string[] = []) => bannerMessage(error, shown),
    }),
    [run, count, error],
  );
}

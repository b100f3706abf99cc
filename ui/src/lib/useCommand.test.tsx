// One way to call a command: run the work, keep its error as an IpcError, clear it when
// later work succeeds, and drop what a stale load says.
import { describe, expect, it, vi } from "vitest";
import { act, renderHook } from "@testing-library/react";
import { useCommand } from "./useCommand";

const refusal = { code: "invalid", field: "fields.title", value: "", reason: "must not be empty", message: "Give the risk a title." };

describe("useCommand", () => {
  it("returns the work's result, or undefined with the error kept for its field", async () => {
    const { result } = renderHook(() => useCommand());
    let answer: number | undefined;
    await act(async () => {
      answer = await result.current.run(async () => 42);
    });
    expect(answer).toBe(42);
    expect(result.current.error).toBeNull();

    const onError = vi.fn();
    await act(async () => {
      answer = await result.current.run(
        async () => {
          throw refusal;
        },
        { onError },
      );
    });
    expect(answer).toBeUndefined();
    expect(onError).toHaveBeenCalledWith(refusal);
    expect(result.current.error).toEqual(refusal);
    expect(result.current.errorAt("fields")).toBe("Give the risk a title.");
    expect(result.current.errorAt("fields.title")).toBe("Give the risk a title.");
    expect(result.current.errorAt("title")).toBeUndefined();
    expect(result.current.banner(["fields"])).toBeNull();
    expect(result.current.banner()).toBe("Give the risk a title.");

    // A load beside it keeps the error; a change that succeeds clears it.
    await act(async () => {
      await result.current.run(async () => null, { keepError: true });
    });
    expect(result.current.error).toEqual(refusal);
    await act(async () => {
      await result.current.run(async () => null);
    });
    expect(result.current.error).toBeNull();
  });

  it("tells whether work is running, and drops a stale load's error", async () => {
    const { result } = renderHook(() => useCommand());
    let finish: () => void = () => undefined;
    let pending: Promise<unknown> = Promise.resolve();
    act(() => {
      pending = result.current.run(() => new Promise<void>((resolve) => (finish = resolve)));
    });
    expect(result.current.running).toBe(true);
    await act(async () => {
      finish();
      await pending;
    });
    expect(result.current.running).toBe(false);

    await act(async () => {
      await result.current.run(
        async () => {
          throw refusal;
        },
        { stale: () => true },
      );
    });
    expect(result.current.error).toBeNull();
    await act(async () => {
      await result.current.run(async () => {
        throw new Error("the web view failed");
      });
    });
    expect(result.current.error).toEqual({ code: "internal", message: "the web view failed" });
  });
});

import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { IpcError, Matrix, MatrixCheck } from "../../bindings";
import { matrix5 } from "../../test/fixtures";
import { argsOf, mockCommands, type Call, type Handlers } from "../../test/ipc";
import { MatrixEditor } from "./MatrixEditor";

const custom: Matrix = { ...matrix5, id: "m1", name: "Our 5×5", preset: null };

const mock = (handlers: Handlers) => mockCommands(handlers, "throw");

const clean: MatrixCheck = { warnings: [], distinct_levels: 4 };
/// The matrices sent to checkMatrix, in order.
const checks = (calls: Call[]) => argsOf(calls, "checkMatrix").map((a) => a.matrix);

describe("MatrixEditor", () => {
  it("cycles a cell to the next level on click and checks the new grid", async () => {
    const calls = mock({ checkMatrix: () => clean });
    const user = userEvent.setup();
    render(<MatrixEditor matrix={custom} onSaved={vi.fn()} onCancel={vi.fn()} />);
    await waitFor(() => expect(checks(calls)).toHaveLength(1));

    await user.click(screen.getByRole("button", { name: "Likelihood 3 Possible, impact 4 Major: High" }));

    expect(screen.getByRole("button", { name: "Likelihood 3 Possible, impact 4 Major: Critical" })).toBeInTheDocument();
    await waitFor(() => expect(checks(calls)).toHaveLength(2));
    expect(checks(calls)[1]!.grid[2][3]).toBe(3);
    // Nothing else of the grid moved.
    expect(checks(calls)[1]!.grid[2]).toEqual([0, 1, 1, 3, 2]);

    // The highest level wraps round to the lowest; Shift+click goes back down.
    await user.click(screen.getByRole("button", { name: "Likelihood 3 Possible, impact 4 Major: Critical" }));
    expect(screen.getByRole("button", { name: "Likelihood 3 Possible, impact 4 Major: Low" })).toBeInTheDocument();
    await user.keyboard("{Shift>}");
    await user.click(screen.getByRole("button", { name: "Likelihood 3 Possible, impact 4 Major: Low" }));
    await user.keyboard("{/Shift}");
    expect(screen.getByRole("button", { name: "Likelihood 3 Possible, impact 4 Major: Critical" })).toBeInTheDocument();
  });

  it("debounces the check while the user types", async () => {
    const calls = mock({ checkMatrix: () => clean });
    const user = userEvent.setup();
    render(<MatrixEditor matrix={custom} onSaved={vi.fn()} onCancel={vi.fn()} />);
    await waitFor(() => expect(checks(calls)).toHaveLength(1));

    const name = screen.getByRole("textbox", { name: "Matrix name" });
    await user.clear(name);
    await user.type(name, "Board matrix");

    await waitFor(() => expect(checks(calls).at(-1)!.name).toBe("Board matrix"));
    // Far fewer checks than keystrokes.
    expect(checks(calls).length).toBeLessThan(5);
  });

  it("shows the warnings, highlights non-monotonic cells and counts reachable levels", async () => {
    mock({
      checkMatrix: (): MatrixCheck => ({
        warnings: [
          {
            kind: "not_monotonic",
            cell: { likelihood: 2, impact: 3 },
            level: "Low",
            dominated: { likelihood: 1, impact: 3 },
            dominated_level: "Medium",
          },
          { kind: "unused_level", level: "Critical" },
        ],
        distinct_levels: 3,
      }),
    });
    render(<MatrixEditor matrix={custom} onSaved={vi.fn()} onCancel={vi.fn()} />);

    expect(await screen.findByText("3 of 4 levels reachable")).toBeInTheDocument();
    const warnings = screen.getByRole("list", { name: "Warnings" });
    expect(within(warnings).getAllByRole("listitem")).toHaveLength(2);
    expect(within(warnings).getByText(/Cell likelihood 2 Unlikely, impact 3 Moderate is Low/)).toBeInTheDocument();
    expect(within(warnings).getByText("Level Critical is not used by any cell.")).toBeInTheDocument();

    const flagged = screen.getByRole("button", { name: "Likelihood 2 Unlikely, impact 3 Moderate: Medium" });
    expect(flagged).toHaveAttribute("data-warning", "true");
    expect(flagged).toHaveClass("mx-flag");
    const fine = screen.getByRole("button", { name: "Likelihood 1 Rare, impact 3 Moderate: Low" });
    expect(fine).not.toHaveAttribute("data-warning");
  });

  it("shows a structure error from check_matrix next to the field it concerns", async () => {
    mock({
      checkMatrix: ({ matrix }) => {
        if (!/^#[0-9A-Fa-f]{6}$/.test(matrix.levels[0].colour)) {
          const error: IpcError = {
            code: "invalid",
            field: "levels[0].colour",
            value: matrix.levels[0].colour,
            reason: "a colour is written #RRGGBB",
            message: "A colour is written #RRGGBB.",
          };
          throw error;
        }
        return clean;
      },
    });
    const user = userEvent.setup();
    render(<MatrixEditor matrix={custom} onSaved={vi.fn()} onCancel={vi.fn()} />);
    await screen.findByText("4 of 4 levels reachable");

    const lowest = screen.getByRole("group", { name: "Level 1 (lowest)" });
    const hex = within(lowest).getByRole("textbox", { name: "Colour" });
    await user.clear(hex);
    await user.type(hex, "#zz");

    await waitFor(() =>
      expect(hex).toHaveAccessibleDescription("A colour is written #RRGGBB."),
    );
    expect(hex).toHaveAttribute("aria-invalid", "true");
    expect(within(lowest).getByRole("alert")).toHaveTextContent("A colour is written #RRGGBB.");
    // Not shown at another level's colour.
    const next = screen.getByRole("group", { name: "Level 2" });
    expect(within(next).queryByRole("alert")).toBeNull();

    // Fixing it clears the error.
    await user.clear(hex);
    await user.type(hex, "#1B5E20");
    await waitFor(() => expect(within(lowest).queryByRole("alert")).toBeNull());
  });

  it("shows an axis error at the label of that axis level (1-based in the core's path)", async () => {
    mock({
      checkMatrix: ({ matrix }) => {
        if (matrix.likelihood[2].label.trim() === "") {
          throw {
            code: "invalid",
            field: "likelihood[3].label",
            value: "",
            reason: "must not be empty",
            message: "Fill in the label of likelihood level 3.",
          };
        }
        return clean;
      },
    });
    const user = userEvent.setup();
    render(<MatrixEditor matrix={custom} onSaved={vi.fn()} onCancel={vi.fn()} />);
    const group = screen.getByRole("group", { name: "Likelihood 3" });
    const label = within(group).getByRole("textbox", { name: "Label" });
    await user.clear(label);

    await waitFor(() => expect(label).toHaveAccessibleDescription("Fill in the label of likelihood level 3."));
    expect(within(screen.getByRole("group", { name: "Likelihood 2" })).queryByRole("alert")).toBeNull();
    expect(screen.getByText(/Fix the error first/)).toBeInTheDocument();
  });

  it("saves the edited matrix with update_matrix and hands the result to onSaved", async () => {
    const calls = mock({ checkMatrix: () => clean, updateMatrix: ({ matrix }) => matrix });
    const onSaved = vi.fn();
    const user = userEvent.setup();
    render(<MatrixEditor matrix={custom} onSaved={onSaved} onCancel={vi.fn()} />);

    const name = screen.getByRole("textbox", { name: "Matrix name" });
    await user.clear(name);
    await user.type(name, "Board matrix");
    const critical = screen.getByRole("group", { name: "Level 4 (highest)" });
    const days = within(critical).getByRole("spinbutton", { name: "Review every (days)" });
    await user.clear(days);
    await user.type(days, "14");
    await user.click(within(critical).getByRole("checkbox", { name: "Within appetite" }));
    await user.click(screen.getByRole("button", { name: "Likelihood 1 Rare, impact 1 Insignificant: Low" }));
    await user.click(screen.getByRole("button", { name: "Save matrix" }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    const saved = argsOf(calls, "updateMatrix")[0]!.matrix;
    expect(saved.id).toBe("m1");
    expect(saved.name).toBe("Board matrix");
    expect(saved.levels[3]).toMatchObject({ review_days: 14, within_appetite: true });
    expect(saved.grid[0][0]).toBe(1);
    expect(saved.likelihood).toEqual(custom.likelihood);
    expect(onSaved.mock.calls[0][0]).toEqual(saved);
  });

  it("shows a save error at its field and an error without a known field in a banner", async () => {
    let reply: IpcError = {
      code: "conflict",
      field: "name",
      value: "Our 5×5",
      reason: "another matrix has this name",
      message: "Another matrix has this name.",
    };
    mock({
      checkMatrix: () => clean,
      updateMatrix: () => {
        throw reply;
      },
    });
    const onSaved = vi.fn();
    const user = userEvent.setup();
    render(<MatrixEditor matrix={custom} onSaved={onSaved} onCancel={vi.fn()} />);

    await user.click(screen.getByRole("button", { name: "Save matrix" }));
    const name = screen.getByRole("textbox", { name: "Matrix name" });
    await waitFor(() => expect(name).toHaveAccessibleDescription("Another matrix has this name."));
    expect(onSaved).not.toHaveBeenCalled();

    reply = {
      code: "invalid",
      field: "matrix",
      value: "X",
      reason: "built-in matrices cannot be edited; clone one and edit the copy",
      message: "Built-in matrices cannot be edited; clone one and edit the copy.",
    };
    await user.click(screen.getByRole("button", { name: "Save matrix" }));
    expect(await screen.findByText(/Built-in matrices cannot be edited/)).toHaveClass("banner-error");
    expect(name).not.toHaveAccessibleDescription();
  });

  it("cancels without saving", async () => {
    const calls = mock({ checkMatrix: () => clean });
    const onCancel = vi.fn();
    const user = userEvent.setup();
    render(<MatrixEditor matrix={custom} onSaved={vi.fn()} onCancel={onCancel} />);
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onCancel).toHaveBeenCalled();
    expect(calls.some((c) => c.command === "updateMatrix")).toBe(false);
  });
});

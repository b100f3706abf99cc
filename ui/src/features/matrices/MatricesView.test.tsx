import { describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { IpcError, Matrix, MatrixCheck } from "../../bindings";
import { matrix5 } from "../../test/fixtures";
import { MatricesView } from "./MatricesView";
import { argsOf, mockCommands, type Handlers } from "../../test/ipc";

const mock = (handlers: Handlers) => mockCommands(handlers, "throw");

const custom: Matrix = {
  ...matrix5,
  id: "m1",
  name: "Board 5×5",
  description: "Agreed with the audit committee.",
  preset: null,
  likelihood: matrix5.likelihood.map((l, i) => (i === 4 ? { ...l, range: "> 90 % in 12 months" } : l)),
};

const clean: MatrixCheck = { warnings: [], distinct_levels: 4 };

describe("MatricesView", () => {
  it("lists presets and custom matrices and shows the selected one read-only", async () => {
    mock({ matrices: () => [matrix5, custom] });
    const user = userEvent.setup();
    render(<MatricesView />);

    const presets = await screen.findByRole("region", { name: "Presets" });
    const item = within(presets).getByRole("button", { name: /Standard 5×5/ });
    expect(item).toHaveTextContent("5×5");
    expect(within(item).getByText("Critical")).toHaveClass("chip");
    expect(item).toHaveAttribute("aria-current", "true");
    expect(within(screen.getByRole("region", { name: "Custom" })).getByRole("button", { name: /Board 5×5/ })).toBeInTheDocument();

    // A preset: read-only, no Edit or Delete.
    expect(screen.getByRole("heading", { name: "Standard 5×5", level: 2 })).toBeInTheDocument();
    expect(screen.getByText("Built-in, read-only")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Clone…" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Edit" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Delete…" })).toBeNull();

    // The grid: highest likelihood on top, impact left to right, each cell its level.
    const grid = screen.getByRole("table", { name: /level of each likelihood and impact/ });
    const rows = within(grid).getAllByRole("row");
    expect(within(rows[0]).getByRole("rowheader")).toHaveTextContent("5 Almost certain");
    expect(within(rows[4]).getByRole("rowheader")).toHaveTextContent("1 Rare");
    expect(within(rows[0]).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "Medium",
      "High",
      "High",
      "Critical",
      "Critical",
    ]);
    expect(within(rows[4]).getAllByRole("cell")[0]).toHaveStyle({ background: "#2E7D32" });
    expect(within(grid).getAllByRole("columnheader").map((c) => c.textContent)).toEqual([
      "1 Insignificant",
      "2 Minor",
      "3 Moderate",
      "4 Major",
      "5 Severe",
    ]);
    expect(within(grid).queryByRole("button")).toBeNull();

    // Levels with colour, review interval and appetite.
    const levels = screen.getByRole("table", { name: "Risk levels" });
    const critical = within(levels).getByRole("row", { name: /Critical/ });
    expect(critical).toHaveTextContent("#C62828");
    expect(critical).toHaveTextContent("30 days");
    expect(critical).toHaveTextContent("No");

    await user.click(screen.getByRole("button", { name: /Board 5×5/ }));
    expect(screen.getByRole("heading", { name: "Board 5×5", level: 2 })).toBeInTheDocument();
    expect(screen.getByText("Agreed with the audit committee.")).toBeInTheDocument();
    expect(screen.getAllByText("> 90 % in 12 months").length).toBeGreaterThan(0);
    const likelihood = screen.getByRole("table", { name: "Likelihood (highest first)" });
    expect(within(likelihood).getByRole("row", { name: /Almost certain/ })).toHaveTextContent("Almost certain description");
    expect(screen.getByRole("button", { name: "Edit" })).toBeInTheDocument();
  });

  it("clones a matrix under the given name and selects the copy", async () => {
    let list = [matrix5];
    const copy: Matrix = { ...matrix5, id: "m9", name: "Our matrix", preset: null };
    const calls = mock({
      matrices: () => list,
      cloneMatrix: () => {
        list = [matrix5, copy];
        return copy;
      },
    });
    const user = userEvent.setup();
    render(<MatricesView />);
    await user.click(await screen.findByRole("button", { name: "Clone…" }));

    const dialog = screen.getByRole("dialog", { name: "Clone Standard 5×5" });
    const name = within(dialog).getByRole("textbox", { name: "Name of the copy" });
    expect(name).toHaveValue("Standard 5×5 (copy)");
    await user.clear(name);
    await user.type(name, "Our matrix");
    await user.click(within(dialog).getByRole("button", { name: "Clone" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(argsOf(calls, "cloneMatrix")[0]).toEqual({ source: "preset-5x5", name: "Our matrix" });
    expect(await screen.findByRole("heading", { name: "Our matrix", level: 2 })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /Our matrix/ })).toHaveAttribute("aria-current", "true");
  });

  it("shows a clone error at the name field", async () => {
    const taken: IpcError = {
      code: "conflict",
      field: "name",
      value: "Board 5×5",
      reason: "another matrix has this name",
      message: "Another matrix has this name.",
    };
    mock({
      matrices: () => [matrix5, custom],
      cloneMatrix: () => {
        throw taken;
      },
    });
    const user = userEvent.setup();
    render(<MatricesView />);
    await user.click(await screen.findByRole("button", { name: "Clone…" }));
    const dialog = screen.getByRole("dialog");
    const name = within(dialog).getByRole("textbox", { name: "Name of the copy" });
    await user.clear(name);
    await user.type(name, "Board 5×5{Enter}");
    await waitFor(() => expect(name).toHaveAccessibleDescription("Another matrix has this name."));
    expect(screen.getByRole("dialog")).toBeInTheDocument();
  });

  it("deletes a custom matrix after confirmation and shows the core's refusal", async () => {
    let inUse = true;
    let list = [matrix5, custom];
    const calls = mock({
      matrices: () => list,
      deleteMatrix: () => {
        if (inUse) {
          const error: IpcError = {
            code: "conflict",
            field: "matrix",
            value: "Board 5×5",
            reason: "2 partnership(s) still use this matrix",
            message: "2 partnership(s) still use this matrix.",
          };
          throw error;
        }
        list = [matrix5];
        return null;
      },
    });
    const user = userEvent.setup();
    render(<MatricesView />);
    await user.click(await screen.findByRole("button", { name: /Board 5×5/ }));
    await user.click(screen.getByRole("button", { name: "Delete…" }));

    const dialog = screen.getByRole("dialog", { name: "Delete matrix" });
    expect(argsOf(calls, "deleteMatrix").length > 0).toBe(false);
    await user.click(within(dialog).getByRole("button", { name: "Delete matrix" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("2 partnership(s) still use this matrix.");

    inUse = false;
    await user.click(within(dialog).getByRole("button", { name: "Delete matrix" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(argsOf(calls, "deleteMatrix")).toEqual([{ id: "m1" }, { id: "m1" }]);
    expect(await screen.findByText("None yet: clone a preset to make your own.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Standard 5×5", level: 2 })).toBeInTheDocument();
  });

  it("edits a custom matrix and shows the saved version", async () => {
    const calls = mock({
      matrices: () => [matrix5, custom],
      checkMatrix: () => clean,
      updateMatrix: ({ matrix }) => matrix,
    });
    const user = userEvent.setup();
    render(<MatricesView />);
    await user.click(await screen.findByRole("button", { name: /Board 5×5/ }));
    await user.click(screen.getByRole("button", { name: "Edit" }));

    const editor = screen.getByRole("form", { name: "Edit matrix Board 5×5" });
    await user.click(within(editor).getByRole("button", { name: "Likelihood 5 Almost certain, impact 1 Insignificant: Medium" }));
    const name = within(editor).getByRole("textbox", { name: "Matrix name" });
    await user.clear(name);
    await user.type(name, "Board 5×5 v2");
    await user.click(within(editor).getByRole("button", { name: "Save matrix" }));

    expect(await screen.findByRole("heading", { name: "Board 5×5 v2", level: 2 })).toBeInTheDocument();
    const saved = argsOf(calls, "updateMatrix")[0]!.matrix;
    expect(saved.grid[4][0]).toBe(2);
    const grid = screen.getByRole("table", { name: /level of each likelihood and impact/ });
    expect(within(within(grid).getAllByRole("row")[0]).getAllByRole("cell")[0]).toHaveTextContent("High");
  });
});

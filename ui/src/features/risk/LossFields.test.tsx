import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import type { LossEstimate } from "../../bindings";
import { LossFields } from "./LossFields";

function Harness({ onChange }: { onChange: (e: LossEstimate | null) => void }) {
  const [value, setValue] = useState<LossEstimate | null>(null);
  return (
    <LossFields
      stage="residual"
      value={value}
      onChange={(e) => {
        setValue(e);
        onChange(e);
      }}
    />
  );
}

describe("LossFields", () => {
  it("builds a stage's estimate from what is typed", async () => {
    const changed = vi.fn();
    render(<Harness onChange={changed} />);
    await userEvent.selectOptions(screen.getByLabelText("How often (residual)"), "Events a year");
    await userEvent.type(screen.getByLabelText("Events a year (residual)"), "0.5");
    await userEvent.selectOptions(screen.getByLabelText("Loss per event (residual)"), "90 % range");
    await userEvent.type(screen.getByLabelText("Low (residual)"), "50,000");
    await userEvent.type(screen.getByLabelText("High (residual)"), "2000000");
    expect(changed).toHaveBeenLastCalledWith({
      frequency: { kind: "rate", per_year: 0.5 },
      loss: { kind: "range", low: 50_000, high: 2_000_000 },
    });
    await userEvent.selectOptions(screen.getByLabelText("How often (residual)"), "Chance in a year");
    await userEvent.type(screen.getByLabelText("Chance (%) (residual)"), "30");
    expect(changed.mock.lastCall![0].frequency).toEqual({ kind: "probability", p: 0.3 });
    await userEvent.selectOptions(screen.getByLabelText("How often (residual)"), "Not estimated");
    await userEvent.selectOptions(screen.getByLabelText("Loss per event (residual)"), "Not estimated");
    expect(changed).toHaveBeenLastCalledWith(null);
  });

  it("shows the cell the saved numbers fall in and the core's refusal", () => {
    render(
      <LossFields
        stage="residual"
        value={{ frequency: { kind: "rate", per_year: 0.5 }, loss: { kind: "range", low: 5e4, high: 2e6 } }}
        onChange={vi.fn()}
        error="The low end is above the high end."
        cell={{
          stage: "residual",
          chosen: { likelihood: 1, impact: 1 },
          implied: { likelihood: 4, impact: 3 },
          steps: 3,
          disagrees: true,
        }}
      />,
    );
    const alerts = screen.getAllByRole("alert");
    expect(alerts[0]).toHaveTextContent("The saved numbers fall in cell L4 I3 (chosen: L1 I1) — more than one step apart.");
    expect(alerts[1]).toHaveTextContent("The low end is above the high end.");
    expect(screen.getByLabelText("Events a year (residual)")).toHaveValue("0.5");
  });

  it("offers the saved cell's bands as a first estimate while there is none", async () => {
    const changed = vi.fn();
    const suggestion: LossEstimate = {
      frequency: { kind: "rate_range", low: 0.105, high: 0.357 },
      loss: { kind: "range", low: 50_000, high: 500_000 },
    };
    const { rerender } = render(<LossFields stage="target" value={null} onChange={changed} suggestion={suggestion} />);
    expect(screen.getByText("0.105–0.357 events a year, 50k–500k per event")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Start from the cell's bands" }));
    expect(changed).toHaveBeenLastCalledWith(suggestion);
    // Once there are numbers, they are the user's: no offer.
    rerender(<LossFields stage="target" value={suggestion} onChange={changed} suggestion={suggestion} />);
    expect(screen.queryByRole("button", { name: "Start from the cell's bands" })).not.toBeInTheDocument();
  });
});

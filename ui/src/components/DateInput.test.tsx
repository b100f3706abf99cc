import { useState } from "react";
import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import { DateInput } from "./DateInput";
import { dateOrder, readDate } from "../lib/dates";

function Harness({ initial = "" }: { initial?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <label>
      Date
      <DateInput value={value} onValue={setValue} />
    </label>
  );
}

describe("DateInput", () => {
  it("says the order it is typed in, what it read, and flags an implausible year", () => {
    render(<Harness />);
    const input = screen.getByLabelText(/^Date/);
    const said = () => document.getElementById(input.getAttribute("aria-describedby")!.split(" ").pop()!)!;
    expect(said()).toHaveTextContent(`Typed as ${dateOrder()}`);
    expect(dateOrder("en-US")).toBe("MM/DD/YYYY");
    expect(dateOrder("de-DE")).toBe("DD.MM.YYYY");

    fireEvent.change(input, { target: { value: "2027-03-18" } });
    expect(said()).toHaveTextContent(`read as ${readDate("2027-03-18").text}`);
    expect(readDate("2027-03-18", "en-GB").text).toBe("Thursday, 18 March 2027");
    expect(input).not.toHaveAttribute("aria-invalid");

    // The slip: 2027-03-18 typed in the wrong order arrives as 0018-12-03.
    fireEvent.change(input, { target: { value: "0018-12-03" } });
    expect(said()).toHaveTextContent(/0018.*the year must be 1990 to 2200/);
    expect(input).toHaveAttribute("aria-invalid", "true");
    // No min/max: the form still submits, so that the core's refusal shows at the field.
    expect(input).not.toHaveAttribute("min");
  });
});

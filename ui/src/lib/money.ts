// How amounts of money and probabilities are written (the loss screens, the portfolio).

/// 1234567 → "1,234,567".
export function amount(x: number): string {
  return Math.round(x).toLocaleString("en-US");
}

/// 1234567 → "1.2M"; 50000 → "50k".
export function shortAmount(x: number): string {
  const a = Math.abs(x);
  const [v, unit] = a >= 1e9 ? [x / 1e9, "bn"] : a >= 1e6 ? [x / 1e6, "M"] : a >= 1e3 ? [x / 1e3, "k"] : [x, ""];
  const text = Math.abs(v) >= 10 || Number.isInteger(Math.round(v * 10) / 10) && Math.abs(v - Math.round(v)) < 0.05 ? v.toFixed(0) : v.toFixed(1);
  return `${text}${unit}`;
}

/// 0.1234 → "12.3 %"; 0.0012 → "0.12 %".
export function percent(p: number): string {
  const pct = p * 100;
  return pct > 0 && pct < 1 ? `${pct.toFixed(2)} %` : `${pct.toFixed(1)} %`;
}

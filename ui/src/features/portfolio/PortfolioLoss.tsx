// Loss across the portfolio (issue 24): every partnership not archived simulated together,
// the curve of each stage and the figures; a portfolio whose partnerships use different
// currencies is refused in words. The kept run is shown until it is run again.
import { Channel } from "@tauri-apps/api/core";
import { useEffect, useMemo, useState } from "react";
import { api } from "../../api";
import type { QuantResults } from "../../bindings";
import { LossChart, type Curve } from "../../components/charts/LossCurves";
import { amount, percent } from "../../lib/money";
import { useCommand } from "../../lib/useCommand";

export function PortfolioLoss() {
  const [results, setResults] = useState<QuantResults | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const { run, banner } = useCommand();
  // A refusal here (years, currencies) has no field on this screen: say it above.
  const message = banner();

  useEffect(() => {
    let gone = false;
    void run(
      async () => {
        const r = await api.quantResults("portfolio");
        if (!gone) setResults(r);
      },
      { stale: () => gone },
    );
    return () => {
      gone = true;
    };
  }, [run]);

  const simulate = () =>
    run(async () => {
      const channel = new Channel<number>();
      channel.onmessage = setProgress;
      setProgress(0);
      try {
        setResults(await api.runQuant("portfolio", { stages: [], years: null, seed: null }, channel));
      } finally {
        setProgress(null);
      }
    });

  const stages = useMemo(() => (results?.stages ?? []).filter((s) => s.figures.risks > 0), [results]);
  const curves: Curve[] = useMemo(() => stages.map((s) => ({ stage: s.stage, points: s.figures.curve })), [stages]);
  const currency = results?.currency ?? "";

  return (
    <section className="portfolio-loss" aria-label="Loss across the portfolio">
      <div className="portfolio-loss-head">
        <h3>Loss across the portfolio</h3>
        <button type="button" onClick={() => void simulate()} disabled={progress !== null}>
          Simulate the portfolio
        </button>
        {progress !== null && <span role="status">Simulating… {Math.round(progress * 100)} %</span>}
      </div>
      {message && (
        <p className="banner-error" role="alert">
          {message}
        </p>
      )}
      {stages.length === 0 ? (
        <p className="muted">No portfolio simulation kept yet: it adds up every partnership's money estimates.</p>
      ) : (
        <>
          <LossChart curves={curves} tolerance={null} height={260} />
          <table className="portfolio-loss-figures">
            <caption>Annual loss of the portfolio{currency ? ` in ${currency}` : ""}</caption>
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col">Risks</th>
                <th scope="col">Mean</th>
                <th scope="col">P95</th>
                <th scope="col">P99</th>
                <th scope="col">P(loss)</th>
              </tr>
            </thead>
            <tbody>
              {stages.map((s) => (
                <tr key={s.stage}>
                  <th scope="row">
                    {s.stage}
                    {s.out_of_date ? " (out of date)" : ""}
                  </th>
                  <td>{s.figures.risks}</td>
                  <td>{amount(s.figures.mean)}</td>
                  <td>{amount(s.figures.p95)}</td>
                  <td>{amount(s.figures.p99)}</td>
                  <td>{percent(s.figures.p_any_loss)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

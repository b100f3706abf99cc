// Every partnership in one table — open risks by level, appetite, reviews, overdue
// actions, acceptances running out — so an analyst sees where to look first.
import { useEffect, useMemo, useState } from "react";
import { api } from "../../api";
import type {
  Matrix,
  PartnershipSummary,
  PortfolioExport,
  PortfolioRow,
  QueueFilter,
  ReadinessLevel,
  RiskFilter,
} from "../../bindings";
import { useCommand } from "../../lib/useCommand";
import { ErrorBanner } from "../../components/ErrorBanner";
import { PortfolioTable } from "./PortfolioTable";
import { PortfolioLoss } from "./PortfolioLoss";
import "./portfolio.css";

export function PortfolioView({
  version = 0,
  onOpenRegister,
  onOpenQueue,
  onOpenExit,
  onNew,
}: {
  /// Bumped by the shell after every change, to reload the figures.
  version?: number;
  onOpenRegister: (partnershipId: string, filter: RiskFilter) => void;
  onOpenQueue: (filter: QueueFilter) => void;
  /// Opens a partnership's exit plan (from its readiness).
  onOpenExit?: (partnershipId: string) => void;
  onNew?: () => void;
}) {
  const [rows, setRows] = useState<PortfolioRow[] | null>(null);
  // Which matrix each partnership uses: the portfolio names it, the appetite link needs its levels.
  const [partnerships, setPartnerships] = useState<PartnershipSummary[]>([]);
  const [matrices, setMatrices] = useState<Matrix[]>([]);
  const [exitLevels, setExitLevels] = useState<Map<string, ReadinessLevel>>(new Map());
  const { run, error } = useCommand();
  const [exported, setExported] = useState<PortfolioExport | null>(null);
  const [exporting, setExporting] = useState(false);

  const exportPdf = async () => {
    setExporting(true);
    await run(async () => {
      const done = await api.exportPortfolioPdf("");
      if (done) setExported(done);
    });
    setExporting(false);
  };

  useEffect(() => {
    let live = true;
    void run(
      async () => {
        const [portfolio, list, all] = await Promise.all([api.portfolio(), api.listPartnerships(false), api.matrices()]);
        if (!live) return;
        setRows(portfolio);
        setPartnerships(list);
        setMatrices(all);
      },
      { stale: () => !live },
    );
    // The exit column is a help beside the figures: the table shows without it.
    api.exitStatuses().then(
      (all) => live && setExitLevels(new Map((all ?? []).map((x) => [x.partnership_id, x.level]))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [version, run]);

  const matrixOf = useMemo(() => {
    const byId = new Map(matrices.map((m) => [m.id, m]));
    const of = new Map(partnerships.map((p) => [p.id, byId.get(p.matrix_id)]));
    return (partnershipId: string) => of.get(partnershipId);
  }, [partnerships, matrices]);

  if (!rows) {
    return (
      <>
        <ErrorBanner error={error} />
        {!error && <p className="muted">Loading…</p>}
      </>
    );
  }
  if (rows.length === 0) {
    return (
      <div className="empty">
        <h2>No partnerships yet</h2>
        <p>The portfolio compares every partnership that is not archived. Create one to see its figures here.</p>
        {onNew && (
          <button type="button" className="primary" onClick={onNew}>
            New partnership…
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="portfolio-view">
      <ErrorBanner error={error} />
      <div className="actions-row portfolio-head">
        <p className="muted">
          Open risks are those not closed, by their residual score (else inherent). Select a figure to see its risks.
        </p>
        <button type="button" onClick={() => void exportPdf()} disabled={exporting}>
          {exporting ? "Exporting…" : "Export PDF…"}
        </button>
      </div>
      {exported && (
        <p role="status" className="portfolio-exported">
          Saved the portfolio ({exported.partnerships} {exported.partnerships === 1 ? "partnership" : "partnerships"},{" "}
          {exported.pages} {exported.pages === 1 ? "page" : "pages"}) to {exported.path}.{" "}
          <button type="button" className="link" onClick={() => void run(() => api.openLastExport(), { keepError: true })}>
            Open
          </button>
        </p>
      )}
      <PortfolioTable
        rows={rows}
        matrixOf={matrixOf}
        onOpenRegister={onOpenRegister}
        onOpenQueue={onOpenQueue}
        exitLevels={exitLevels}
        onOpenExit={onOpenExit}
      />
      <PortfolioLoss />
    </div>
  );
}

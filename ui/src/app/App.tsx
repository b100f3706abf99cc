// The window: partnerships on the left; the selected partnership's register, heat map,
// requirements or workshops (or the matrices) on the right; the risk editor over the register.
import { useCallback, useEffect, useState } from "react";
import { listen } from "@tauri-apps/api/event";
import { api } from "../api";
import { events } from "../bindings";
import { useCommand } from "../lib/useCommand";
import type { DamagedWorkspace, PartnershipSummary, QueueFilter, ReviewCounts, Score, ScoreKind, Whoami, WorkspaceInfo } from "../bindings";
import { ErrorBanner } from "../components/ErrorBanner";
import { emptyFilter } from "../lib/riskFilter";
import { PartnershipNav } from "./PartnershipNav";
import { NewPartnershipDialog } from "../features/partnerships/NewPartnershipDialog";
import { EditPartnershipDialog } from "../features/partnerships/EditPartnershipDialog";
import { RegisterView, type RegisterFilter } from "../features/register/RegisterView";
import { RiskEditor } from "../features/risk/RiskEditor";
import { HeatMapView } from "../features/heatmap/HeatMapView";
import { HealthView } from "../features/health/HealthView";
import { LossView } from "../features/loss/LossView";
import { RequirementsView } from "../features/requirements/RequirementsView";
import { ExitPlanView } from "../features/exit/ExitPlanView";
import { MatricesView } from "../features/matrices/MatricesView";
import { ExportPdfDialog } from "../features/export/ExportPdfDialog";
import { ExportSpreadsheetDialog } from "../features/export/ExportSpreadsheetDialog";
import { ImportAction } from "../features/import/ImportAction";
import { RestoreDialog } from "../features/backups/RestoreDialog";
import { RecoveryScreen } from "../features/backups/RecoveryScreen";
import { WorkshopsView } from "../features/workshop/WorkshopsView";
import { BallotScreen } from "../features/ballot/BallotScreen";
import { PortfolioView } from "../features/portfolio/PortfolioView";
import { ActivityView } from "../features/activity/ActivityView";
import { ReviewQueueView } from "../features/review/ReviewQueueView";
import { WhoamiDialog } from "../features/review/WhoamiDialog";
import { ExchangeMenu, type ExchangeWhat } from "../features/exchange/ExchangeMenu";
import { ExchangeDialogs } from "../features/exchange/ExchangeDialogs";
import { DisagreeView } from "../features/exchange/DisagreeView";
import { useTeamSync } from "../features/team/useTeamSync";
import { SyncStatus } from "../features/team/SyncStatus";
import { ConnectDialog } from "../features/team/ConnectDialog";
import { TeamConflictsDialog } from "../features/team/TeamConflictsDialog";
import { useConflictMarks } from "../features/team/marks";
import { ConflictStepper } from "../features/exchange/ConflictStepper";
import { fieldName } from "../features/exchange/words";

type View = "register" | "heatmap" | "requirements" | "workshops" | "matrices" | "ballot" | "review" | "portfolio" | "activity" | "partnership-activity" | "health" | "exit" | "loss" | "disagree";

/// Risks due for review in a partnership: unreviewed, past due, due soon, or brought back
/// by a health indicator before their day.
const dueOf = (c: ReviewCounts) => c.unreviewed + c.past_due + c.due_soon + c.brought_back;

export function App() {
  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  const [partnerships, setPartnerships] = useState<PartnershipSummary[] | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [view, setView] = useState<View>("register");
  const [openRisk, setOpenRisk] = useState<string | "new" | null>(null);
  const [filter, setFilter] = useState<RegisterFilter>(emptyFilter());
  const [dialog, setDialog] = useState<"new" | "edit" | "pdf" | "sheet" | null>(null);
  // File → Restore from Backup… (the menu lives in the shell, the dialog here).
  const [restoring, setRestoring] = useState(false);
  // The workspace the window was started on failed its integrity check.
  const [damaged, setDamaged] = useState<DamagedWorkspace | null>(null);
  const { run, error } = useCommand();
  const [version, setVersion] = useState(0); // bumped after every change, to reload views
  const [review, setReview] = useState<{ filter?: QueueFilter; key: number }>({ key: 0 });
  const [counts, setCounts] = useState<ReviewCounts[]>([]);
  const [whoami, setWhoami] = useState<Whoami | null>(null);
  const [askName, setAskName] = useState<"first" | "edit" | null>(null);
  // File → Send partnership…, Share with the partner…, Merge a file… (or the Exchange button).
  const [exchange, setExchange] = useState<ExchangeWhat | null>(null);
  // Whether the partnership on screen has the partner's views (Where we disagree shows then).
  const [hasViews, setHasViews] = useState(false);
  // File → Connect to a Team…, and the sync status's Settle conflicts.
  const [teamDialog, setTeamDialog] = useState<"connect" | "conflicts" | null>(null);

  const reload = useCallback(async () => {
    await run(async () => {
      const [workspace, list] = await Promise.all([api.workspaceInfo(), api.listPartnerships(true)]);
      setInfo(workspace);
      setPartnerships(list);
      setSelectedId((current) =>
        current && list.some((p) => p.id === current)
          ? current
          : (list.find((p) => !p.archived)?.id ?? null),
      );
      setVersion((v) => v + 1);
    });
    // The due counts are a help beside the names: the window works without them.
    api.reviewCounts().then(
      (c) => setCounts(c ?? []),
      () => setCounts([]),
    );
  }, [run]);

  // The team register: the sync status, Sync now, the automatic sync; a sync that wrote
  // something reloads what the window shows.
  const team = useTeamSync(version, () => void reload());

  // Another program (prisk, a second window) may change the workspace: SQLite's
  // data_version tells, and the window then shows the file as it is now.
  useEffect(() => {
    let seen: number | null = null;
    const timer = window.setInterval(() => {
      api.workspaceVersion().then(
        (v) => {
          if (seen !== null && v !== seen) void reload();
          seen = v;
        },
        () => undefined,
      );
    }, 3000);
    return () => window.clearInterval(timer);
  }, [reload]);

  useEffect(() => {
    // First run: ask who is working before anything is recorded (never blocking).
    api.whoami().then(
      (w) => {
        setWhoami(w ?? null);
        if (w && w.name === null) setAskName("first");
      },
      () => undefined,
    );
  }, []);

  /// Opens the review queue, filtered (the portfolio and the top bar's link use this).
  const openReview = (filter?: QueueFilter) => {
    setOpenRisk(null);
    setReview((r) => ({ filter, key: r.key + 1 }));
    setView("review");
  };
  const dueIn = (id: string) => {
    const c = counts.find((x) => x.partnership_id === id);
    return c ? dueOf(c) : 0;
  };

  useEffect(() => {
    void reload();
    const checkDamaged = () =>
      api.damagedWorkspace().then(
        (d) => setDamaged(d ?? null),
        () => setDamaged(null),
      );
    void checkDamaged();
    const unlisten = listen(events.workspaceChanged, () => {
      setSelectedId(null);
      setOpenRisk(null);
      void checkDamaged();
      void reload();
    });
    const unlistenRestore = listen(events.openRestore, () => setRestoring(true));
    const unlistenExchange = listen<ExchangeWhat>(events.openExchange, (e) => setExchange(e.payload));
    const unlistenTeam = listen<string>(events.openTeam, (e) => e.payload === "connect" && setTeamDialog("connect"));
    return () => {
      void unlistenTeam.then((stop) => stop());
      void unlisten.then((stop) => stop());
      void unlistenRestore.then((stop) => stop());
      void unlistenExchange.then((stop) => stop());
    };
  }, [reload]);

  const selected = partnerships?.find((p) => p.id === selectedId) ?? null;
  // The risks of the partnership on screen with a team conflict waiting, marked in the register.
  const conflictMarks = useConflictMarks(selectedId, version, fieldName);

  useEffect(() => {
    if (!selectedId) {
      setHasViews(false);
      return;
    }
    let live = true;
    // A help beside the register: without it, the tab is not offered.
    api.partnerViews(selectedId).then(
      (views) => live && setHasViews(views.length > 0),
      () => live && setHasViews(false),
    );
    return () => {
      live = false;
    };
  }, [selectedId, version]);

  const select = (id: string) => {
    setSelectedId(id);
    setOpenRisk(null);
    setFilter(emptyFilter());
    if (view === "matrices" || view === "ballot" || view === "review" || view === "portfolio" || view === "activity")
      setView("register");
  };

  /// A partnership's register with a filter (the portfolio's figures lead here).
  const openRegister = (partnershipId: string, registerFilter: RegisterFilter) => {
    setSelectedId(partnershipId);
    setOpenRisk(null);
    setFilter(registerFilter);
    setView("register");
  };
  /// A partnership's exit plan (the review queue's and the portfolio's exit links lead here).
  const openExit = (partnershipId: string) => {
    setSelectedId(partnershipId);
    setOpenRisk(null);
    setView("exit");
  };
  /// One risk in its partnership's editor (the activity view's references lead here).
  const openRiskOf = (partnershipId: string, riskId: string) => {
    setSelectedId(partnershipId);
    setFilter(emptyFilter());
    setView("register");
    setOpenRisk(riskId);
  };

  const showCell = (kind: ScoreKind, cell: Score) => {
    setFilter({ ...emptyFilter(), kind, cell });
    setView("register");
  };

  const createDemo = async () => {
    await run(async () => {
      const p = await api.createDemo();
      await reload();
      setSelectedId(p.id);
    }, { keepError: true }); // reload() shows its own error
  };

  if (damaged) {
    return (
      <RecoveryScreen
        damaged={damaged}
        onRecovered={() => {
          setDamaged(null);
          void reload();
        }}
      />
    );
  }

  return (
    <div className="app">
      <PartnershipNav
        partnerships={partnerships}
        selectedId={
          view === "matrices" || view === "ballot" || view === "review" || view === "portfolio" || view === "activity"
            ? null
            : selectedId
        }
        workspacePath={info?.path ?? ""}
        storageWarning={info?.storage_warning ?? null}
        onSelect={select}
        onNew={() => setDialog("new")}
        onMatrices={() => {
          setOpenRisk(null);
          setView("matrices");
        }}
        matricesActive={view === "matrices"}
        onBallot={() => {
          setOpenRisk(null);
          setView("ballot");
        }}
        ballotActive={view === "ballot"}
        onRestore={() => setRestoring(true)}
        onPortfolio={() => {
          setOpenRisk(null);
          setView("portfolio");
        }}
        portfolioActive={view === "portfolio"}
        onActivity={() => {
          setOpenRisk(null);
          setView("activity");
        }}
        activityActive={view === "activity"}
        dueCounts={Object.fromEntries(counts.map((c) => [c.partnership_id, dueOf(c)]))}
        onReview={() => openReview()}
        reviewActive={view === "review"}
        whoami={whoami}
        onWhoami={() => setAskName("edit")}
        teamStatus={
          <SyncStatus
            view={team.view}
            syncing={team.syncing}
            onSync={() => void team.syncNow()}
            onSettle={() => setTeamDialog("conflicts")}
          />
        }
        namePrompt={
          askName === "first" ? (
            <WhoamiDialog
              current={whoami}
              firstRun
              onSaved={(w) => {
                setWhoami(w);
                setAskName(null);
              }}
              onClose={() => setAskName(null)}
            />
          ) : null
        }
      />
      <main className="main">
        <ErrorBanner error={error} />
        {view === "matrices" ? (
          <>
            <div className="topbar">
              <div className="title">
                <h2>Scoring matrices</h2>
              </div>
            </div>
            <div className="content">
              <MatricesView />
            </div>
          </>
        ) : view === "portfolio" ? (
          <>
            <div className="topbar">
              <div className="title">
                <h2>Portfolio</h2>
                <small className="muted">Every partnership that is not archived, side by side</small>
              </div>
            </div>
            <div className="content">
              <PortfolioView
                version={version}
                onOpenRegister={openRegister}
                onOpenQueue={openReview}
                onOpenExit={openExit}
                onNew={() => setDialog("new")}
              />
            </div>
          </>
        ) : view === "activity" ? (
          <>
            <div className="topbar">
              <div className="title">
                <h2>Activity</h2>
                <small className="muted">Who changed what, field by field, in every partnership</small>
              </div>
            </div>
            <div className="content">
              <ActivityView version={version} onOpenRisk={openRiskOf} />
            </div>
          </>
        ) : view === "review" ? (
          <>
            <div className="topbar">
              <div className="title">
                <h2>Review queue</h2>
                <small className="muted">Risks unreviewed, past due or due soon, most urgent first</small>
              </div>
            </div>
            <div className="content">
              <ReviewQueueView
                key={review.key}
                initialFilter={review.filter}
                onChanged={() => void reload()}
                onOpenExit={openExit}
              />
            </div>
          </>
        ) : view === "ballot" ? (
          <>
            <div className="topbar">
              <div className="title">
                <h2>Fill in a ballot file</h2>
                <small className="muted">Your own scores for a workshop, saved in the file your facilitator sent you</small>
              </div>
            </div>
            <div className="content">
              <BallotScreen />
            </div>
          </>
        ) : partnerships && partnerships.length === 0 ? (
          <div className="content">
            <div className="empty">
              <h2>No partnerships yet</h2>
              <p>
                Start from the demo partnership to see a realistic register, or create your own from the
                library of partnership risks.
              </p>
              <div className="actions-row" style={{ justifyContent: "center" }}>
                <button type="button" onClick={createDemo}>
                  Create the demo partnership
                </button>
                <button type="button" className="primary" onClick={() => setDialog("new")}>
                  New partnership…
                </button>
              </div>
              <p className="muted">
                Sent a partnership by a colleague or a partner?{" "}
                <button type="button" className="link" onClick={() => setExchange("merge")}>
                  Merge a file…
                </button>
              </p>
            </div>
          </div>
        ) : selected ? (
          <>
            <div className="topbar">
              <div className="title">
                <h2>{selected.name}</h2>
                <small className="muted">
                  {selected.partner || "No partner named"} · {selected.stage.replace(/_/g, " ")} ·{" "}
                  {selected.matrix_name}
                  {selected.archived ? " · archived" : ""}
                </small>
              </div>
              <div className="tabs" role="tablist" aria-label="Partnership views">
                {(
                  [
                    ["register", "Register"],
                    ["heatmap", "Heat map"],
                    ["requirements", "Requirements"],
                    ["health", "Health"],
                    ["loss", "Loss"],
                    ["exit", "Exit plan"],
                    ["workshops", "Workshops"],
                    ["partnership-activity", "Activity"],
                    ...(hasViews ? ([["disagree", "Where we disagree"]] as const) : []),
                  ] as const
                ).map(([key, label]) => (
                  <button
                    key={key}
                    type="button"
                    role="tab"
                    aria-selected={view === key}
                    onClick={() => {
                      setOpenRisk(null);
                      setView(key);
                    }}
                  >
                    {label}
                  </button>
                ))}
              </div>
              {dueIn(selected.id) > 0 && (
                <button type="button" className="link due-link" onClick={() => openReview({ partnership_id: selected.id, category: null, min_level: null, owner: null, limit: null })}>
                  {dueIn(selected.id)} due for review
                </button>
              )}
              <div className="topbar-actions">
                <button type="button" onClick={() => setDialog("pdf")}>
                  Export PDF…
                </button>
                <button type="button" onClick={() => setDialog("sheet")} title="Excel workbook or CSV">
                  Export spreadsheet…
                </button>
                <ImportAction partnershipId={selected.id} matrixId={selected.matrix_id} onImported={() => void reload()} />
                <ExchangeMenu onChoose={setExchange} />
                <button type="button" onClick={() => setDialog("edit")}>
                  Edit partnership…
                </button>
              </div>
            </div>
            {openRisk ? (
              <div className="content">
                <RiskEditor
                  key={openRisk}
                  partnershipId={selected.id}
                  matrixId={selected.matrix_id}
                  riskId={openRisk === "new" ? null : openRisk}
                  onClose={() => setOpenRisk(null)}
                  onSaved={(id) => {
                    setOpenRisk(id);
                    void reload();
                  }}
                  onDeleted={() => {
                    setOpenRisk(null);
                    void reload();
                  }}
                />
              </div>
            ) : view === "register" ? (
              <div className="content fill">
                <RegisterView
                  partnershipId={selected.id}
                  version={version}
                  conflicts={conflictMarks}
                  filter={filter}
                  onFilter={setFilter}
                  onOpen={(id) => setOpenRisk(id)}
                  onNew={() => setOpenRisk("new")}
                />
              </div>
            ) : view === "heatmap" ? (
              <div className="content">
                <HeatMapView partnershipId={selected.id} version={version} onCell={showCell} />
              </div>
            ) : view === "workshops" ? (
              <div className="content">
                <WorkshopsView key={selected.id} partnershipId={selected.id} onRisksChanged={() => void reload()} />
              </div>
            ) : view === "exit" ? (
              <div className="content">
                <ExitPlanView key={selected.id} partnershipId={selected.id} version={version} />
              </div>
            ) : view === "loss" ? (
              <div className="content">
                <LossView key={selected.id} partnershipId={selected.id} version={version} />
              </div>
            ) : view === "health" ? (
              <div className="content">
                <HealthView
                  key={selected.id}
                  partnershipId={selected.id}
                  version={version}
                  onOpenRisk={(id) => setOpenRisk(id)}
                  onChanged={() => void reload()}
                />
              </div>
            ) : view === "disagree" && hasViews ? (
              <div className="content">
                <DisagreeView partnershipId={selected.id} version={version} onOpenRisk={(id) => setOpenRisk(id)} />
              </div>
            ) : view === "disagree" ? (
              <div className="content fill">
                <RegisterView
                  partnershipId={selected.id}
                  version={version}
                  conflicts={conflictMarks}
                  filter={filter}
                  onFilter={setFilter}
                  onOpen={(id) => setOpenRisk(id)}
                  onNew={() => setOpenRisk("new")}
                />
              </div>
            ) : view === "partnership-activity" ? (
              <div className="content">
                <ActivityView partnershipId={selected.id} version={version} onOpenRisk={openRiskOf} />
              </div>
            ) : (
              <div className="content">
                <RequirementsView partnershipId={selected.id} onOpenRisk={(id) => setOpenRisk(id)} />
              </div>
            )}
          </>
        ) : null}
      </main>
      {dialog === "new" && (
        <NewPartnershipDialog
          onClose={() => setDialog(null)}
          onCreated={async (id) => {
            setDialog(null);
            await reload();
            setSelectedId(id);
            setView("register");
          }}
        />
      )}
      {askName === "edit" && (
        <WhoamiDialog
          current={whoami}
          onSaved={(w) => {
            setWhoami(w);
            setAskName(null);
          }}
          onClose={() => setAskName(null)}
        />
      )}
      {dialog === "pdf" && selected && (
        <ExportPdfDialog partnershipId={selected.id} matrixId={selected.matrix_id} onClose={() => setDialog(null)} />
      )}
      {exchange && (
        <ExchangeDialogs
          what={exchange}
          partnership={selected ? { id: selected.id, name: selected.name } : null}
          onClose={() => setExchange(null)}
          onMerged={async (id) => {
            await reload();
            setSelectedId(id);
          }}
        />
      )}
      {teamDialog === "connect" && (
        <ConnectDialog
          current={team.view}
          onClose={() => setTeamDialog(null)}
          onJoined={() => {
            setTeamDialog(null);
            void team.refresh().then(() => team.syncNow());
          }}
        />
      )}
      {teamDialog === "conflicts" && (
        <TeamConflictsDialog
          Stepper={ConflictStepper}
          partnershipNames={Object.fromEntries((partnerships ?? []).map((p) => [p.id, p.name]))}
          onClose={() => setTeamDialog(null)}
          onSettled={() => void reload()}
        />
      )}
      {restoring && <RestoreDialog onClose={() => setRestoring(false)} onRestored={() => void reload()} />}
      {dialog === "sheet" && selected && (
        <ExportSpreadsheetDialog partnershipId={selected.id} onClose={() => setDialog(null)} />
      )}
      {dialog === "edit" && selected && (
        <EditPartnershipDialog
          partnership={selected}
          onClose={() => setDialog(null)}
          onSaved={async () => {
            setDialog(null);
            await reload();
          }}
        />
      )}
    </div>
  );
}

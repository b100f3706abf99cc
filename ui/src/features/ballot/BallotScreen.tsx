// Fill in a ballot file: a participant's own copy of the app opens the sealed file the
// facilitator sent, scores each risk on the workshop's matrix, and sends the file back.
// Needs no partnership: everything shown comes from the file, which is saved after each vote.
import { useEffect, useRef, useState } from "react";
import { api } from "../../api";
import type { BallotFile, BallotRisk, Matrix, Score, ScoreKind } from "../../bindings";
import { ballotMessage, votePlace } from "../../lib/errors";
import { useCommand } from "../../lib/useCommand";
import { Field } from "../../components/Field";
import { VoteMatrix } from "../../components/VoteMatrix";
import { cellName } from "../../lib/levels";
import "./ballot.css";

const SETS: Record<ScoreKind, string> = {
  inherent: "the inherent risk: the risk without any controls",
  residual: "the residual risk: the risk with today's controls",
  target: "the target risk: the risk after the planned actions",
};


export function BallotScreen({ openOnStart = true }: { openOnStart?: boolean }) {
  const [file, setFile] = useState<BallotFile | null>(null);
  const [opening, setOpening] = useState(false);
  const { run, error, setError } = useCommand();
  const started = useRef(false);

  const open = async () => {
    setOpening(true);
    setError(null);
    await run(async () => {
      const opened = await api.openBallot();
      if (opened) setFile(opened);
    });
    setOpening(false);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: opens once on start (the ref guards it), not again with each render's `open`
  useEffect(() => {
    if (openOnStart && !started.current) {
      started.current = true;
      void open();
    }
  }, [openOnStart]);

  const problem = error && (
    <p className="banner-error" role="alert">
      {ballotMessage(error)}
    </p>
  );

  if (!file) {
    return (
      <div className="empty ballot-start">
        <h2>Fill in a ballot file</h2>
        <p>
          Your facilitator sent you a ballot file (it ends in <code>.prisk-ballot</code>) so that you can score the
          workshop's risks before the meeting. Open it here, score each risk, and send the file back.
        </p>
        {problem}
        <button type="button" className="primary" disabled={opening} onClick={open}>
          {opening ? "Choose the ballot file…" : "Open a ballot file…"}
        </button>
      </div>
    );
  }

  const { fixed } = file;
  const scored = fixed.agenda.filter((r) => file.votes.some((v) => v.reference === r.reference)).length;
  const total = fixed.agenda.length;

  return (
    <div className="ballot">
      <header className="ballot-head">
        <div>
          <h2>{fixed.workshop_title}</h2>
          <p className="muted">
            {fixed.partnership_name} · ballot of <strong>{fixed.participant_name}</strong> · round {fixed.round}
          </p>
        </div>
        <button type="button" disabled={opening} onClick={open}>
          Open another ballot file…
        </button>
      </header>
      {problem}
      <div className="ballot-progress" role="status" aria-live="polite">
        <strong>
          {scored} of {total} scored
        </strong>
        <progress max={total} value={scored} aria-label="Risks scored" />
        <span>
          The file is saved after each vote.{" "}
          {scored === total
            ? "All risks are scored: send the file back to your facilitator."
            : "When you are done, send the file back to your facilitator."}
        </span>
      </div>
      <p className="muted">
        Score {SETS[fixed.sets]}. Tap the cell of the matrix that fits best; your vote stays private until the facilitator
        reveals the round.
      </p>
      {fixed.agenda.map((risk) => (
        <RiskBallot
          key={`${fixed.workshop_id}/${fixed.participant_id}/${fixed.exported_at}/${risk.reference}`}
          risk={risk}
          matrix={fixed.matrix}
          vote={file.votes.find((v) => v.reference === risk.reference) ?? null}
          onSaved={setFile}
        />
      ))}
    </div>
  );
}

function RiskBallot({
  risk,
  matrix,
  vote,
  onSaved,
}: {
  risk: BallotRisk;
  matrix: Matrix;
  vote: { score: Score; comment: string } | null;
  onSaved: (file: BallotFile) => void;
}) {
  const [score, setScore] = useState<Score | null>(vote?.score ?? null);
  const [comment, setComment] = useState(vote?.comment ?? "");
  const [saving, setSaving] = useState(false);
  const { run, error, setError } = useCommand();
  const [justSaved, setJustSaved] = useState(false);
  const changed = !vote || !score || vote.score.likelihood !== score.likelihood || vote.score.impact !== score.impact || vote.comment !== comment.trim();

  const save = async () => {
    if (!score) {
      setError({ code: "invalid", field: "score", message: "Tap a cell of the matrix first." });
      return;
    }
    setSaving(true);
    setError(null);
    await run(async () => {
      onSaved(await api.fillBallot(risk.reference, score, comment));
      setJustSaved(true);
    });
    setSaving(false);
  };

  const place = error ? votePlace(error) : null;
  const titleId = `ballot-${risk.reference}`;
  return (
    <section className={`ballot-risk ${vote ? "scored" : ""}`} aria-labelledby={titleId}>
      <div className="ballot-risk-text">
        <h3 id={titleId}>
          <span className="ballot-ref">{risk.reference}</span> {risk.title}
        </h3>
        <span className={`ballot-state ${vote ? "scored" : ""}`}>{vote ? "Scored" : "Not scored yet"}</span>
        {risk.description && <p>{risk.description}</p>}
        <dl className="ballot-facts">
          {risk.cause && (
            <>
              <dt>Cause</dt>
              <dd>{risk.cause}</dd>
            </>
          )}
          {risk.consequence && (
            <>
              <dt>Consequence</dt>
              <dd>{risk.consequence}</dd>
            </>
          )}
          <dt>Current score</dt>
          <dd>{risk.current ? cellName(matrix, risk.current.likelihood, risk.current.impact) : "Not scored yet"}</dd>
        </dl>
      </div>
      <div className="ballot-risk-vote">
        <VoteMatrix
          matrix={matrix}
          label={`Your score for ${risk.reference}`}
          selected={score}
          onPick={(s) => {
            setScore(s);
            setJustSaved(false);
            if (place === "score") setError(null);
          }}
        />
        {place === "score" && (
          <p className="field-error" role="alert">
            {ballotMessage(error!)}
          </p>
        )}
        <Field label="Comment (optional)" error={place === "comment" ? ballotMessage(error!) : undefined}>
          {(id, describedBy) => (
            <textarea
              id={id}
              aria-describedby={describedBy}
              value={comment}
              onChange={(e) => {
                setComment(e.target.value);
                setJustSaved(false);
              }}
            />
          )}
        </Field>
        {place === "vote" && (
          <p className="banner-error" role="alert">
            {ballotMessage(error!)}
          </p>
        )}
        <div className="ballot-save">
          <button type="button" className="primary" disabled={saving || (!!vote && !changed)} onClick={save}>
            Save my vote
          </button>
          <span className="muted" aria-live="polite">
            {saving
              ? "Saving…"
              : justSaved && vote
                ? `Saved in the file: ${cellName(matrix, vote.score.likelihood, vote.score.impact)}.`
                : vote && changed
                  ? "Changed, not saved yet."
                  : vote
                    ? `Your vote: ${cellName(matrix, vote.score.likelihood, vote.score.impact)}.`
                    : score
                      ? "Not saved yet."
                      : ""}
          </span>
        </div>
      </div>
    </section>
  );
}

// The top of the merge preview: the file, its sender and date, how it meets this
// workspace, the changes of each side counted by kind of record, the references
// renumbered, and the partner's views it carries.
import type { ExchangePreview } from "../../bindings";
import { plural } from "../../lib/text";
import { baseWords, countedTables, countsText, modeWords, sentWords, tableName } from "./words";

export function MergeOverview({ preview }: { preview: ExchangePreview }) {
  const mode = modeWords(preview.mode);
  const sides = preview.mode === "three_way" || preview.mode === "two_way";
  const tables = sides ? countedTables(preview.mine_counts, preview.theirs_counts, preview.apply) : countedTables(preview.apply);
  return (
    <div className="xch-overview">
      <p className="xch-file">
        <strong>{preview.file}</strong> · {preview.partnership}
        <br />
        <span className="muted">{sentWords(preview)}</span>
      </p>
      <p className="xch-mode">
        <strong>{mode.title}.</strong> {mode.detail}
        {preview.mode === "three_way" && preview.base && <span className="muted"> {baseWords(preview)}</span>}
      </p>
      {tables.length > 0 && (
        <table className="plain xch-counts" aria-label="Changes by kind of record">
          <thead>
            <tr>
              <th scope="col">Kind of record</th>
              {sides && <th scope="col">Ours since the common copy</th>}
              {sides && <th scope="col">Theirs since the common copy</th>}
              <th scope="col">{preview.mode === "import" ? "Imported" : "Written here"}</th>
            </tr>
          </thead>
          <tbody>
            {tables.map((t) => (
              <tr key={t}>
                <th scope="row">{t === "audit_log" ? "History (rows)" : capital(tableName(t))}</th>
                {sides && <td>{countsText(preview.mine_counts[t])}</td>}
                {sides && <td>{countsText(preview.theirs_counts[t])}</td>}
                <td>{countsText(preview.apply[t])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview.renumbered.length > 0 && (
        <ul className="xch-renumbered" aria-label="References renumbered">
          {preview.renumbered.map((r) => (
            <li key={r.key}>
              Their new {r.table === "risks" ? "risk" : tableName(r.table)} "{r.title}" becomes <strong>{r.to}</strong>: ours
              already has {r.from}.
            </li>
          ))}
        </ul>
      )}
      {preview.mode === "partner_view" && (
        <div>
          <p>
            {preview.partner_views?.length
              ? `${plural(preview.partner_views.length, "risk")} with the partner's scores or comments:`
              : "The partner changed no score and wrote no comment since our share."}
          </p>
          <ul className="xch-views" aria-label="The partner's views">
            {preview.partner_views?.map((v) => (
              <li key={v.id}>
                <strong>{v.reference}</strong> {v.title}
                {v.residual && ` · their residual: likelihood ${v.residual.likelihood}, impact ${v.residual.impact}`}
                {v.comment && <span className="muted"> · “{v.comment}”</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

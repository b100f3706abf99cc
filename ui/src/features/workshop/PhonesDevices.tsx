// Every voter of the workshop and their device: joined or not, seen lately or not, voted in
// this round or not — never how. A joined name can be released for another device.
import type { AgendaItem, DeviceInfo, Participant } from "../../bindings";

function deviceState(device: DeviceInfo | undefined): string {
  if (!device) return "not joined";
  return device.connected ? "on phone · connected" : "on phone · not seen for a while";
}

export function PhonesDevices({
  voters,
  devices,
  item,
  voted,
  busy,
  onRelease,
}: {
  voters: Participant[];
  devices: DeviceInfo[];
  /// The item the phones are on; null when every item is decided.
  item: AgendaItem | null;
  /// Who has voted in its current round, from a phone or not.
  voted: string[];
  busy: boolean;
  onRelease: (participantId: string) => void;
}) {
  if (voters.length === 0) {
    return <p className="muted">This workshop has no voters yet: add them in the Plan.</p>;
  }
  const byVoter = new Map(devices.map((d) => [d.participant_id, d]));
  const joined = voters.filter((v) => byVoter.has(v.id)).length;
  const connected = voters.filter((v) => byVoter.get(v.id)?.connected).length;

  return (
    <div className="ws-card ws-devices">
      <h3>Voters' devices</h3>
      <p className="muted">
        {joined} of {voters.length} joined · {connected} connected
      </p>
      <p className="ws-phones-item">
        {item ? (
          <>
            Phones are on <strong>{item.reference}</strong> {item.title} · round {item.round}
            {item.revealed ? " (revealed)" : ""} · {voted.length} of {voters.length} voted
          </>
        ) : (
          "Every item is decided: phones show “waiting for the facilitator”."
        )}
      </p>
      <table className="plain" aria-label="Voters' devices">
        <thead>
          <tr>
            <th scope="col">Voter</th>
            <th scope="col">Device</th>
            <th scope="col">Voted this round</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {voters.map((v) => {
            const device = byVoter.get(v.id);
            return (
              <tr key={v.id} className={device?.connected ? "connected" : undefined}>
                <td>{v.name}</td>
                <td>{deviceState(device)}</td>
                <td>
                  {voted.includes(v.id) ? (
                    <>
                      <span aria-hidden="true">✓</span>
                      <span className="visually-hidden">has voted</span>
                    </>
                  ) : (
                    <span className="visually-hidden">not yet</span>
                  )}
                </td>
                <td>
                  {device && (
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={`Release ${v.name}'s name`}
                      title="Frees the name so that another device can take it"
                      onClick={() => onRelease(v.id)}
                    >
                      Release name
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

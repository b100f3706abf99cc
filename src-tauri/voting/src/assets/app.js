// The participant page: pick a name, vote on the current risk, follow the facilitator.
// Text from the server is only ever set as textContent (never HTML).
"use strict";
const base = location.pathname.replace(/\/+$/, "");
const app = document.getElementById("app");
const errorBox = document.getElementById("error");
let last = null; // the last state fetched
let chosen = null; // the cell picked but not yet sent: {likelihood, impact}
let draft = null; // the comment being typed
let draftFor = ""; // the item and round the picks belong to
let ended = false; // voting has ended: the page shows the server's last words

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const c of children) node.append(c);
  return node;
}

function showError(text) {
  errorBox.textContent = text || "";
  errorBox.hidden = !text;
}

async function call(path, body) {
  const init = body === undefined ? {} : {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  };
  const res = await fetch(base + path, init);
  const data = await res.json().catch(() => ({ message: "The server did not answer." }));
  if (!res.ok) throw new Error(data.message || res.statusText);
  return data;
}

async function load() {
  try {
    const state = await call("/api/state");
    if (ended) return;
    last = state;
    render(last);
    showError("");
  } catch (e) {
    if (!ended) showError(e.message);
  }
}

function render(s) {
  document.getElementById("workshop").textContent = s.workshop;
  document.getElementById("code").textContent = "Code " + s.code + (s.me ? " · " + s.me.name : "");
  app.replaceChildren();
  if (!s.me) return renderNames(s.voters);
  if (!s.item) return app.append(el("p", { textContent: s.waiting }));
  renderItem(s.item);
}

function renderNames(voters) {
  app.append(el("h2", { textContent: "Who are you?" }));
  const list = el("div", { className: "names" });
  for (const v of voters) {
    const b = el("button", { type: "button", textContent: v.name, disabled: v.claimed });
    if (v.claimed) b.setAttribute("aria-label", v.name + " (already joined)");
    b.addEventListener("click", async () => {
      try {
        await call("/api/join", { participant_id: v.participant_id });
        load();
      } catch (e) {
        showError(e.message);
      }
    });
    list.append(b);
  }
  app.append(list);
}

function renderItem(item) {
  const m = item.matrix;
  const key = item.id + "/" + item.round;
  if (key !== draftFor) { chosen = null; draft = null; draftFor = key; }
  app.append(
    el("h2", { textContent: item.reference + " " + item.title }),
    el("p", { textContent: item.description }),
    el("p", { className: "muted", textContent: "Round " + item.round + " · " + item.voted + " of " + item.voters + " have voted" }),
  );
  if (item.result) return renderResult(item, m);
  const mine = chosen || (item.my_vote && item.my_vote.score);
  // Likelihood rows from high to low, impact columns from low to high.
  const grid = el("div", { className: "grid", role: "group" });
  grid.setAttribute("aria-label", "Likelihood by impact");
  grid.style.gridTemplateColumns = "4.5rem repeat(" + m.impact.length + ", minmax(0, 1fr))";
  for (let l = m.likelihood.length; l >= 1; l--) {
    const level = m.likelihood[l - 1];
    grid.append(el("span", { className: "axis", textContent: level.label, title: level.description }));
    for (let i = 1; i <= m.impact.length; i++) {
      const impact = m.impact[i - 1];
      const risk = m.levels[m.grid[l - 1][i - 1]];
      const b = el("button", { type: "button", textContent: risk.name });
      b.style.background = risk.colour;
      b.setAttribute("aria-label", "Likelihood " + l + " " + level.label + ", impact " + i + " " + impact.label + ": " + risk.name);
      b.setAttribute("aria-pressed", String(!!mine && mine.likelihood === l && mine.impact === i));
      b.addEventListener("click", () => { chosen = { likelihood: l, impact: i }; render(last); });
      grid.append(b);
    }
  }
  grid.append(el("span"));
  for (const impact of m.impact) grid.append(el("span", { className: "axis", textContent: impact.label, title: impact.description }));
  app.append(grid);
  const details = el("details", {}, el("summary", { textContent: "What the levels mean" }));
  for (const [name, levels] of [["Likelihood", m.likelihood], ["Impact", m.impact]]) {
    details.append(el("h3", { textContent: name }));
    for (const lv of levels) details.append(el("p", { textContent: lv.label + ": " + (lv.description || "") + (lv.range ? " (" + lv.range + ")" : "") }));
  }
  app.append(details);
  const comment = el("textarea", { id: "comment", maxLength: 2000, value: draft !== null ? draft : item.my_vote ? item.my_vote.comment : "" });
  comment.addEventListener("input", () => { draft = comment.value; });
  app.append(el("label", { htmlFor: "comment", textContent: "Comment (optional)" }), comment);
  const send = el("button", { type: "button", className: "primary", textContent: item.my_vote ? "Change my vote" : "Send my vote", disabled: !mine });
  send.addEventListener("click", async () => {
    try {
      const vote = await call("/api/vote", { item_id: item.id, likelihood: mine.likelihood, impact: mine.impact, comment: comment.value });
      chosen = null;
      draft = null;
      // The answer is the vote as recorded: show it without asking for the whole state
      // again (in a room of fifty, that halves the server's work at the moment everyone
      // sends). The room's changes still arrive by the event stream.
      if (!item.my_vote) item.voted += 1;
      item.my_vote = vote;
      render(last);
      showError("");
    } catch (e) {
      showError(e.message);
    }
  });
  app.append(send);
  if (item.my_vote) app.append(el("p", { className: "muted", textContent: "Your vote is in. You can change it until the reveal." }));
}

function renderResult(item, m) {
  const r = item.result;
  app.append(el("h3", { textContent: "Revealed: " + r.votes + (r.votes === 1 ? " vote" : " votes") }));
  const list = el("ul", { className: "result" });
  for (const b of r.ballots) {
    const who = b.participant_name ? b.participant_name + ": " : "";
    const cell = m.likelihood[b.score.likelihood - 1].label + " × " + m.impact[b.score.impact - 1].label;
    list.append(el("li", { textContent: who + cell + (b.comment ? " – " + b.comment : "") }));
  }
  app.append(list);
  if (r.spread) {
    const med = r.spread.median;
    app.append(el("p", { textContent: "Median: " + m.likelihood[med.likelihood - 1].label + " × " + m.impact[med.impact - 1].label }));
  }
  app.append(el("p", { className: "muted", textContent: "Waiting for the facilitator…" }));
}

// Follow the facilitator; the browser reconnects by itself after sleep or a Wi-Fi drop,
// and every (re)connection fetches the state again, so nothing is missed.
// When voting ends the server sends a last "closed" event with what to show; the page
// stops listening and asking, so no "server did not answer" follows it.
const events = new EventSource(base + "/api/events");
events.addEventListener("change", () => { if (!ended) load(); });
events.addEventListener("open", () => { if (!ended) load(); });
events.addEventListener("closed", (e) => {
  ended = true;
  events.close();
  showError("");
  app.replaceChildren(el("p", { className: "closed", textContent: e.data }));
});
document.addEventListener("visibilitychange", () => { if (!document.hidden && !ended) load(); });
load();

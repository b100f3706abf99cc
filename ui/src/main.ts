import { invoke } from "@tauri-apps/api/core";

interface IpcError {
  code: string;
  message: string;
  field?: string;
}

interface LevelCount {
  level: string;
  colour: string;
  count: number;
}

interface PartnershipSummary {
  id: string;
  name: string;
  partner: string;
  stage: string;
  matrix_name: string;
  risk_count: number;
  risks_by_level: LevelCount[];
}

interface WorkspaceInfo {
  path: string;
  schema_version: number;
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function showError(error: unknown) {
  const box = byId<HTMLParagraphElement>("error");
  const e = error as IpcError;
  box.textContent = e?.message ?? String(error);
  box.hidden = false;
}

function cell(row: HTMLTableRowElement, text: string) {
  const td = row.insertCell();
  td.textContent = text;
  return td;
}

async function refresh() {
  const list = await invoke<PartnershipSummary[]>("list_partnerships", { includeArchived: false });
  const table = byId<HTMLTableElement>("partnerships");
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const p of list) {
    const row = body.insertRow();
    cell(row, p.name);
    cell(row, p.partner);
    cell(row, p.stage.replace("_", " "));
    cell(row, p.matrix_name);
    cell(row, String(p.risk_count));
    const levels = cell(row, "");
    for (const level of p.risks_by_level) {
      const chip = document.createElement("span");
      chip.className = "chip";
      chip.style.background = level.colour;
      chip.textContent = `${level.level} ${level.count}`;
      levels.append(chip);
    }
  }
  table.hidden = list.length === 0;
  byId("empty").hidden = list.length > 0;
}

async function start() {
  try {
    const info = await invoke<WorkspaceInfo>("workspace_info");
    byId("workspace").textContent = info.path;
    await refresh();
  } catch (e) {
    showError(e);
  }
  byId<HTMLButtonElement>("create-demo").addEventListener("click", async () => {
    try {
      await invoke<string>("create_demo");
      await refresh();
    } catch (e) {
      showError(e);
    }
  });
}

void start();

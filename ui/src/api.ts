// Typed doorways to the app's commands. Every type comes from bindings.ts, which is
// generated from the Rust types; errors arrive as IpcError ({ code, message, field? }).
import { Channel, invoke } from "@tauri-apps/api/core";
import type {
  Action,
  ActionFields,
  Category,
  HeatMap,
  Library,
  Matrix,
  MatrixChangePlan,
  MatrixCheck,
  Movement,
  Partnership,
  PartnershipFields,
  PdfExport,
  PdfOptions,
  ReportProgress,
  PartnershipSummary,
  RegisterTable,
  Requirement,
  RequirementFields,
  Risk,
  RiskDetail,
  RiskFields,
  RiskFilter,
  ScoreKind,
  TemplateSelection,
  WorkspaceInfo,
  AgendaItem,
  BallotFile,
  BallotImport,
  DecisionFields,
  MinutesExport,
  ItemView,
  Participant,
  ParticipantFields,
  Score,
  Workshop,
  WorkshopDetail,
  WorkshopFields,
  WorkshopSummary,
  Acceptance,
  AcceptanceRequest,
  ActivityFilter,
  ActivityPage,
  PortfolioRow,
  PortfolioExport,
  QueueEntry,
  QueueFilter,
  Review,
  ReviewContext,
  ReviewCounts,
  ReviewFields,
  Whoami,
} from "./bindings";
import type { SpreadsheetExport, SpreadsheetFormat, VotingAddress, VotingInfo, VotingStatus } from "./bindings";

export const api = {
  workspaceInfo: () => invoke<WorkspaceInfo>("workspace_info"),
  /// Changes when another program commits to the workspace.
  workspaceVersion: () => invoke<number>("workspace_version"),
  listPartnerships: (includeArchived: boolean) =>
    invoke<PartnershipSummary[]>("list_partnerships", { includeArchived }),
  createPartnership: (fields: PartnershipFields, matrix: string, templates: TemplateSelection) =>
    invoke<Partnership>("create_partnership", { fields, matrix, templates }),
  updatePartnership: (id: string, fields: PartnershipFields) =>
    invoke<Partnership>("update_partnership", { id, fields }),
  createDemo: () => invoke<Partnership>("create_demo"),
  library: () => invoke<Library>("library"),
  categories: () => invoke<Category[]>("categories"),
  addCategory: (category: Category) => invoke<Category>("add_category", { category }),
  register: (partnershipId: string) => invoke<RegisterTable>("register", { partnershipId }),
  matchingRisks: (partnershipId: string, filter: RiskFilter) =>
    invoke<string[]>("matching_risks", { partnershipId, filter }),
  riskDetail: (id: string) => invoke<RiskDetail>("risk_detail", { id }),
  createRisk: (partnershipId: string, fields: RiskFields) =>
    invoke<Risk>("create_risk", { partnershipId, fields }),
  updateRisk: (id: string, fields: RiskFields) => invoke<Risk>("update_risk", { id, fields }),
  deleteRisk: (id: string) => invoke<null>("delete_risk", { id }),
  addAction: (riskId: string, fields: ActionFields) =>
    invoke<Action>("add_action", { riskId, fields }),
  updateAction: (id: string, fields: ActionFields) =>
    invoke<Action>("update_action", { id, fields }),
  deleteAction: (id: string) => invoke<null>("delete_action", { id }),
  requirements: (partnershipId: string) =>
    invoke<Requirement[]>("requirements", { partnershipId }),
  addRequirement: (partnershipId: string, fields: RequirementFields, riskIds: string[]) =>
    invoke<Requirement>("add_requirement", { partnershipId, fields, riskIds }),
  updateRequirement: (id: string, fields: RequirementFields, riskIds: string[]) =>
    invoke<Requirement>("update_requirement", { id, fields, riskIds }),
  linkRequirement: (requirementId: string, riskId: string, linked: boolean) =>
    invoke<Requirement>("link_requirement", { requirementId, riskId, linked }),
  heatMap: (partnershipId: string, kind: ScoreKind) =>
    invoke<HeatMap>("heat_map", { partnershipId, kind }),
  movement: (partnershipId: string) => invoke<Movement[]>("movement", { partnershipId }),
  matrices: () => invoke<Matrix[]>("matrices"),
  cloneMatrix: (source: string, name: string) => invoke<Matrix>("clone_matrix", { source, name }),
  updateMatrix: (matrix: Matrix) => invoke<Matrix>("update_matrix", { matrix }),
  deleteMatrix: (id: string) => invoke<null>("delete_matrix", { id }),
  checkMatrix: (matrix: Matrix) => invoke<MatrixCheck>("check_matrix", { matrix }),
  planMatrixChange: (partnershipId: string, matrixId: string) =>
    invoke<MatrixChangePlan>("plan_matrix_change", { partnershipId, matrixId }),
  applyMatrixChange: (plan: MatrixChangePlan) =>
    invoke<Partnership>("apply_matrix_change", { plan }),
  /// Asks where to save, then exports; null when the user cancels the save dialog.
  exportPdf: (partnershipId: string, options: PdfOptions, onProgress: (p: ReportProgress) => void) => {
    const channel = new Channel<ReportProgress>();
    channel.onmessage = onProgress;
    return invoke<PdfExport | null>("export_pdf", { partnershipId, options, onProgress: channel });
  },
  openLastExport: () => invoke<null>("open_last_export"),
  /// Asks where to save the register as an XLSX workbook or a CSV file, then writes it;
  /// null when the user cancels. "Open" afterwards: openLastExport.
  exportSpreadsheet: (partnershipId: string, format: SpreadsheetFormat) =>
    invoke<SpreadsheetExport | null>("export_spreadsheet", { partnershipId, format }),

  // Workshops: plan, run (private votes, reveal, rounds, decisions), close.
  listWorkshops: (partnershipId: string) => invoke<WorkshopSummary[]>("list_workshops", { partnershipId }),
  workshopDetail: (id: string) => invoke<WorkshopDetail>("workshop_detail", { id }),
  createWorkshop: (partnershipId: string, fields: WorkshopFields) =>
    invoke<Workshop>("create_workshop", { partnershipId, fields }),
  updateWorkshop: (id: string, fields: WorkshopFields) => invoke<Workshop>("update_workshop", { id, fields }),
  deleteWorkshop: (id: string) => invoke<null>("delete_workshop", { id }),
  addParticipant: (workshopId: string, fields: ParticipantFields) =>
    invoke<Participant>("add_participant", { workshopId, fields }),
  updateParticipant: (id: string, fields: ParticipantFields) =>
    invoke<Participant>("update_participant", { id, fields }),
  removeParticipant: (id: string) => invoke<null>("remove_participant", { id }),
  /// Appends risks (ids or references) to the agenda, in the order given.
  addAgendaItems: (workshopId: string, riskIds: string[]) =>
    invoke<AgendaItem[]>("add_agenda_items", { workshopId, riskIds }),
  /// Creates a risk proposed in the room and appends it to the agenda.
  proposeRisk: (workshopId: string, fields: RiskFields) => invoke<AgendaItem>("propose_risk", { workshopId, fields }),
  /// Moves an item to a 1-based position; returns the whole agenda in its new order.
  moveAgendaItem: (itemId: string, position: number) =>
    invoke<AgendaItem[]>("move_agenda_item", { itemId, position }),
  removeAgendaItem: (itemId: string) => invoke<null>("remove_agenda_item", { itemId }),
  startWorkshop: (id: string) => invoke<Workshop>("start_workshop", { id }),
  closeWorkshop: (id: string) => invoke<Workshop>("close_workshop", { id }),
  itemView: (itemId: string) => invoke<ItemView>("item_view", { itemId }),
  /// A private vote entered on this laptop (by the voter, or by the facilitator as a proxy);
  /// the reply says only who has voted.
  castBallot: (itemId: string, participantId: string, score: Score, comment: string, proxy: boolean) =>
    invoke<ItemView>("cast_ballot", { itemId, participantId, score, comment, proxy }),
  revealVotes: (itemId: string) => invoke<ItemView>("reveal_votes", { itemId }),
  revote: (itemId: string) => invoke<ItemView>("revote", { itemId }),
  decideItem: (itemId: string, fields: DecisionFields) => invoke<ItemView>("decide_item", { itemId, fields }),
  setItemNotes: (itemId: string, notes: string) => invoke<AgendaItem>("set_item_notes", { itemId, notes }),
  /// The agenda item the room is on: phones vote on it (null: the first undecided item).
  /// Only while the workshop runs.
  setCurrentItem: (workshopId: string, itemId: string | null) =>
    invoke<Workshop>("set_current_item", { workshopId, itemId }),

  // Voting from phones: a small server on the room's network that voters join by link or QR code.
  /// This machine's IPv4 addresses, private first, loopback last.
  votingAddresses: () => invoke<VotingAddress[]>("voting_addresses"),
  /// Opens voting on one address; opening again for the same workshop returns the running server.
  openVoting: (workshopId: string, address: string) => invoke<VotingInfo>("open_voting", { workshopId, address }),
  votingStatus: (workshopId: string) => invoke<VotingStatus>("voting_status", { workshopId }),
  /// Frees a claimed name so that another device can take it; false when it was not claimed.
  releaseVoter: (participantId: string) => invoke<boolean>("release_voter", { participantId }),
  /// Stops the server: every phone is disconnected and the link stops working.
  closeVoting: () => invoke<null>("close_voting"),

  // Workshop files: the minutes, and ballot files for a first round at home (Delphi).
  /// Asks where to save the minutes (a DRAFT while the workshop runs), then writes them;
  /// null when the user cancels. "Open" afterwards: openLastExport.
  exportMinutes: (id: string) => invoke<MinutesExport | null>("export_minutes", { id }),
  /// Asks for a folder and writes one sealed ballot file per voter; the paths written, or
  /// null when the user cancels. Refused once the workshop is closed.
  exportBallots: (id: string) => invoke<string[] | null>("export_ballots", { id }),
  /// Asks for filled ballot files and imports each whole as its voter's round 1, or
  /// refuses it whole; one result per file (none when the user cancels).
  importBallots: (id: string) => invoke<BallotImport[]>("import_ballots", { id }),
  /// A participant's own copy of the app: asks for a ballot file and opens it to fill in
  /// (needs no workspace data); null when the user cancels.
  openBallot: () => invoke<BallotFile | null>("open_ballot"),
  /// Records a vote in the open ballot file and saves the file at once.
  fillBallot: (reference: string, score: Score, comment: string) =>
    invoke<BallotFile>("fill_ballot", { reference, score, comment }),
  // The analyst's review.
  whoami: () => invoke<Whoami>("whoami"),
  setWhoami: (name: string) => invoke<Whoami>("set_whoami", { name }),
  reviewQueue: (filter: QueueFilter) => invoke<QueueEntry[]>("review_queue", { filter }),
  reviewCounts: () => invoke<ReviewCounts[]>("review_counts"),
  reviewContext: (riskId: string) => invoke<ReviewContext>("review_context", { riskId }),
  addReview: (riskId: string, fields: ReviewFields) => invoke<Review>("add_review", { riskId, fields }),
  undoReview: (reviewId: string) => invoke<Review>("undo_review", { reviewId }),
  requestAcceptance: (riskId: string, request: AcceptanceRequest) =>
    invoke<Acceptance>("request_acceptance", { riskId, request }),
  approveAcceptance: (id: string, note: string) => invoke<Acceptance>("approve_acceptance", { id, note }),
  rejectAcceptance: (id: string, note: string) => invoke<Acceptance>("reject_acceptance", { id, note }),
  revokeAcceptance: (id: string, reason: string) => invoke<Acceptance>("revoke_acceptance", { id, reason }),
  activity: (filter: ActivityFilter) => invoke<ActivityPage>("activity", { filter }),
  activityActors: () => invoke<string[]>("activity_actors"),
  portfolio: () => invoke<PortfolioRow[]>("portfolio"),
  exportPortfolioPdf: (preparedBy: string) =>
    invoke<PortfolioExport | null>("export_portfolio_pdf", { preparedBy }),
};

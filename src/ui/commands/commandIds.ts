/**
 * Every command id in one place. Titles live in package.nls.json, palette
 * visibility in package.json `menus.commandPalette`.
 */
export const CommandId = {
  Declare: 'incidents.declare',
  Triage: 'incidents.triage',
  RecordNotification: 'incidents.recordNotification',
  TickTask: 'incidents.tickTask',
  OpenRunbook: 'incidents.openRunbook',
  DeclareDrill: 'incidents.declareDrill',
  Refresh: 'incidents.refresh',
  RevealStore: 'incidents.revealStore',
  OpenIncident: 'incidents.openIncident',
  InstallMergeDriver: 'incidents.installMergeDriver',
  RepairStore: 'incidents.repairStore',
  SyncNow: 'incidents.syncNow',
  LoadMore: 'incidents.loadMore',
  GroupBySeverity: 'incidents.groupBySeverity',
  GroupByStatus: 'incidents.groupByStatus',
  SetCurrentIncident: 'incidents.setCurrentIncident',
  LinkCommit: 'incidents.linkCommit',
  CommitIncidentLog: 'incidents.commitIncidentLog',
  // Changing an incident from the palette and the tree
  ChangeSeverity: 'incidents.changeSeverity',
  ChangeStatus: 'incidents.changeStatus',
  AssignRole: 'incidents.assignRole',
  Acknowledge: 'incidents.acknowledge',
  PostStatusUpdate: 'incidents.postStatusUpdate',
  AddNote: 'incidents.addNote',
  CopyStatusMessage: 'incidents.copyStatusMessage',
  SetChannelSecret: 'incidents.setChannelSecret',
  ShowUndelivered: 'incidents.showUndelivered',
  HandOver: 'incidents.handOver',
  WriteBrief: 'incidents.writeBrief',
  CompleteActionItem: 'incidents.completeActionItem',
  DropActionItem: 'incidents.dropActionItem',
  ExportToTracker: 'incidents.exportToTracker',
  RetryExportToTracker: 'incidents.retryExportToTracker',
  OpenInTracker: 'incidents.openInTracker',
  SyncFollowups: 'incidents.syncFollowups',
  SetTrackerToken: 'incidents.setTrackerToken',
  // Git: references, suspects, evidence, diffs, deploys
  ScanReferences: 'incidents.scanReferences',
  RescanReferences: 'incidents.rescanReferences',
  ShowSuspects: 'incidents.showSuspects',
  ShowRelated: 'incidents.showRelated',
  Bisect: 'incidents.bisect',
  OpenCommit: 'incidents.openCommit',
  AddSelectionToIncident: 'incidents.addSelectionToIncident',
  AddErrorAsEvidence: 'incidents.addErrorAsEvidence',
  RecordDeploy: 'incidents.recordDeploy',
  // Retrospective
  ExportPostmortem: 'incidents.exportPostmortem',
  OpenRetrospective: 'incidents.openRetrospective',
  ShowMetrics: 'incidents.showMetrics',
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];

/** Commands that write the store or run git: refused in an untrusted workspace. */
export const WRITING_COMMANDS: ReadonlySet<CommandId> = new Set([
  CommandId.Declare,
  CommandId.Triage,
  CommandId.RecordNotification,
  CommandId.TickTask,
  CommandId.DeclareDrill,
  CommandId.InstallMergeDriver,
  CommandId.RepairStore,
  CommandId.SyncNow,
  CommandId.LinkCommit,
  CommandId.CommitIncidentLog,
  CommandId.ChangeSeverity,
  CommandId.ChangeStatus,
  CommandId.AssignRole,
  CommandId.Acknowledge,
  CommandId.PostStatusUpdate,
  CommandId.AddNote,
  // A channel's secret and its messages: what a hostile plan could send a secret to is decided by the repository.
  CommandId.SetChannelSecret,
  CommandId.ShowUndelivered,
  CommandId.HandOver,
  CommandId.CompleteActionItem,
  CommandId.DropActionItem,
  // The tracker's token and its issues: where a hostile plan could send the token to is decided by the repository.
  CommandId.ExportToTracker,
  CommandId.RetryExportToTracker,
  CommandId.SyncFollowups,
  CommandId.SetTrackerToken,
  // Git commands run git, which Restricted Mode rules out even for reading.
  CommandId.ScanReferences,
  CommandId.RescanReferences,
  CommandId.ShowSuspects,
  CommandId.Bisect,
  CommandId.OpenCommit,
  CommandId.AddSelectionToIncident,
  CommandId.AddErrorAsEvidence,
  CommandId.RecordDeploy,
  CommandId.ExportPostmortem,
]);

/** Context keys set by the extension for `when` clauses. */
export const ContextKey = {
  StoreState: 'incidents.storeState',
  GroupBy: 'incidents.groupBy',
  /** The response plan has a `tracker` block. */
  HasTracker: 'incidents.hasTracker',
} as const;

export * from './CatalogFindingsPanel';
export * from './ClusterProblemsPanel';
export * from './FindingCodeLink';
export * from './MeshplaneErrorPanel';
export * from './RelativeTime';
export * from './StatusLabels';
export * from './TopologyGraph';
export * from './FindingsTable';

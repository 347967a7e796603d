export { FindingsTable, type FindingSubjectLink } from './FindingsTable';

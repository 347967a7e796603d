export {
  FindingCodesContent,
  FindingCodesPage,
  FindingCodesPageContent,
} from './FindingCodePage';

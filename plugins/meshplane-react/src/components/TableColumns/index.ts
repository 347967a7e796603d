export { oneLine, wholeWords } from './columnLayout';

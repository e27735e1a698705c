/** Line counting equal to cloc 1.96: per file (`countLines`) and cloc's names for our languages. */
export { clocLanguageForFile, clocLanguageName } from './cloc-languages.ts';
export { countLines, countsLikeCloc } from './count.ts';

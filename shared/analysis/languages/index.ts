/** A file's language from GitHub Linguist's data (extension, file name, shebang, cheap content rules). */
export { detectLanguage, languageType, resolveLanguageName } from './detect.ts';

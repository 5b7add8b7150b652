// The content engine's public API: plain text in, plain data out. Shared by
// the extension, the CLI, the web extension and the tests.

export * from './types';
export { LineIndex, detectEol } from './text';
export {
  parseDate,
  dateFromFileName,
  formatIsoDate,
  formatDisplayDate,
  formatLongDisplayDate,
  comparePostDates,
  todayLocal,
  isFuture,
  normalizeDateText,
  instantOf,
  dateSortKey,
  daysInMonth,
  type FileNameDate,
} from './dates';
export { splitDocument, safeGrayMatterOptions } from './frontmatter';
export { buildPost, resolveDate, titleFromFileName, plainSiteContext, type DateResolution, type InvalidDateField } from './post';
export { classifyLines, disabledRules, firstHeading, countWords, type BodyLines, type LineKind } from './markdown';
export { analyze, findingsOf, RULES, type AnalyzeOptions } from './analyze';
export { detectSites, withSiteContent, type SiteOverride, type SiteSet, type DetectOptions } from './site/detect';
export { siteContextFor } from './site/context';
export type { SiteContext } from './site/facts';
export type { Site, SiteFiles, SiteRef, GeneratorId, Classification, DirEntry } from './site/types';
export { summarizeListing, summarizePost, type PostSummary } from './summary';
export { applyEdits, fixAll, selectFixes, type FixAllOptions, type FixAllResult } from './fixes';
export { decodeFile, encodeText, fileProblemFinding, type DecodeResult } from './decode';
export { MESSAGES, formatMessage, message, placeholdersOf, type CatalogueText, type MessageArgs, type MessageId } from './messages';
export {
  DEFAULT_CONFIG,
  DEFAULT_MARKERS,
  MAX_FILE_SIZE_LIMIT,
  RULE_IDS,
  SEVERITY_SETTINGS,
  parseConfigText,
  validateConfigObject,
  resolveConfig,
  createContentMatcher,
  type ConfigError,
  type ParsedConfig,
} from './config';
export { normalizeMarkerText, markerSet, findMarkerLines } from './rules/strayMarker';
export { disableRuleEdit } from './rules/disable';
export { RULE_TABLE, DEFAULT_SEVERITIES, isRuleId, ruleEntry, ruleDocumentationUrl, RULES_DOCUMENTATION_URL, type RuleEntry } from './rules/table';
export { insertDateEdit, replaceValueEdit } from './rules/dateEdits';

// What the template plugins (#17) are told about the post's site: which
// generator's syntax applies, the values a template would read, and how to
// find a post or a template file. Nothing here runs a template.

export type TemplateGenerator = 'hugo' | 'jekyll' | 'zola' | 'eleventy' | 'astro' | 'docusaurus' | 'hexo';

/** A post a template links to (Hugo `ref`/`relref`, Jekyll `post_url`/`link`), as the preview can open it. */
export interface ResolvedPostLink {
  readonly href: string;
  readonly title?: string;
}

/** What a template name refers to: a Hugo shortcode, a Liquid/Nunjucks include, an MDX component. */
export interface TemplateReference {
  readonly kind: 'shortcode' | 'include' | 'component';
  readonly name: string;
  /** A component's import path (`import Chart from '../components/Chart.astro'`). */
  readonly importPath?: string;
}

export interface TemplateLabels {
  /** Label of an unknown template block, before its name: "Shortcode", "Include", "Component", "Template". */
  readonly shortcode: string;
  readonly include: string;
  readonly component: string;
  readonly template: string;
  /** Link text to a template's file. */
  readonly openTemplate: string;
  /** A link to a post the site model does not know, before its target. */
  readonly missingPost: string;
  /** A value (`{{ site.x }}`, `param`) not given, before its name. */
  readonly missingValue: string;
  /** A video or gist that is linked to, not loaded. */
  readonly video: string;
  readonly gist: string;
  /** Docusaurus admonition titles by type. */
  readonly note: string;
  readonly tip: string;
  readonly info: string;
  readonly warning: string;
  readonly danger: string;
  readonly caution: string;
}

export const DEFAULT_TEMPLATE_LABELS: TemplateLabels = {
  shortcode: 'Shortcode',
  include: 'Include',
  component: 'Component',
  template: 'Template',
  openTemplate: 'open template',
  missingPost: 'Missing post',
  missingValue: 'No value for',
  video: 'Video',
  gist: 'Gist',
  note: 'Note',
  tip: 'Tip',
  info: 'Info',
  warning: 'Warning',
  danger: 'Danger',
  caution: 'Caution',
};

/** Everything the template plugins read from markdown-it's environment (`env.templates`). */
export interface TemplateEnv {
  readonly generator?: TemplateGenerator;
  /** MDX syntax (an `.mdx` file, whatever the generator). */
  readonly mdx: boolean;
  /**
   * Recognise only the template constructs whose content is code (Liquid
   * `highlight`/`raw`, Hugo `highlight`), of every generator: the stray-marker
   * rule's view when it does not know the site.
   */
  readonly codeOnly?: boolean;
  /** The post's front matter (`page.x`, Hugo `.Params`). */
  readonly page: Readonly<Record<string, unknown>>;
  /** The site's config values (`site.x`, Hugo `.Site.Params`). */
  readonly site: Readonly<Record<string, unknown>>;
  readonly resolvePostLink?: (target: string) => ResolvedPostLink | undefined;
  readonly resolveTemplate?: (reference: TemplateReference) => { readonly href: string } | undefined;
  readonly labels: TemplateLabels;
  /** Component names to their import paths, filled as the MDX import lines are read. */
  readonly imports: Map<string, string>;
}

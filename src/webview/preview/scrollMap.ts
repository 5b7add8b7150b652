// Maps between document lines and vertical offsets in the page, using the
// data-line attributes the renderer puts on block elements. Interpolates
// between neighbouring elements so a long paragraph scrolls smoothly.

interface LineAnchor {
  readonly line: number;
  readonly top: number;
}

/** Anchors in line order; nested elements on the same line keep only the outermost (first). */
function collectAnchors(root: HTMLElement): LineAnchor[] {
  const anchors: LineAnchor[] = [];
  let lastLine = -1;
  for (const element of root.querySelectorAll<HTMLElement>('[data-line]')) {
    const line = Number(element.dataset.line);
    if (!Number.isFinite(line) || line <= lastLine) continue;
    const rect = element.getBoundingClientRect();
    // Hidden elements (collapsed <details>) have no box to scroll to.
    if (rect.height === 0 && rect.width === 0) continue;
    anchors.push({ line, top: rect.top + window.scrollY });
    lastLine = line;
  }
  return anchors;
}

/** The page offset where document line `line` (fractional) starts. */
export function offsetForLine(root: HTMLElement, line: number, lineCount: number): number {
  const anchors = collectAnchors(root);
  const first = anchors[0];
  if (!first || line <= first.line) return 0;
  let previous = first;
  for (const anchor of anchors) {
    if (anchor.line > line) {
      const fraction = (line - previous.line) / (anchor.line - previous.line);
      return previous.top + fraction * (anchor.top - previous.top);
    }
    previous = anchor;
  }
  // Past the last element: interpolate to the end of the page.
  const end = Math.max(lineCount, previous.line + 1);
  const pageEnd = document.documentElement.scrollHeight;
  return previous.top + ((line - previous.line) / (end - previous.line)) * (pageEnd - previous.top);
}

/** The fractional document line shown at page offset `offset`. */
export function lineForOffset(root: HTMLElement, offset: number): number {
  const anchors = collectAnchors(root);
  const first = anchors[0];
  if (!first || offset <= first.top) return first ? first.line * Math.max(0, offset) / Math.max(1, first.top) : 0;
  let previous = first;
  for (const anchor of anchors) {
    if (anchor.top > offset) {
      const span = anchor.top - previous.top;
      return previous.line + (span > 0 ? ((offset - previous.top) / span) * (anchor.line - previous.line) : 0);
    }
    previous = anchor;
  }
  return previous.line;
}

/** The data-line of the element at or around a node (for double-click and marker clicks). */
export function lineOfNode(node: EventTarget | null): number | undefined {
  const element = node instanceof Element ? node.closest<HTMLElement>('[data-line]') : null;
  const line = element ? Number(element.dataset.line) : NaN;
  return Number.isFinite(line) ? line : undefined;
}

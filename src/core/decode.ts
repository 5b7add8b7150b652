// Turning a file's bytes into text without losing anything: too large,
// binary and non-UTF-8 files are refused with a message (rule `file`) rather
// than mangled, and a byte order mark is stripped and remembered so it can be
// written back. No Node APIs: the web extension uses this too.

import type { Finding, MessageTemplate, Severity } from './types';
import { detectEol } from './text';
import { message, type CatalogueText } from './messages';

export type DecodeResult =
  | { readonly ok: true; readonly text: string; readonly bom: boolean; readonly eol: '\n' | '\r\n' }
  | {
      readonly ok: false;
      readonly reason: 'too-large' | 'binary' | 'not-utf8';
      readonly message: string;
      /** `message` as a template the editor can translate; pass it on to fileProblemFinding. */
      readonly messageTemplate: MessageTemplate;
    };

type Refusal = Extract<DecodeResult, { ok: false }>;

function refuse(reason: Refusal['reason'], said: CatalogueText): Refusal {
  return { ok: false, reason, message: said.text, messageTemplate: said.template };
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

export function decodeFile(bytes: Uint8Array, maxSize: number): DecodeResult {
  if (bytes.length > maxSize) {
    return refuse('too-large', message('fileTooLarge', { size: formatSize(bytes.length), limit: formatSize(maxSize) }));
  }
  // UTF-16 files start with their own byte order mark; say so rather than "binary".
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return refuse('not-utf8', message('fileUtf16', {}));
  }
  // A NUL byte in the first 8 KB is how git and most editors spot binary files.
  const probe = Math.min(bytes.length, 8192);
  for (let i = 0; i < probe; i++) {
    if (bytes[i] === 0) return refuse('binary', message('fileBinary', {}));
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    return refuse('not-utf8', message('fileNotUtf8', {}));
  }
  return { ok: true, text, bom, eol: detectEol(text) };
}

export function encodeText(text: string, bom: boolean): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf], 0);
  out.set(body, 3);
  return out;
}

/**
 * A finding for a file that could not be read or decoded, at its start
 * (severity from `config.severity.file`). Pass decodeFile's `messageTemplate`
 * along so the editor can show the message in the display language.
 */
export function fileProblemFinding(message: string, severity: Severity = 'warning', messageTemplate?: MessageTemplate): Finding {
  return {
    rule: 'file',
    severity,
    message,
    span: { start: 0, end: 0 },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    fixes: [],
    ...(messageTemplate ? { messageTemplate } : {}),
  };
}

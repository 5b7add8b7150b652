// The worker thread that lists and reads local files for the index (bundled
// as dist/readWorker.js). The folder walk and every read that blocks in the
// kernel (a disk busy writing a fresh checkout, a slow or network drive) then
// hold this thread, not the extension host's, and the host never holds the
// walk's garbage. Paths come back in parts, a batch of files' bytes as one
// transferred buffer.
import { parentPort } from 'node:worker_threads';
import { walkContentFolder } from './contentFiles';
import { readLocalFileSync } from './localRead';
import type { PackedReadResult, ReadReply, ReadRequest, WalkReply, WalkRequest, WorkerRequest } from './readWorkerProtocol';

function readBatch(request: ReadRequest): void {
  const chunks: Uint8Array[] = [];
  const results: PackedReadResult[] = [];
  let total = 0;
  for (let i = 0; i < request.paths.length; i++) {
    const result = readLocalFileSync(request.paths[i], request.maxSizes[i]);
    if (result.kind === 'bytes') {
      results.push({ kind: 'bytes', offset: total, length: result.bytes.length });
      chunks.push(result.bytes);
      total += result.bytes.length;
    } else {
      results.push(result);
    }
  }
  const packed = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    packed.set(chunk, offset);
    offset += chunk.length;
  }
  const reply: ReadReply = { kind: 'read', id: request.id, results, buffer: packed.buffer };
  parentPort?.postMessage(reply, [packed.buffer]);
}

/** Walks waiting for the host to ask for their next part. */
const walksInProgress = new Map<number, { readonly paths: readonly string[]; readonly partSize: number; sent: number }>();

async function walk(request: WalkRequest): Promise<void> {
  try {
    const paths = await walkContentFolder(request.root, request.config);
    walksInProgress.set(request.id, { paths, partSize: Math.max(1, request.partSize), sent: 0 });
    sendNextPart(request.id);
  } catch (error) {
    send({ kind: 'walk', id: request.id, paths: [], done: true, error: error instanceof Error ? error.message : String(error) });
  }
}

function sendNextPart(id: number): void {
  const walked = walksInProgress.get(id);
  if (!walked) return;
  const end = Math.min(walked.sent + walked.partSize, walked.paths.length);
  const done = end >= walked.paths.length;
  if (done) walksInProgress.delete(id);
  send({ kind: 'walk', id, paths: walked.paths.slice(walked.sent, end), done });
  walked.sent = end;
}

function send(reply: WalkReply): void {
  parentPort?.postMessage(reply);
}

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.kind === 'read') readBatch(request);
  else if (request.kind === 'walk') void walk(request);
  else sendNextPart(request.id);
});

// The worker thread that lists and reads local files for the index (bundled
// as dist/readWorker.js). The folder walk and every read that blocks in the
// kernel (a disk busy writing a fresh checkout, a slow or network drive) then
// hold this thread, not the extension host's, and the host never holds the
// walk's garbage. Paths come back in parts, a batch of files' bytes as one
// transferred buffer.
import { parentPort } from 'node:worker_threads';
import { walkContentFolder } from '../node/contentFiles';
import { readLocalFileSync } from '../node/localRead';
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

async function walk(request: WalkRequest): Promise<void> {
  const send = (reply: WalkReply): void => parentPort?.postMessage(reply);
  try {
    const paths = await walkContentFolder(request.root, request.config);
    const partSize = Math.max(1, request.partSize);
    for (let from = 0; from < paths.length; from += partSize) {
      const end = from + partSize;
      send({ kind: 'walk', id: request.id, paths: paths.slice(from, end), done: end >= paths.length });
    }
    if (paths.length === 0) send({ kind: 'walk', id: request.id, paths: [], done: true });
  } catch (error) {
    send({ kind: 'walk', id: request.id, paths: [], done: true, error: error instanceof Error ? error.message : String(error) });
  }
}

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.kind === 'read') readBatch(request);
  else void walk(request);
});

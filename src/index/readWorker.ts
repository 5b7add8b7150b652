// The worker thread that reads local files for the index (bundled as
// dist/readWorker.js). A read that blocks in the kernel (a disk busy writing
// a fresh checkout, a slow or network drive) then holds this thread, not the
// extension host's. Each batch of files comes back as one transferred buffer.
import { parentPort } from 'node:worker_threads';
import { readLocalFileSync } from '../node/localRead';
import type { PackedReadResult, ReadReply, ReadRequest } from './readWorkerProtocol';

function readBatch(request: ReadRequest): { reply: ReadReply; transfer: ArrayBuffer[] } {
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
  return { reply: { id: request.id, results, buffer: packed.buffer }, transfer: [packed.buffer] };
}

parentPort?.on('message', (request: ReadRequest) => {
  const { reply, transfer } = readBatch(request);
  parentPort?.postMessage(reply, transfer);
});

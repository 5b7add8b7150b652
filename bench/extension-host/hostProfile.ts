// A CPU profile of the extension host a bench suite runs in, when asked for
// (POSTDESK_BENCH_CPUPROF): both suites profile what their figures measure.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import * as path from 'node:path';

/**
 * With POSTDESK_BENCH_CPUPROF=<folder>, a CPU profile of this extension host
 * over what a suite measures (open it in Chrome DevTools), to find out what a
 * figure is made of. Returns the function that stops and saves it.
 */
export async function startProfile(): Promise<((name: string) => Promise<void>) | undefined> {
  const folder = process.env.POSTDESK_BENCH_CPUPROF;
  if (!folder) return undefined;
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: Number(process.env.POSTDESK_BENCH_CPUPROF_INTERVAL ?? 200) });
  await post('Profiler.start');
  return async (name) => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(path.join(folder, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}

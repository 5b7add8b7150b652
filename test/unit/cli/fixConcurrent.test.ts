// Fault test for issue #14 item 4: `fix` on a file another process keeps
// appending to must never lose an appended line. Each run either writes its
// fix (with every line appended so far) or finds the file changed and leaves
// it alone; no timing is asserted.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeSeams } from '../../../src/cli/write';
import { run, TempSite } from './helpers';

// Appends "appended N" plus a marker line (so every fix run has work to do)
// until stdin closes, two at a time with 0-10 ms between pairs; says "ready"
// after its first append and prints how many it wrote when it stops. With
// "held" it opens the file once (like `while …; done >> file`), otherwise for
// each append (like `echo … >> file` inside the loop).
const APPENDER = `
const fs = require('node:fs');
const file = process.argv[1];
const held = process.argv[2] === 'held' ? fs.openSync(file, 'a') : undefined;
const append = (text) => (held === undefined ? fs.appendFileSync(file, text) : fs.writeSync(held, text));
let n = 0;
let stop = false;
process.stdin.on('end', () => { stop = true; });
process.stdin.resume();
const pause = new Int32Array(new SharedArrayBuffer(4));
function burst() {
  for (let i = 0; i < 2 && !stop; i++) {
    append('appended ' + n + '\\n\\nAdvertisement\\n\\n');
    if (n++ === 0) process.stdout.write('ready\\n');
    Atomics.wait(pause, 0, 0, Math.random() * 2);
  }
  if (stop) process.stdout.write('appended ' + n + '\\n');
  else setTimeout(burst, Math.random() * 10);
}
burst();
`;

const START = '---\ntitle: Log\ndate: 2020-11-06\n---\n\nFirst paragraph.\n\nAdvertisement\n\n';

const DEFAULT_IN_PLACE = writeSeams.inPlace;

describe('postdesk fix while another process appends', function () {
  // A hundred runs on a loaded machine; nothing here measures time.
  this.timeout(180_000);
  let site: TempSite;
  afterEach(async () => {
    writeSeams.inPlace = DEFAULT_IN_PLACE;
    await site?.cleanup();
  });

  const cases = [
    { inPlace: true, mode: 'reopen' },
    { inPlace: true, mode: 'held' },
    // A rename cannot serve a writer holding the old file open (why Linux writes in place).
    { inPlace: false, mode: 'reopen' },
  ] as const;
  for (const { inPlace, mode } of cases) {
    const how = `${inPlace ? 'in place' : 'by rename'}, appender opening the file ${mode === 'held' ? 'once' : 'for each line'}`;
    it(`keeps every appended line over 100 runs (${how})`, async () => {
      writeSeams.inPlace = inPlace;
      site = await TempSite.create({ 'log.md': START });
      const child = spawn(process.execPath, ['-e', APPENDER, site.path('log.md'), mode], { stdio: ['pipe', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const exited = once(child, 'exit');
      while (!out.includes('ready')) await once(child.stdout, 'data');
      const codes = { written: 0, refused: 0 };
      try {
        for (let i = 0; i < 100; i++) {
          const result = await run(site.dir, 'fix', 'log.md');
          if (result.code === 0) codes.written++;
          else {
            assert.equal(result.code, 1, result.stderr);
            assert.match(result.stderr, /^postdesk: log\.md: changed while fixing; not written/m);
            codes.refused++;
          }
        }
      } finally {
        child.stdin.end();
        await exited;
      }
      const appended = Number(/appended (\d+)/.exec(out)?.[1]);
      assert.ok(appended > 0, 'the appender ran');
      const text = await site.read('log.md');
      const missing = Array.from({ length: appended }, (_, i) => `appended ${i}`).filter((line) => !text.includes(`${line}\n`));
      assert.deepEqual(missing, [], `lines lost (${codes.written} runs wrote, ${codes.refused} refused)`);
      assert.ok(text.startsWith('---\ntitle: Log\n'), 'the file is still whole');
    });
  }
});

// Control characters from posts never reach the terminal raw (issue #14,
// item 11): titles, date values and file names in check, list and fix text
// output are escaped by one helper; JSON output stays exact.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { runCli } from '../../../src/cli/run';
import { escapeTerminal, UNSAFE_CHARACTERS } from '../../../src/cli/terminal';
import { NOW, run, runJson, TempSite } from './helpers';

/** Anything a terminal would act on, apart from the newline that ends each output line. */
const RAW_CONTROL = new RegExp(`(?!\n)[${UNSAFE_CHARACTERS}]`, 'u');

// YAML double quotes turn \e, \a, \x9b, \u202e into the characters themselves.
const HOSTILE_DATE = '---\ntitle: "Clear\\e[2J\\e]0;pwned\\a title\\u202egnp.exe\\x9b31m"\ndate: "2020-01-01\\e[2J\\rfake.md:1:1  error  spoofed"\n---\n\nBody.\n\nAdvertisement\n';
const EVIL_NAME = 'x\nfake.md:1:1  error  Spoofed finding  front-matter\n\u001b[2J\u202e.md';

function assertSafe(output: string, what: string): void {
  assert.doesNotMatch(output, RAW_CONTROL, `${what} holds a raw control character: ${JSON.stringify(output)}`);
}

describe('cli text output and control characters', () => {
  let site: TempSite;
  afterEach(async () => site?.cleanup());

  it('escapeTerminal shows controls the way JSON writes them and leaves other text alone', () => {
    assert.equal(escapeTerminal('a\u001b[2Jb'), 'a\\u001b[2Jb');
    assert.equal(escapeTerminal('1\n2\r3\t4\u0007'), '1\\n2\\r3\\t4\\u0007');
    assert.equal(escapeTerminal('\u009b31m \u007f'), '\\u009b31m \\u007f');
    assert.equal(escapeTerminal('abc\u202egnp.exe\u2066x\u2069'), 'abc\\u202egnp.exe\\u2066x\\u2069');
    assert.equal(escapeTerminal('Café 記事 🙂 "q" \\ done'), 'Café 記事 🙂 "q" \\ done');
  });

  it('check: a hostile date value and file name print as one escaped line each', async () => {
    site = await TempSite.create({ 'a.md': HOSTILE_DATE, [EVIL_NAME]: '---\ntitle: T\n---\nAdvertisement\n' });
    const result = await run(site.dir, 'check');
    assertSafe(result.stdout, 'check stdout');
    assertSafe(result.stderr, 'check stderr');
    const lines = result.stdout.trimEnd().split('\n');
    // a.md: invalid date + marker; the evil name: missing date + marker; a blank line; the summary.
    assert.equal(lines.length, 6, result.stdout);
    assert.ok(lines.some((l) => l.startsWith('x\\nfake.md:1:1  error  Spoofed finding  front-matter\\n\\u001b[2J\\u202e.md:')));
    // (A line break in a message becomes a space: one finding, one line.)
    assert.ok(lines.some((l) => l.includes('"2020-01-01\\u001b[2J fake.md:1:1  error  spoofed"')));
    // JSON keeps the exact characters (JSON.stringify escapes them).
    const json = await runJson(site.dir);
    assert.ok(json.findings.some((f) => f.file === EVIL_NAME));
  });

  it('list: titles and file names escaped', async () => {
    site = await TempSite.create({ '2020-01-01-a.md': HOSTILE_DATE.replace(/date: .*\n/, 'date: 2020-01-01\n'), [EVIL_NAME]: '---\ntitle: T\ndate: 2020-02-02\n---\n' });
    const result = await run(site.dir, 'list');
    assertSafe(result.stdout, 'list stdout');
    assert.match(result.stdout, /Clear\\u001b\[2J\\u001b\]0;pwned\\u0007 title\\u202egnp\.exe\\u009b31m/);
    assert.equal(result.stdout.trimEnd().split('\n').length, 4, result.stdout);
  });

  it('fix: the report and errors escaped; the patch raw when piped, escaped on a terminal', async () => {
    site = await TempSite.create({ [EVIL_NAME]: '---\ntitle: T\ndate: 2020-02-02\n---\n\nA\u001b[31m\n\nAdvertisement\n', 'ro.md': HOSTILE_DATE });
    await fs.chmod(site.path('ro.md'), 0o444);
    const piped = await run(site.dir, 'fix', '--dry-run');
    assertSafe(piped.stderr, 'fix --dry-run stderr');
    assert.ok(piped.stdout.includes('A\u001b[31m\n'), 'a patch for git apply keeps the bytes');
    assert.ok(!piped.stdout.includes(EVIL_NAME), 'the name is quoted in the patch');

    let stdout = '';
    await runCli(['fix', '--dry-run'], { cwd: site.dir, now: NOW, env: {}, stdout: { isTTY: true, write: (s: string) => (stdout += s) }, stderr: { write: () => true } });
    assertSafe(stdout, 'fix --dry-run on a terminal');
    assert.ok(stdout.includes(' A\\u001b[31m\n'));

    const fixed = await run(site.dir, 'fix');
    assertSafe(fixed.stdout, 'fix stdout');
    assertSafe(fixed.stderr, 'fix stderr');
    assert.match(fixed.stdout, /^fixed x\\nfake\.md:1:1 {2}error {2}Spoofed finding {2}front-matter\\n\\u001b\[2J\\u202e\.md \(1 problem\)$/m);
    assert.match(fixed.stderr, /^postdesk: ro\.md: read-only/m);
  });

  it('--format github and usage errors: control characters escaped there too', async () => {
    site = await TempSite.create({ 'posts/a.md': '---\ndate: "2020-13-01\u001b[2J"\n---\nText.\n', 'postdesk.config.json': JSON.stringify({ 'colour\u001b]0;pwned\u0007': 1 }) });
    {
      const usage = await run(site.dir, 'check');
      assert.equal(usage.code, 2);
      assert.ok(!usage.stderr.includes('\u001b') && usage.stderr.includes('\\u001b'), usage.stderr);
      await fs.rm(site.path('postdesk.config.json'));
      const github = await run(site.dir, 'check', '--format', 'github');
      assert.ok(!github.stdout.includes('\u001b') && github.stdout.includes('\\u001b'), github.stdout);
    }
  });
});

// The harness's own fault handling, without a real VS Code: each fault ends
// with a message naming the cause, and leaves no process or temp dir behind.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchChromium } from '../browser';
import { prepareFixture, workbenchUrl } from '../fixtures';
import { HarnessError } from '../log';
import { startCodeServer } from '../server';

function tempDirs(): Set<string> {
  return new Set(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('postdesk-code-server-')));
}

/** Running (a zombie waiting for a container's init to reap it does not count). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

/** A fake code-server entry point written to a temp file. */
function fakeEntry(dir: string, source: string): string {
  const file = path.join(dir, 'entry.js');
  fs.writeFileSync(file, source);
  return file;
}

describe('harness faults', function () {
  this.timeout(30_000);
  let scratch: string;

  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'postdesk-selftest-'));
  });

  afterEach(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('code-server exiting before it listens: names the exit code and shows its output', async () => {
    const before = tempDirs();
    const entry = fakeEntry(scratch, 'console.error("cannot load argon2"); process.exit(3);');
    await assert.rejects(
      startCodeServer({ install: { packageDir: scratch, entry } }),
      (e: unknown) => e instanceof HarnessError && /exited with 3 before listening/.test(e.message) && /cannot load argon2/.test(e.message),
    );
    assert.deepEqual([...tempDirs()].filter((d) => !before.has(d)), [], 'its temp dir is removed');
  });

  it('code-server that never listens: times out and kills its whole process group', async () => {
    const pidFile = path.join(scratch, 'pids');
    // The fake server starts a grandchild, like the real one starts extension hosts.
    const entry = fakeEntry(
      scratch,
      `const cp = require('child_process');
       const child = cp.spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
       require('fs').writeFileSync(${JSON.stringify(pidFile)}, process.pid + ' ' + child.pid);
       setInterval(() => {}, 1000);`,
    );
    await assert.rejects(
      startCodeServer({ install: { packageDir: scratch, entry }, startTimeoutMs: 1500 }),
      (e: unknown) => e instanceof HarnessError && /did not start listening within 1.5 s/.test(e.message),
    );
    const pids = fs.readFileSync(pidFile, 'utf8').split(' ').map(Number);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(pids.filter(alive), [], 'server and grandchild are gone');
  });

  it('a port already taken: says so before starting anything', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      await assert.rejects(
        startCodeServer({ install: { packageDir: scratch, entry: fakeEntry(scratch, '') }, port }),
        (e: unknown) => e instanceof HarnessError && e.message.includes(`Port ${port} on 127.0.0.1 is already in use`),
      );
    } finally {
      blocker.close();
    }
  });

  it('a display language without a language pack: says so before starting the server', async () => {
    const before = tempDirs();
    const started = path.join(scratch, 'started');
    const entry = fakeEntry(scratch, `require('fs').writeFileSync(${JSON.stringify(started)}, '');`);
    await assert.rejects(
      startCodeServer({ install: { packageDir: scratch, entry }, locale: 'de' }),
      (e: unknown) => e instanceof HarnessError && /--locale de needs a language pack for it among installExtensions \(installed: none\)/.test(e.message),
    );
    assert.equal(fs.existsSync(started), false, 'no server was started');
    assert.deepEqual([...tempDirs()].filter((d) => !before.has(d)), [], 'its temp dir is removed');
  });

  it('a missing Chromium: names the path and the package to install', async () => {
    await assert.rejects(
      launchChromium('/nonexistent/chromium'),
      (e: unknown) => e instanceof HarnessError && /Chromium was not found at \/nonexistent\/chromium/.test(e.message) && /apt-get install -y chromium/.test(e.message),
    );
  });

  it('fixture copies keep exact bytes (CRLF, spaces in names) and are removed on dispose', () => {
    const fixture = prepareFixture('multi-root');
    try {
      const crlf = path.join(fixture.root, 'workspace', '_posts', '2018-11-24-blog-into-business.md');
      assert.ok(fs.readFileSync(crlf, 'utf8').includes('\r\n'), 'CRLF kept');
      assert.ok(fs.existsSync(path.join(fixture.root, 'workspace', '_posts', 'scraped article.md')));
      assert.ok(fs.existsSync(path.join(fixture.root, 'workspace-b', 'posts')));
      assert.equal(fixture.workspaceFile, path.join(fixture.root, 'multi-root.code-workspace'));
    } finally {
      fixture.dispose();
    }
    assert.equal(fs.existsSync(fixture.root), false);
  });

  it('the workbench URL carries the payload as vscode-remote URIs of the same authority', () => {
    const url = new URL(workbenchUrl('127.0.0.1:4000', { folder: '/tmp/a b', extensionDevelopmentPath: '/repo', extensionTestsPath: '/repo/out/index.js' }));
    assert.equal(url.searchParams.get('folder'), '/tmp/a b');
    assert.deepEqual(JSON.parse(url.searchParams.get('payload')!), [
      ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:4000/repo'],
      ['extensionTestsPath', 'vscode-remote://127.0.0.1:4000/repo/out/index.js'],
      ['skipWelcome', 'true'],
    ]);
  });
});

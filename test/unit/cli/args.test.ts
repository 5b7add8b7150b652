import assert from 'node:assert/strict';
import { parseCommandLine, parseSize } from '../../../src/cli/args';
import { UsageError } from '../../../src/cli/io';

describe('cli arguments', () => {
  it('parses check with its flags and paths', () => {
    assert.deepEqual(parseCommandLine(['check', 'posts', 'a.md', '--format', 'github', '--max-warnings', '3', '--config', 'x.json']), {
      kind: 'check',
      paths: ['posts', 'a.md'],
      format: 'github',
      maxWarnings: 3,
      minSeverity: 'info',
      configFile: 'x.json',
      maxFileSize: undefined,
    });
  });

  it('defaults: text format, unlimited warnings, cwd', () => {
    const parsed = parseCommandLine(['check']);
    assert.equal(parsed.kind, 'check');
    if (parsed.kind !== 'check') return;
    assert.equal(parsed.format, 'text');
    assert.equal(parsed.maxWarnings, undefined);
    assert.deepEqual(parsed.paths, []);
  });

  it('parses list and fix', () => {
    assert.deepEqual(parseCommandLine(['list', '--format=json']), { kind: 'list', paths: [], format: 'json', pages: false, configFile: undefined, maxFileSize: undefined });
    assert.deepEqual(parseCommandLine(['fix', '--dry-run', 'p']), { kind: 'fix', paths: ['p'], dryRun: true, configFile: undefined, maxFileSize: undefined });
    const sized = parseCommandLine(['fix', '--max-file-size', '512k']);
    assert.equal(sized.kind === 'fix' && sized.maxFileSize, 512 * 1024);
  });

  it('help and version', () => {
    assert.deepEqual(parseCommandLine([]), { kind: 'help' });
    assert.deepEqual(parseCommandLine(['--help']), { kind: 'help' });
    assert.deepEqual(parseCommandLine(['check', '-h']), { kind: 'help', command: 'check' });
    assert.deepEqual(parseCommandLine(['--version']), { kind: 'version' });
  });

  const usage = (argv: string[], pattern: RegExp): void => {
    assert.throws(() => parseCommandLine(argv), (e: unknown) => e instanceof UsageError && pattern.test(e.message));
  };

  it('names the bad flag, command or value', () => {
    usage(['check', '--fromat', 'json'], /unknown option --fromat for "postdesk check"/);
    usage(['list', '--dry-run'], /unknown option --dry-run for "postdesk list"/);
    usage(['list', '--format', 'github'], /invalid value "github" for --format/);
    usage(['check', '--format', 'xml'], /invalid value "xml" for --format \(expected one of: text, json, github, sarif, junit\)/);
    usage(['check', '--max-warnings', '-1'], /^invalid value "-1" for --max-warnings \(expected a whole number ≥ 0\)$/);
    usage(['check', '--max-warnings=-1'], /^invalid value "-1" for --max-warnings/);
    usage(['check', '--max-file-size', '-5'], /^invalid value "-5" for --max-file-size/);
    usage(['check', '--format', '-x'], /^option --format needs a value/);
    usage(['fix', '--dry-run=yes'], /^option --dry-run takes no value$/);
    usage(['check', '--max-warnings', 'many'], /invalid value "many" for --max-warnings/);
    usage(['check', '--format'], /--format needs a value/);
    usage(['chek'], /unknown command "chek"/);
    usage(['--bogus'], /unknown option --bogus/);
    usage(['fix', '--max-file-size', 'huge'], /--max-file-size/);
  });

  it('parses sizes in bytes and binary units', () => {
    assert.equal(parseSize('5242880'), 5242880);
    assert.equal(parseSize('5MB'), 5 * 1024 * 1024);
    assert.equal(parseSize('1.5m'), 1.5 * 1024 * 1024);
    assert.equal(parseSize('0'), undefined);
    assert.equal(parseSize('5 parsecs'), undefined);
  });
});

// `npm run screenshots`: takes the README screenshots in a real VS Code
// (test/e2e/screenshots.readme.ts, not part of npm test, light and dark themes, on sample/) and copies
// them from test-results/e2e/ to docs/images/, the only place the README
// points at. Commit docs/images/ afterwards.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(REPO_ROOT, 'test-results', 'e2e');
const IMAGES = path.join(REPO_ROOT, 'docs', 'images');
export const SCREENSHOTS = ['posts-view', 'preview', 'problems'].flatMap((name) => ['light', 'dark'].map((theme) => `${name}-${theme}.png`));

function main(): number {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
  try {
    execFileSync(process.execPath, ['--require', 'tsx/cjs', path.join(REPO_ROOT, 'test', 'harness', 'runE2e.ts'), path.join(REPO_ROOT, 'test', 'e2e', 'screenshots.readme.ts')], { cwd: REPO_ROOT, stdio: 'inherit' });
  } catch {
    console.error('The screenshot run failed; docs/images/ was left as it was.');
    return 1;
  }
  fs.mkdirSync(IMAGES, { recursive: true });
  for (const name of SCREENSHOTS) {
    const from = path.join(RESULTS, `readme-${name}`);
    if (!fs.existsSync(from)) {
      console.error(`${path.relative(REPO_ROOT, from)} was not taken.`);
      return 1;
    }
    fs.copyFileSync(from, path.join(IMAGES, name));
    console.log(`docs/images/${name}  ${(fs.statSync(from).size / 1024).toFixed(0)} KB`);
  }
  return 0;
}

if (require.main === module) process.exitCode = main();

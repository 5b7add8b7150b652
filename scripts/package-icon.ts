// Renders the Marketplace icon (media/icon.png, 128×128; the Marketplace
// wants a PNG) from the activity bar glyph, drawn white on a rounded tile, in
// the Debian Chromium the tests use. Run once after changing the glyph:
// node --require tsx/cjs scripts/package-icon.ts
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

const REPO_ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const glyph = fs.readFileSync(path.join(REPO_ROOT, 'media', 'postdesk.svg'), 'utf8').replace('<svg ', '<svg style="width:96px;height:96px;color:#fff" ');
  const browser = await chromium.launch({ executablePath: process.env.POSTDESK_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><div style="width:128px;height:128px;border-radius:24px;background:linear-gradient(135deg,#2f6fdf,#1b3f8f);display:flex;align-items:center;justify-content:center">${glyph}</div></body></html>`,
    );
    await page.screenshot({ path: path.join(REPO_ROOT, 'media', 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
  console.log('media/icon.png');
}

void main();

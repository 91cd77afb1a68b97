// Screenshots of the charts gallery in both themes, and each chart's draw time:
//   node apps/dashboard/src/charts/testing/screenshot.mjs [outDir] [trials]
// Serves the dashboard with Vite's dev server and drives the installed Chromium.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';

const here = import.meta.dirname;
const outDir = process.argv[2] ?? '/tmp/charts-shots';
const trials = process.argv[3] ?? '10000';

const server = await createServer({ configFile: path.resolve(here, '../../../vite.config.mts'), server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
await server.listen();
const url = server.resolvedUrls.local[0];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
/** Hovers and brushes like a user, and screenshots the results. */
async function interact(page) {
  const sectionTitled = (text) => page.locator('section', { has: page.locator('h3', { hasText: text }) }).first();
  const history = sectionTitled('History (single');
  await history.scrollIntoViewIfNeeded();
  const box = await history.locator('[role=img]').boundingBox();
  // Sweep along the dense bottom of the cloud until a tooltip shows.
  for (let f = 0.3; f < 0.9 && (await page.locator('.chart-tooltip').count()) === 0; f += 0.01) {
    await page.mouse.move(box.x + box.width * f, box.y + box.height * 0.8);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(200);
  await history.screenshot({ path: path.join(outDir, 'hover-history.png') });
  // Zoom into the early trials, down to the best values.
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.55);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.9, { steps: 5 });
  await page.mouse.up();
  await page.waitForTimeout(300);
  await history.screenshot({ path: path.join(outDir, 'zoom-history.png') });
  const contour = sectionTitled('Contour (categorical');
  await contour.locator('select').first().selectOption('scheduler');
  await page.waitForTimeout(300);
  await contour.screenshot({ path: path.join(outDir, 'contour-categorical.png') });
  const parallel = sectionTitled('Parallel coordinates (single');
  await parallel.scrollIntoViewIfNeeded();
  const handle = await parallel.locator('button[aria-label*="axis"]').nth(1).boundingBox();
  if (handle) {
    const x = handle.x + handle.width / 2;
    await page.mouse.move(x, handle.y + handle.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(x, handle.y + handle.height * 0.45, { steps: 4 });
    await page.mouse.move(x, handle.y + handle.height * 0.55, { steps: 4 });
    await page.mouse.up();
    await page.waitForTimeout(200);
    await parallel.locator('button[aria-label*="axis"]').nth(4).focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(200);
    console.log('after brushing:', await parallel.locator('h3').textContent(), '|', await parallel.locator('[aria-live]').textContent());
    await parallel.screenshot({ path: path.join(outDir, 'brush-parallel.png') });
  }
}

try {
  for (const theme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: Number(process.env.DPR ?? 1) });
    page.on('pageerror', (e) => console.error(`[${theme}] page error:`, e.message));
    page.on('console', (m) => m.type() === 'error' && console.error(`[${theme}] console:`, m.text()));
    await page.goto(`${url}src/charts/testing/gallery.html?theme=${theme}&n=${trials}`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1500);
    const times = () => page.$$eval('canvas[data-draw-ms]', (cs) => cs.map((c) => ({ title: c.closest('section')?.querySelector('h3')?.textContent ?? '?', draw: c.dataset.drawMs, flush: c.dataset.flushMs })));
    const first = await times();
    // Canvas 2D records drawing and rasterises it later: to time the rasterisation too, read a pixel
    // right after each draw (the read flushes what was recorded) and keep how long that took.
    await page.$$eval('canvas[data-draw-ms]', (cs) => {
      for (const c of cs) {
        new MutationObserver(() => {
          const started = performance.now();
          c.getContext('2d').getImageData(0, 0, 1, 1);
          c.dataset.flushMs = (performance.now() - started).toFixed(1);
        }).observe(c, { attributes: true, attributeFilter: ['data-draw-ms'] });
      }
    });
    // A theme change redraws every chart: the warm draw times (the first include compiling the code).
    await page.evaluate(() => (document.documentElement.dataset.theme = 'redraw'));
    await page.waitForTimeout(1500);
    const warm = await times();
    if (theme === 'light') console.log(first.map((f, i) => `${f.title}: first ${f.draw} ms, warm ${warm[i].draw} ms + rasterising ${warm[i].flush} ms`).join('\n'));
    await page.screenshot({ path: path.join(outDir, `gallery-${theme}.png`), fullPage: true });
    const sections = await page.$$('section');
    for (const [i, section] of sections.entries()) await section.screenshot({ path: path.join(outDir, `${theme}-${i}.png`) });
    if (theme === 'light') await interact(page);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}

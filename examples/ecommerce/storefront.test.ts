// The storefront in a real browser: the e-commerce platform composed for
// development (the web frontend and the storefront edge in front of the
// gateway), served, and driven by Debian's Chromium through playwright-core:
// the product list, a search, two products into the cart, checkout, the order
// in the history; then a screenshot, decoded and checked for content.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSpec } from '../../shared/release/compose.ts';
import { type RunningServer, startServer } from '../../shared/serve/server.ts';
import { decodePng, pixelStats } from '../../test/harness/png.ts';
import { BUILD_DIR, buildExample, EXAMPLE_DIR } from './build.ts';
import { publishExample } from './publish.ts';

const CHROMIUM = process.env.FLOTILLA_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOT = join(BUILD_DIR, 'storefront.png');

let work: string;
let server: RunningServer;
let browser: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
// Predicates below are page-side JavaScript, as text: they run in the browser, where `document` is.

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's (apt-get install chromium) or set FLOTILLA_CHROMIUM to its path`);
  }
  work = mkdtempSync(join(tmpdir(), 'flotilla-storefront-'));
  await buildExample();
  await publishExample();
  const composed = await composeSpec({
    specFile: join(EXAMPLE_DIR, 'flotilla.yaml'),
    environment: 'development',
    output: join(work, 'platform.wasm'),
    storeDir: join(work, 'store'),
  });
  server = await startServer(composed.bytes, { source: 'platform.wasm' });
  browser = await chromium.launchPersistentContext(join(work, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on('pageerror', (err) => pageErrors.push(err.message));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the storefront in Chromium', () => {
  it('serves the page with the product list rendered on the server', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<article class="product"/g)).toHaveLength(12);
    expect(html).toContain('<h3>Espresso Machine</h3>');
    // every other path is the gateway's API, unchanged
    expect((await fetch(`${server.url}/products/p-2001`).then((r) => r.json())) as { name: string }).toMatchObject({
      name: 'Espresso Machine',
    });
    expect((await fetch(`${server.url}/shop/nowhere`)).status).toBe(404);
  });

  it('lists, searches, adds to the cart, checks out and shows the order history', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.textContent('#product-count')).toBe('12 products');

    await page.fill('#q', 'coffee');
    await page.click('#search button[type=submit]');
    await page.waitForFunction(`document.querySelectorAll('#products article').length < 12`);
    const found = await page.$$eval('#products article', (els) => els.map((e) => e.getAttribute('data-product')));
    expect(found).toContain('p-2001');
    await page.fill('#q', '');
    await page.click('#search button[type=submit]');
    await page.waitForFunction(`document.querySelectorAll('#products article').length === 12`);

    await page.click('#add-p-2001');
    await page.waitForFunction(`document.querySelector('#cart-count')?.textContent === '1'`);
    await page.click('#add-p-2003');
    await page.waitForFunction(`document.querySelector('#cart-count')?.textContent === '2'`);
    expect(await page.textContent('#cart-total')).toBe('$518.51'); // (459.00 + 19.99) + 8.25 % tax (39.52)

    await page.selectOption('#card', 'tok_visa');
    await page.click('#checkout');
    await page.waitForFunction(`/^Order ord-[0-9]{6} confirmed/.test(document.querySelector('#order-confirmation')?.textContent ?? '')`);
    const confirmation = await page.textContent('#order-confirmation');
    expect(confirmation).toMatch(/^Order ord-\d{6} confirmed: \$518\.51$/);
    await page.waitForFunction(`document.querySelectorAll('#order-list li').length === 1`);
    expect(await page.textContent('#order-list li')).toContain('confirmed');
    expect(await page.textContent('#cart-count')).toBe('0');
    // the stock shown after checkout came back from inventory
    expect(await page.textContent('#products article[data-product="p-2001"] .stock')).toBe('1 in stock');
    expect(pageErrors).toEqual([]);
  });

  it('saves a screenshot that is not blank', async () => {
    const png = await page.screenshot({ fullPage: true });
    writeFileSync(SCREENSHOT, png);
    const decoded = decodePng(png);
    expect(decoded.width).toBe(1280);
    expect(decoded.height).toBeGreaterThanOrEqual(900);
    const { variance, colours } = pixelStats(decoded);
    expect(variance).toBeGreaterThan(200);
    expect(colours).toBeGreaterThan(100);
  });
});

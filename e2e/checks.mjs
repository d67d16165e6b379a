// The browser test's accessibility and phone checks, used by analyst-flow.mjs.
//
// axe-core runs inside each page the flow visits. It is evaluated through the DevTools protocol (page.evaluate), which
// the pages' Content-Security-Policy (no inline script) does not block, so the policy stays on while the pages are
// checked. Violations of impact serious or critical fail the run; the lesser ones are printed for the record.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FAILING = new Set(['serious', 'critical']);

/** A phone: the width of a common handset (iPhone 12 to 15), touch, two device pixels per CSS pixel. */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Collects axe-core's findings over the pages of a run, and says at the end which ones fail it. */
export class Accessibility {
  constructor(log) {
    this.log = log;
    this.failures = [];
    this.reported = 0;
  }

  /** Runs axe-core on the page as it is now; `name` says which page it is in the report. */
  async check(page, name) {
    const violations = await runAxe(page);
    for (const v of violations) {
      const line = `${name} (${new URL(page.url()).pathname}): [${v.impact}] ${v.id}: ${v.help}; ${targets(v.nodes)}`;
      if (FAILING.has(v.impact)) {
        this.failures.push(line);
      } else {
        this.log(`a11y note: ${line}`);
      }
    }
    const failing = violations.filter((v) => FAILING.has(v.impact)).length;
    this.log(`a11y: ${name}: ${violations.length} violation(s), ${failing} serious or critical`);
  }

  /** Prints every serious or critical violation seen, one a line (once). */
  report() {
    for (const f of this.failures.splice(0)) {
      console.log(`a11y violation: ${f}`);
      this.reported += 1;
    }
  }

  /** Throws, after printing them, when there was any serious or critical violation. */
  assertNone() {
    this.report();
    if (this.reported) {
      throw new Error(`${this.reported} serious or critical accessibility violation(s) (axe-core), listed above as 'a11y violation:'`);
    }
  }
}

/** page.evaluate, run again when a reload cut it short (the alert feed reloads itself every few seconds). */
async function evaluateSettled(page, fn, arg) {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.waitForLoadState('load');
      return await page.evaluate(fn, arg);
    } catch (e) {
      if (attempt >= 3 || !/context was destroyed|navigation/i.test(e.message)) {
        throw e;
      }
    }
  }
}

async function runAxe(page) {
  return evaluateSettled(page, async (source) => {
    if (!window.axe) {
      (0, eval)(source);
    }
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.map(String).join(' >>> ')),
    }));
  }, axeSource);
}

function targets(nodes) {
  const shown = nodes.slice(0, 6).join(', ');
  return nodes.length > 6 ? `${shown} (+${nodes.length - 6} more)` : shown;
}

/** Fails when the page scrolls sideways as a whole (a wide table or form must scroll inside its own box, or wrap). */
export async function assertNoSidewaysScroll(page, name) {
  const screen = page.viewportSize().width;
  const { scrollWidth, innerWidth, widest } = await evaluateSettled(page, (width) => {
    // the outermost elements sticking out (their parent does not), to name in the error
    const name = (el) => {
      const classes = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '';
      return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${classes}${el.name ? '[name=' + el.name + ']' : ''}`;
    };
    const out = (el) => el.getBoundingClientRect().right > width + 1;
    const widest = [...document.body.querySelectorAll('*')].filter((el) => out(el) && !out(el.parentElement))
      .slice(0, 4).map((el) => `${name(el.parentElement)} > ${name(el)} to ${Math.round(el.getBoundingClientRect().right)} px`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, widest: widest.join(', ') };
  }, screen);
  // A phone browser widens the layout to fit a page wider than the screen (and shrinks it all), or lays out a page
  // without <meta name="viewport"> 980 px wide: either way the page is wider than the screen.
  if (innerWidth > screen + 1 || scrollWidth > screen + 1) {
    throw new Error(`${name} is ${Math.max(innerWidth, scrollWidth)} px wide on a ${screen} px screen`
      + ` (${widest ? 'widest: ' + widest : 'no <meta name="viewport" content="width=device-width, initial-scale=1">?'})`);
  }
}

/** Fails unless the element is entirely inside the viewport's width and at least 24 x 24 CSS pixels (WCAG 2.2 target size). */
export async function assertTappable(locator, what) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  const width = locator.page().viewportSize().width;
  if (!box) {
    throw new Error(`${what} is not visible`);
  }
  if (box.x < 0 || box.x + box.width > width + 1) {
    throw new Error(`${what} sticks out of the ${width} px screen (from ${Math.round(box.x)} to ${Math.round(box.x + box.width)} px)`);
  }
  if (box.width < 24 || box.height < 24) {
    throw new Error(`${what} is ${Math.round(box.width)} x ${Math.round(box.height)} px, too small to tap (at least 24 x 24)`);
  }
}

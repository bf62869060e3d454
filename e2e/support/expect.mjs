// Waiting assertions for playwright-core, which has no `expect`: each polls what the page shows
// until it matches or the step timeout passes, then fails with what was last seen. Polling reacts
// as soon as the page is ready, unlike a fixed sleep.
import assert from 'node:assert/strict';
import { STEP_TIMEOUT_MS } from './browser.mjs';

const POLL_MS = 100;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const matches = (actual, expected) =>
  expected instanceof RegExp
    ? expected.test(actual)
    : typeof expected === 'function'
      ? expected(actual)
      : actual === expected;

/** Polls `read()` until its value matches `expected` (value, RegExp or predicate). */
export const eventually = async (read, expected, label, timeoutMs = STEP_TIMEOUT_MS) => {
  const deadline = Date.now() + timeoutMs;
  let actual;
  let lastError;
  while (Date.now() < deadline) {
    try {
      actual = await read();
      lastError = undefined;
      if (matches(actual, expected)) {
        return actual;
      }
    } catch (error) {
      lastError = error;
    }
    await sleep(POLL_MS);
  }
  const seen = lastError ? `error: ${lastError.message}` : JSON.stringify(actual);
  assert.fail(
    `${label}: expected ${expected instanceof RegExp ? expected : JSON.stringify(expected)}, saw ${seen}`,
  );
};

/** The element's text content (whitespace trimmed) becomes `expected`. */
export const expectText = (locator, expected, label) =>
  eventually(async () => (await locator.textContent({ timeout: POLL_MS * 5 })).trim(), expected, label);

/** An input's value becomes `expected`. */
export const expectValue = (locator, expected, label) =>
  eventually(() => locator.inputValue({ timeout: POLL_MS * 5 }), expected, label);

/** The locator matches at least `min` elements. */
export const expectCount = (locator, min, label) =>
  eventually(
    () => locator.count(),
    (count) => count >= min,
    label,
  );

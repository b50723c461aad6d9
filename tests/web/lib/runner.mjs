// A tiny sequential test runner: named steps, a failure stops only its own step, a summary at
// the end, exit status 1 when anything failed.
const results = [];

/** Thrown by a step whose API routes do not exist yet: reported, not counted as a failure. */
export class Skip extends Error {}

// ROLLCALL_WEB_STEPS=regex runs only the steps whose names match (while working on a page).
const only = process.env.ROLLCALL_WEB_STEPS ? new RegExp(process.env.ROLLCALL_WEB_STEPS, 'i') : null;

export async function step(name, fn) {
  if (only && !only.test(name)) return;
  const t0 = performance.now();
  try {
    await fn();
    const ms = Math.round(performance.now() - t0);
    results.push({ name, ok: true, ms });
    console.log(`ok      ${name} (${ms} ms)`);
  } catch (err) {
    const ms = Math.round(performance.now() - t0);
    if (err instanceof Skip) {
      results.push({ name, ok: true, skipped: true, ms });
      console.log(`skipped ${name}: ${err.message}`);
      return;
    }
    results.push({ name, ok: false, ms, err });
    console.log(`FAILED  ${name} (${ms} ms)\n        ${String(err?.stack || err).split('\n').slice(0, 6).join('\n        ')}`);
  }
}

export function summary() {
  const failed = results.filter((r) => !r.ok);
  const skipped = results.filter((r) => r.skipped);
  console.log(`\n${results.length - failed.length - skipped.length} passed, ${skipped.length} skipped, ${failed.length} failed`);
  return failed.length === 0;
}

export function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

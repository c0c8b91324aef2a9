// Prints the plain closing line CI reads: "e2e: N passed, N failed, N skipped".
import type { FullResult, Reporter, Suite } from "@playwright/test/reporter";

export default class SummaryReporter implements Reporter {
  private root?: Suite;
  private errors = 0;

  onBegin(_config: unknown, suite: Suite) {
    this.root = suite;
  }

  onError() {
    this.errors++; // e.g. the web server failed to start
  }

  onEnd(result: FullResult) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const test of this.root?.allTests() ?? []) {
      const outcome = test.outcome();
      if (outcome === "expected" || outcome === "flaky") passed++;
      else if (outcome === "skipped") skipped++;
      else failed++;
    }
    if (result.status !== "passed" && failed === 0) failed = Math.max(1, this.errors);
    console.log(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }

  printsToStdio() {
    return true;
  }
}

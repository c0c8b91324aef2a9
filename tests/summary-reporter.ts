// Prints the plain closing line CI reads: "unit: N passed, N failed, N skipped".
import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<unknown>) {
    let passed = 0;
    let failed = unhandled.length;
    let skipped = 0;
    for (const testModule of modules) {
      let moduleFailures = 0;
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") moduleFailures++;
        else skipped++;
      }
      // A module that failed to import or collect counts as one failure.
      failed += moduleFailures || (testModule.state() === "failed" ? 1 : 0);
    }
    console.log(`unit: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}

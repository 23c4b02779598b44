// Runs axe-core (already injected as window.axe) with the WCAG 2.0 and 2.1
// level A and AA rules, and returns the violations in the shape of the Go
// type Violation. Passes and "needs review" results are not computed: only
// definite violations fail a test, and skipping the rest saves time.
(async () => {
  const result = await axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact || '',
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      // A target is a list of selectors when the node sits in a frame or a
      // shadow root; join them into one readable path.
      target: n.target.map(String).join(' >>> '),
      html: n.html,
      failureSummary: n.failureSummary || '',
    })),
  }));
})()

// Measures sideways overflow of the document at the current viewport, in the
// shape of the Go type Overflow. The offenders name the elements that stick
// out past the viewport edge that text flows away from (the right edge in
// left-to-right pages, the left edge in right-to-left ones), outermost first,
// so the report points at the cause and not at each of its children.
(() => {
  const viewport = window.innerWidth;
  const rtl = getComputedStyle(document.body || document.documentElement).direction === 'rtl';
  const limit = 5; // a report names at most this many elements

  const describe = (el) => {
    let s = el.localName;
    if (el.id) s += '#' + el.id;
    for (const c of Array.from(el.classList).slice(0, 2)) s += '.' + c;
    return s;
  };

  // Content inside a box that clips or scrolls on its own (a wide table in an
  // overflow-x:auto wrapper) does not make the page scroll sideways.
  const clippedByAncestor = (el) => {
    for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };

  const beyond = (r) => (rtl ? -r.left : r.right - viewport);

  const sticksOut = (el) => {
    const style = getComputedStyle(el);
    // Fixed boxes never scroll, so they cannot widen the page.
    if (style.position === 'fixed' || style.display === 'none') return false;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    return beyond(r) > 0.5 && !clippedByAncestor(el);
  };

  const offenders = [];
  const all = document.body ? document.body.querySelectorAll('*') : [];
  for (const el of all) {
    if (!sticksOut(el) || (el.parentElement && sticksOut(el.parentElement))) continue;
    const r = el.getBoundingClientRect();
    offenders.push({ el, r, by: beyond(r) });
  }
  offenders.sort((a, b) => b.by - a.by);

  return {
    viewportWidth: viewport,
    scrollWidth: document.documentElement.scrollWidth,
    offenders: offenders.slice(0, limit).map(({ el, r, by }) =>
      `${describe(el)} (${Math.round(r.width)}px wide, ${Math.round(by)}px past the ${rtl ? 'left' : 'right'} edge)`),
  };
})()

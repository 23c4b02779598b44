// Keyboard focus probe. Evaluating this file installs window.__browsertestFocus
// for one check and returns how many interactive elements the page shows.
// Go then presses Tab with real key events and calls step() after each press;
// finish() removes the probe and names what Tab never reached.
(() => {
  const interactive = [
    'a[href]', 'area[href]', 'button', 'input:not([type="hidden"])', 'select', 'textarea',
    'summary', 'audio[controls]', 'video[controls]', '[tabindex]',
    '[contenteditable]:not([contenteditable="false"])',
  ].join(',');

  const describe = (el) => {
    let s = el.localName;
    if (el.id) s += '#' + el.id;
    for (const c of Array.from(el.classList).slice(0, 2)) s += '.' + c;
    for (const a of ['name', 'type', 'href']) {
      if (el.hasAttribute(a)) s += `[${a}="${el.getAttribute(a)}"]`;
    }
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ');
    if (text) s += ` "${text.slice(0, 40)}"`;
    return s;
  };

  // An element counts when a person can see it and Tab is meant to reach it:
  // tabindex=-1 and disabled elements are deliberately left out of the order.
  const reachable = (el) => {
    if (el.tabIndex < 0 || el.matches(':disabled') || el.closest('[inert]')) return false;
    if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };

  // A visible change is any of these, computed for the element, its pseudo
  // elements, its labels, its next sibling (custom checkboxes draw on it) and
  // two ancestors (:focus-within styles).
  const lineOf = (s, side) => {
    const style = s.getPropertyValue(`${side}-style`);
    const width = parseFloat(s.getPropertyValue(`${side}-width`));
    const color = s.getPropertyValue(`${side}-color`);
    if (style === 'none' || style === 'hidden' || !(width > 0) || transparent(color)) return 'none';
    return `${style} ${width} ${color}`;
  };
  const transparent = (color) => color === 'transparent' || /rgba\(.*,\s*0\)$/.test(color);
  const boxLook = (s) => [
    lineOf(s, 'outline'), s.outlineOffset, s.boxShadow,
    lineOf(s, 'border-top'), lineOf(s, 'border-right'), lineOf(s, 'border-bottom'), lineOf(s, 'border-left'),
    s.backgroundColor, s.backgroundImage,
  ];
  const fullLook = (s) => [
    ...boxLook(s), s.color, s.textDecorationLine, s.textDecorationColor, s.textDecorationThickness,
    s.textUnderlineOffset, s.filter, s.opacity, s.transform, s.clip, s.clipPath, s.visibility, s.content,
  ];
  const rectOf = (el) => {
    const r = el.getBoundingClientRect();
    return [r.left, r.top, r.width, r.height].map(Math.round).join(',');
  };
  const look = (el) => {
    const parts = [];
    const add = (node, full) => {
      if (!node) return;
      const describeStyle = full ? fullLook : boxLook;
      parts.push(rectOf(node), ...describeStyle(getComputedStyle(node)),
        ...describeStyle(getComputedStyle(node, '::before')), ...describeStyle(getComputedStyle(node, '::after')));
    };
    add(el, true);
    for (const label of el.labels || []) add(label, true);
    add(el.nextElementSibling, true);
    add(el.parentElement, false);
    add(el.parentElement && el.parentElement.parentElement, false);
    return parts.join('|');
  };

  // Transitions would make the focused look equal the unfocused one for a
  // moment, and a blinking caret is not a focus indicator.
  const calm = document.createElement('style');
  calm.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }';
  document.head.appendChild(calm);

  // Start from the top, wherever earlier actions left focus: Tab moves on
  // from this first, unfocusable-by-Tab element.
  const before = document.activeElement;
  const start = document.createElement('span');
  start.tabIndex = -1;
  document.body.prepend(start);
  start.focus({ preventScroll: true });

  const candidates = Array.from(document.querySelectorAll(interactive)).filter(reachable);
  const seen = [];

  window.__browsertestFocus = {
    // step reports the element that has focus now and whether focusing it
    // changed how the page looks.
    step() {
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement || !document.hasFocus()) {
        return { state: 'outside' };
      }
      if (el === seen[0]) return { state: 'cycled' };
      if (seen.includes(el)) return { state: 'again', element: describe(el) };
      seen.push(el);
      const focused = look(el);
      el.blur();
      const blurred = look(el);
      el.focus({ preventScroll: true });
      return { state: 'new', element: describe(el), indicated: focused !== blurred };
    },
    // finish names the visible interactive elements Tab never reached. Tab
    // enters a radio group once, so one reached radio covers its group.
    finish() {
      calm.remove();
      start.remove();
      // Leave focus where the test had it, so the check changes nothing.
      if (before && before !== document.body) before.focus({ preventScroll: true });
      else if (document.activeElement) document.activeElement.blur();
      delete window.__browsertestFocus;
      const group = (r) => `${r.form ? Array.from(document.forms).indexOf(r.form) : -1}/${r.name}`;
      const reachedGroups = new Set(seen.filter((el) => el.type === 'radio' && el.name).map(group));
      return candidates
        .filter((el) => !seen.includes(el))
        .filter((el) => !(el.type === 'radio' && el.name && reachedGroups.has(group(el))))
        .map(describe);
    },
  };
  return candidates.length;
})()

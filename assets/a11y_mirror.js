// The hidden DOM mirror of the screen, for screen readers (docs/UI.md, v1.1 "Keyboard and assistive
// technology"). A canvas is opaque to assistive technology; this keeps one element per item of
// the last drawn frame (heading, text, field with its value and error, button, checkbox, radio,
// tab, list row), with ARIA roles and states, in a region that is clipped off screen.
//
// The WebAssembly calls window.datahubMirror.update(json) only when what the mirror shows changed
// (web/ui_probe.cpp, MirrorJsonIfChanged): no frames, no work. The DOM focus follows ImGui's
// focused item; toasts and test results ("status" items) are announced once, when they appear,
// through a polite live region, refusals and errors ("alert" items) through an assertive one; a
// screen reader's click on an element is forwarded to the item on the canvas
// (datahub_mirror_activate), through the same input path as a mouse. Containers (menus, radio
// groups, tab lists, dialogs, a table's header row) come before their first member and hold the
// items whose "group" names them.
(function () {
  'use strict';

  var root = null;      // the clipped container
  var list = null;      // one element per item, in the screen's order
  var live = null;      // role=status: announcements
  var alertRegion = null;  // role=alert: refusals and errors, said at once
  var canvas = null;
  var elements = new Map();   // "<ImGui id>.<occurrence>" -> element
  var containers = new Map(); // "g<ImGui id>" -> { outer, inner } (inner holds the members)
  var announced = new Map();  // "<key>|<text>" -> its element in a live region
  var waiting = new Map();    // "<key>|<text>" -> timer of a delayed announcement
  var lastSaid = new Map();   // text -> when it was last added to a live region
  var focusedEl = null;       // the element of ImGui's focused item, if any

  var ROLES = {
    button: 'button', textbox: 'textbox', checkbox: 'checkbox', radio: 'radio', tab: 'tab',
    row: 'link', menuitem: 'menuitem', columnheader: 'columnheader',
  };
  var CONTAINERS = {
    menu: 'menu', radiogroup: 'radiogroup', tablist: 'tablist', dialog: 'dialog',
    columnheaders: 'table',
  };

  function setUp() {
    canvas = document.getElementById('canvas');
    root = document.createElement('div');
    root.id = 'a11y-mirror';
    root.className = 'a11y-mirror';
    list = document.createElement('div');
    live = document.createElement('div');
    live.id = 'a11y-live';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('aria-atomic', 'false');
    live.setAttribute('aria-relevant', 'additions text');
    alertRegion = document.createElement('div');
    alertRegion.id = 'a11y-alert';
    alertRegion.setAttribute('role', 'alert');
    alertRegion.setAttribute('aria-atomic', 'false');
    alertRegion.setAttribute('aria-relevant', 'additions text');
    root.appendChild(list);
    root.appendChild(live);
    root.appendChild(alertRegion);
    document.body.appendChild(root);
    // A click on the canvas gives it the DOM focus; the focused item's element takes it back.
    canvas.addEventListener('focus', function () {
      if (focusedEl) setTimeout(function () { focusElement(focusedEl); }, 0);
    });
    // The DOM focus moving between mirror elements is no blur of the page: GLFW releases every
    // held key on any blur it sees (Shift would be let go in the middle of Shift+Tab). Registered
    // before datahub-web.js installs GLFW's listener on the same window, so this one runs first.
    window.addEventListener('blur', function (e) {
      if (e.target === canvas || root.contains(e.target)) e.stopImmediatePropagation();
    }, true);
  }

  // The DOM focus follows ImGui's from the canvas, the page or another mirror element; never
  // from an element of the page's own (the text area a browser menu's Paste goes to).
  function focusElement(el) {
    var active = document.activeElement;
    if (!el || !el.isConnected || active === el) return;
    if (active && active !== document.body && active !== canvas && !root.contains(active)) return;
    el.focus({ preventScroll: true });
  }

  function tagFor(item) {
    if (item.role === 'heading') return 'h' + Math.min(Math.max(item.level || 2, 1), 6);
    if (item.role === 'text') return 'p';
    if (item.role === 'textbox') return 'input';
    return 'div';
  }

  function make(item, key, tag) {
    var el = document.createElement(tag);
    el.id = 'a11y-' + key.replace('.', '-');
    el.dataset.tag = tag + ':' + item.role;
    var role = ROLES[item.role];
    if (tag === 'input') {
      // A real text field, so a screen reader reads its value as a field's; the keys typed in it
      // go to ImGui (GLFW listens on the window), and the field itself takes no edit: it shows
      // what ImGui's field holds, from the next frame. Text that comes without a key press
      // (an IME's composition, dictation, an on-screen keyboard, a character the layout has no
      // key for) reaches only this field: it is typed into ImGui's (typedText below).
      el.type = 'text';
      el.autocomplete = 'off';
      el.spellcheck = false;
      el.addEventListener('beforeinput', typedText);
      el.addEventListener('compositionend', function (e) {
        if (e.data) typeIntoImGui(e.data);
      });
    }
    if (role) {
      el.setAttribute('role', role);
      el.tabIndex = -1;
      var id = item.id;
      var occurrence = Number(key.split('.')[1]);
      el.addEventListener('click', function (e) {
        e.preventDefault();
        if (Module['_datahub_mirror_activate']) Module['_datahub_mirror_activate'](id, occurrence);
      });
    }
    return el;
  }

  // The character GLFW took from the last keypress: the beforeinput that follows it carries the
  // same text, which ImGui already has.
  var keyTyped = null;
  window.addEventListener('keydown', function () { keyTyped = null; }, true);
  window.addEventListener('keypress', function (e) {
    keyTyped = e.charCode ? String.fromCodePoint(e.charCode) : null;
  }, true);

  function typeIntoImGui(text) {
    if (Module['datahubTypeText']) Module['datahubTypeText'](text);
  }

  function typedText(e) {
    if (e.inputType === 'insertCompositionText') return;  // typed at compositionend, once
    e.preventDefault();
    var text = e.data;
    var byKey = keyTyped !== null && text === keyTyped;
    keyTyped = null;
    if (byKey || !text) return;
    // Not insertReplacementText (autocorrect): it replaces a range ImGui's field cannot be told.
    if (e.inputType === 'insertText') typeIntoImGui(text);
  }

  function setAttr(el, name, value) {
    if (value === null || value === undefined) {
      if (el.hasAttribute(name)) el.removeAttribute(name);
    } else if (el.getAttribute(name) !== String(value)) {
      el.setAttribute(name, String(value));
    }
  }

  function setText(el, text) {
    if (el.textContent !== text) el.textContent = text;
  }

  function fill(el, item) {
    if (item.role === 'textbox') {
      // Named by its label; its text is the value (a secret's says only "stored" or "not set").
      setAttr(el, 'aria-label', item.label);
      if (el.value !== (item.value || '')) el.value = item.value || '';
      setAttr(el, 'aria-invalid', item.invalid ? 'true' : null);
      setAttr(el, 'aria-required', item.required ? 'true' : null);
    } else {
      setText(el, item.label);
    }
    if (item.role === 'checkbox' || item.role === 'radio') {
      setAttr(el, 'aria-checked', item.checked ? 'true' : 'false');
    }
    if (item.role === 'tab') setAttr(el, 'aria-selected', item.checked ? 'true' : 'false');
    setAttr(el, 'aria-sort', item.role === 'columnheader' ? item.sort : null);
    setAttr(el, 'aria-expanded', item.expanded === undefined ? null : String(item.expanded));
    setAttr(el, 'aria-disabled', item.disabled && ROLES[item.role] ? 'true' : null);
  }

  // Toasts, test results, refusals: each is announced when it appears, once, and leaves the live
  // region when it leaves the screen (removals are not announced). A "key" tells one from the
  // next with the same text (a second identical toast); a text said again within a minute gets an
  // invisible mark, so a screen reader does not take it for the line it already read. A "delay"
  // waits until the text stayed that long (a count while the user is still typing).
  var SAID_AGAIN_MS = 60000;
  function say(entry) {
    var region = entry.alert ? alertRegion : live;
    var p = document.createElement('p');
    var now = performance.now();
    lastSaid.forEach(function (at, text) {  // forget what was said long ago: the map stays small
      if (now - at >= SAID_AGAIN_MS) lastSaid.delete(text);
    });
    var again = lastSaid.has(entry.text);
    p.textContent = again ? entry.text + '\u200b' : entry.text;
    lastSaid.set(entry.text, now);
    region.appendChild(p);
    announced.set(entry.id, p);
  }

  function announce(entries) {
    var now = new Map();
    entries.forEach(function (e) { now.set(e.id, e); });
    announced.forEach(function (el, id) {
      if (!now.has(id)) {
        el.remove();
        announced.delete(id);
      }
    });
    waiting.forEach(function (timer, id) {
      if (!now.has(id)) {
        clearTimeout(timer);
        waiting.delete(id);
      }
    });
    now.forEach(function (entry, id) {
      if (announced.has(id) || waiting.has(id)) return;
      if (!entry.delay) return say(entry);
      waiting.set(id, setTimeout(function () {
        waiting.delete(id);
        say(entry);
      }, entry.delay));
    });
  }

  function container(item) {
    var key = 'g' + item.id;
    var c = containers.get(key);
    var role = CONTAINERS[item.role];
    if (!c || c.role !== role) {
      var outer = document.createElement('div');
      outer.id = 'a11y-' + key;
      outer.setAttribute('role', role);
      var inner = outer;
      if (item.role === 'columnheaders') {
        // A header row belongs in a row of a table.
        inner = document.createElement('div');
        inner.setAttribute('role', 'row');
        outer.appendChild(inner);
      }
      c = { outer: outer, inner: inner, role: role };
    }
    setAttr(c.outer, 'aria-label', item.label || null);
    setAttr(c.outer, 'aria-modal', item.role === 'dialog' ? 'true' : null);
    return c;
  }

  // Puts `children` in `parent`, in order, leaving what else it holds after them.
  function place(parent, children) {
    for (var i = 0; i < children.length; i++) {
      var at = parent.children[i];
      if (at !== children[i]) parent.insertBefore(children[i], at || null);
    }
    while (parent.children.length > children.length) parent.lastChild.remove();
  }

  // Applied after the frame that called, not inside it (the frame's time stays the canvas's);
  // while the screen changes every frame (a list scrolling), the DOM follows at most every
  // 100 ms, with the latest screen.
  var pending = null;
  var timer = 0;
  var appliedAt = -Infinity;
  function update(json) {
    pending = json;
    if (!timer) timer = setTimeout(flush, Math.max(0, appliedAt + 100 - performance.now()));
  }

  function flush() {
    timer = 0;
    appliedAt = performance.now();
    var json = pending;
    pending = null;
    apply(json);
  }

  function apply(json) {
    var items = JSON.parse(json);
    var counts = new Map();
    var next = new Map();
    var nextContainers = new Map();
    var childrenOf = new Map();  // parent element -> its children, in order
    childrenOf.set(list, []);
    var statuses = [];
    var describedBy = new Map();  // field key -> the ids of the messages under it
    var focused = null;
    function add(el, group) {
      var parent = (group && nextContainers.has('g' + group)) ? nextContainers.get('g' + group).inner : list;
      childrenOf.get(parent).push(el);
    }
    items.forEach(function (item) {
      if (item.role === 'status' || item.role === 'alert') {
        statuses.push({ id: item.key + '|' + item.label, text: item.label,
                        alert: item.role === 'alert', delay: item.delay || 0 });
        return;
      }
      if (item.container) {
        var c = container(item);
        nextContainers.set('g' + item.id, c);
        childrenOf.set(c.inner, []);
        add(c.outer, item.group);
        return;
      }
      var n = counts.get(item.id) || 0;
      counts.set(item.id, n + 1);
      var key = item.id + '.' + n;
      var tag = tagFor(item);
      var el = elements.get(key);
      if (!el || el.dataset.tag !== tag + ':' + item.role) el = make(item, key, tag);
      fill(el, item);
      next.set(key, el);
      add(el, item.group);
      if (item.focused) focused = el;
      if (item.describes) {
        var field = item.describes + '.0';
        describedBy.set(field, (describedBy.has(field) ? describedBy.get(field) + ' ' : '') + el.id);
      }
    });
    next.forEach(function (el, key) {
      if (el.getAttribute('role') === 'textbox') setAttr(el, 'aria-describedby', describedBy.get(key));
    });
    elements.forEach(function (el, key) {
      if (next.get(key) !== el) el.remove();
    });
    containers.forEach(function (c, key) {
      if (nextContainers.get(key) !== c) c.outer.remove();
    });
    elements = next;
    containers = nextContainers;
    childrenOf.forEach(function (children, parent) { place(parent, children); });
    announce(statuses);
    focusedEl = focused;
    if (focused) {
      focusElement(focused);
    } else if (root.contains(document.activeElement)) {
      canvas.focus({ preventScroll: true });
    }
  }

  setUp();  // now, before datahub-web.js starts GLFW (see the blur listener)
  window.datahubMirror = { update: update };
})();

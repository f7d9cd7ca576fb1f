// The page around the canvas, for web/platform_web.cpp: the address bar (and leaving for the SSO
// sign-in), the title, the "Leave site?" question, the console, the clipboard and the screen-reader mirror.
// An Emscripten --js-library (web/CMakeLists.txt links it): each key is a C function that
// platform_web.cpp declares extern "C".
//
// Strings handed to C++ are malloc'ed here (datahubNewString) and freed by the C++ side
// (TakeJsString).

mergeInto(LibraryManager.library, {
  $datahubNewString: function (s) {
    var n = lengthBytesUTF8(s) + 1;
    var p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
  },
  $datahubNewString__deps: ['malloc'],

  js_go_to_page: function (url) {
    window.location.assign(UTF8ToString(url));
  },

  js_get_hash__deps: ['$datahubNewString'],
  js_get_hash: function () {
    return datahubNewString(window.location.hash);
  },

  js_set_hash: function (hash, replace) {
    var h = UTF8ToString(hash);
    if (replace) {
      // replaceState rewrites the entry (and drops a token from history) without a hashchange.
      // Safari and Firefox throw a SecurityError past a rate (Safari: 100 calls in 30 s in older
      // versions): the address then lags behind the list instead of the error unwinding a frame.
      try {
        window.history.replaceState(null, '', window.location.pathname + window.location.search + h);
      } catch (e) {
      }
    } else if (window.location.hash !== h) {
      window.location.hash = h;
    }
  },

  js_set_title: function (title) {
    document.title = UTF8ToString(title);
  },

  // Read by the "beforeunload" listener of library_input.js.
  js_set_leave_warning: function (on) {
    Module['datahubLeaveWarning'] = on;
  },

  js_console_log: function (line) {
    console.log(UTF8ToString(line));
  },

  js_clipboard_write: function (text) {
    // Needs a secure context (https or localhost) and a recent user gesture, as Ctrl+C is.
    if (navigator.clipboard) navigator.clipboard.writeText(UTF8ToString(text)).catch(function () {});
  },

  // assets/a11y_mirror.js keeps the hidden DOM mirror; it is called only when the mirror changed.
  js_mirror_update: function (json) {
    if (window['datahubMirror']) window['datahubMirror']['update'](UTF8ToString(json));
  },

  // The first frame is on screen: the "Loading" line of index.html goes.
  js_page_drawn: function () {
    var status = document.getElementById('status');
    if (status) status.remove();
  },
});

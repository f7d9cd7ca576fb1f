// Browser events for web/platform_web.cpp: input wakes the frame loop, resizes and zooms, the
// address bar, "Leave site?", paste, and the text-field menu on a right click.
// An Emscripten --js-library (web/CMakeLists.txt links it); see library_page.js.

mergeInto(LibraryManager.library, {
  js_install_listeners__deps: ['$datahubNewString'],
  js_install_listeners: function () {
    // Any input wakes the frame loop. Capture phase on window: seen before GLFW's own handlers
    // and before anything could stop the event.
    var wake = function () {
      Module['_datahub_wake']();
    };
    [
      'mousemove', 'mousedown', 'mouseup', 'wheel', 'keydown', 'keyup', 'keypress',
      'touchstart', 'touchmove', 'touchend', 'focus', 'blur',
    ].forEach(function (type) {
      window.addEventListener(type, wake, { capture: true, passive: true });
    });
    // Text that arrived without a key press (assets/a11y_mirror.js: IME, dictation), typed into
    // ImGui's focused field as the menu's Paste is.
    Module['datahubTypeText'] = function (text) {
      Module['_datahub_on_menu_paste'](datahubNewString(text));
    };
    window.addEventListener('resize', function () {
      Module['_datahub_on_resize']();
    });
    // A devicePixelRatio change (zoom, another screen) does not always come with "resize".
    function watchPixelRatio() {
      var query = window.matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)');
      query.addEventListener(
        'change',
        function () {
          Module['_datahub_on_resize']();
          watchPixelRatio();
        },
        { once: true }
      );
    }
    watchPixelRatio();
    // Unsaved changes: the browser's own "Leave site?" question before a reload or close.
    window.addEventListener('beforeunload', function (e) {
      if (!Module['datahubLeaveWarning']) return;
      e.preventDefault();
      e.returnValue = '';
    });
    window.addEventListener('hashchange', function () {
      Module['_datahub_on_address_change']();
    });
    // Emscripten's GLFW has no clipboard: remember what the browser pastes. The paste event comes
    // after Ctrl+V's keydown and before the frame that handles it, so ImGui reads the new text.
    document.addEventListener('paste', function (e) {
      var text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
      var p = datahubNewString(text);
      if (e.target === pasteTarget) {
        e.preventDefault();
        pasteTarget.blur();
        Module['_datahub_on_menu_paste'](p);
      } else {
        Module['_datahub_on_paste'](p);
      }
    });
    // The browser's own menu on a right click: none over the canvas (it would offer "Save image"),
    // but over a text field the menu of a text field, for Paste. A right click there focuses the
    // field (as in any page) and puts a transparent text area under the pointer for the menu to
    // belong to; its paste is typed into the field. Where the fields are is asked of the last
    // frame's items: a pointer that jumps there and clicks at once was never seen hovering.
    var canvas = Module['canvas'];
    var pasteTarget = document.createElement('textarea');
    pasteTarget.id = 'paste-target';
    pasteTarget.tabIndex = -1;
    pasteTarget.setAttribute('aria-hidden', 'true');
    document.body.appendChild(pasteTarget);
    function hidePasteTarget() {
      pasteTarget.style.left = '-1000px';
    }
    hidePasteTarget();
    canvas.addEventListener(
      'mousedown',
      function (e) {
        if (e.button !== 2) return;
        var rect = canvas.getBoundingClientRect();
        var x = (e.clientX - rect.left) * (canvas.width / rect.width);
        var y = (e.clientY - rect.top) * (canvas.height / rect.height);
        if (!Module['_datahub_text_field_at'](x, y)) return;
        Module['_datahub_click_text_field'](x, y);
        pasteTarget.value = '';
        pasteTarget.style.left = e.clientX - 8 + 'px';
        pasteTarget.style.top = e.clientY - 8 + 'px';
      },
      true
    );
    canvas.addEventListener('contextmenu', function (e) {
      e.preventDefault();
    });
    pasteTarget.addEventListener('contextmenu', function () {
      pasteTarget.focus();
      // Out of the way of the next click; it keeps the focus the menu's Paste goes to.
      setTimeout(hidePasteTarget, 0);
    });
    pasteTarget.addEventListener('blur', hidePasteTarget);
  },
});

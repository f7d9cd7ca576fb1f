// The test probe (window.__ui) of docs/UI.md, for web/platform_web.cpp: the last frame's items,
// the frame count and the screen's address, read by the browser tests.
// An Emscripten --js-library (web/CMakeLists.txt links it); see library_page.js.

mergeInto(LibraryManager.library, {
  js_install_probe: function () {
    var canvas = Module['canvas'];
    window['__ui'] = {
      // Items come in framebuffer pixels; the page wants CSS pixels.
      items: function () {
        var rect = canvas.getBoundingClientRect();
        var scale = canvas.width > 0 ? rect.width / canvas.width : 1;
        var p = Module['_datahub_probe_items'](
          scale,
          rect.left + window.scrollX,
          rect.top + window.scrollY
        );
        return JSON.parse(UTF8ToString(p));
      },
      frame: function () {
        return Module['_datahub_probe_frames']();
      },
      screen: function () {
        return UTF8ToString(Module['_datahub_probe_screen']());
      },
    };
  },
});

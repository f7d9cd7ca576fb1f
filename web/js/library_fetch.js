// Downloads for web/platform_web.cpp: the REST calls (fetch) and the UI font.
// An Emscripten --js-library (web/CMakeLists.txt links it); see library_page.js.

mergeInto(LibraryManager.library, {
  // Answers come back through datahub_on_fetch_done(id, status, content type, ETag, body);
  // status 0 when no answer came (network error, refused by the browser).
  js_fetch__deps: ['$datahubNewString'],
  js_fetch: function (id, method, url, headersJson, body) {
    var init = {
      method: UTF8ToString(method),
      headers: JSON.parse(UTF8ToString(headersJson)),
      cache: 'no-store',
    };
    var text = UTF8ToString(body);
    if (text.length > 0) init.body = text;
    function deliver(status, contentType, etag, responseText) {
      var p = [contentType, etag, responseText].map(function (s) {
        return datahubNewString(s);
      });
      Module['_datahub_on_fetch_done'](id, status, p[0], p[1], p[2]);
    }
    fetch(UTF8ToString(url), init)
      .then(function (r) {
        return r.text().then(function (t) {
          deliver(r.status, r.headers.get('Content-Type') || '', r.headers.get('ETag') || '', t);
        });
      })
      .catch(function () {
        deliver(0, '', '', '');
      });
  },

  // The font's bytes go to datahub_on_font(bytes, size), which frees them; (0, 0) when the
  // download failed and the UI draws with ImGui's own font.
  js_load_font__deps: ['malloc'],
  js_load_font: function () {
    // index.html (boot.js) starts the download before the WebAssembly is compiled.
    var pending =
      Module['fontData'] ||
      fetch('inter-ui.otf').then(function (r) {
        return r.ok ? r.arrayBuffer() : null;
      });
    Promise.resolve(pending)
      .catch(function () {
        return null;
      })
      .then(function (buffer) {
        if (!buffer) {
          Module['_datahub_on_font'](0, 0);
          return;
        }
        var bytes = new Uint8Array(buffer);
        var p = _malloc(bytes.length);
        HEAPU8.set(bytes, p);
        Module['_datahub_on_font'](p, bytes.length);
      });
  },
});

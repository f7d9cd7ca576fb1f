// Sets up the Emscripten Module before datahub-web.js loads. A file of its own, not inline:
// the page's Content-Security-Policy allows scripts from the server only.
function showStatus(text) {
  var status = document.getElementById('status');
  if (!status) {
    status = document.createElement('div');
    status.id = 'status';
    document.body.appendChild(status);
  }
  status.textContent = text;
}
var Module = {
  canvas: document.getElementById('canvas'),
  // The UI font downloads while the WebAssembly compiles (web/platform_web.cpp reads it).
  fontData: fetch('inter-ui.otf')
      .then(function (r) { return r.ok ? r.arrayBuffer() : null; })
      .catch(function () { return null; }),
  print: function (text) { console.log(text); },
  printErr: function (text) { console.error(text); },
  onAbort: function () { showStatus('The Data Hub failed to start. Reload the page to try again.'); }
};
if (!window.WebAssembly || !document.createElement('canvas').getContext('webgl2')) {
  showStatus('The Data Hub needs a browser with WebAssembly and WebGL 2.');
}

// Files for web/platform_web.cpp: a download made from text (Export) and the browser's file
// chooser read as text (Import). An Emscripten --js-library (web/CMakeLists.txt links it); see
// library_page.js for how strings cross to C++.

mergeInto(LibraryManager.library, {
  // A Blob behind an <a download>: the browser saves it as it saves any download.
  js_save_file: function (name, mime, content) {
    var blob = new Blob([UTF8ToString(content)], { type: UTF8ToString(mime) });
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = UTF8ToString(name);
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    // The download has its own reference to the Blob once started: the URL can go.
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 1000);
  },

  // One hidden <input type=file>, made on first use and reused. The chosen file's name, size and
  // text go to datahub_on_file_chosen(id, name, size, text); a file over `maxBytes` is not read
  // (its text is empty: C++ says it is too large). A cancelled chooser calls nothing.
  js_choose_file__deps: ['$datahubNewString'],
  js_choose_file: function (id, accept, maxBytes) {
    var input = document.getElementById('datahub-file-input');
    if (!input) {
      input = document.createElement('input');
      input.type = 'file';
      input.id = 'datahub-file-input';
      input.tabIndex = -1;
      input.setAttribute('aria-hidden', 'true');
      input.style.display = 'none';
      document.body.appendChild(input);
    }
    input.accept = UTF8ToString(accept);
    input.value = '';  // the same file chosen twice is still a change
    input.onchange = function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var deliver = function (text) {
        Module['_datahub_on_file_chosen'](id, datahubNewString(file.name), file.size,
                                          datahubNewString(text));
      };
      if (file.size > maxBytes) {
        deliver('');
        return;
      }
      file.text().then(deliver, function () {
        deliver('');
      });
    };
    input.click();
  },
});

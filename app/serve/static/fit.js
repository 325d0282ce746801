// Runs before textual.js reads the page (on load).
(function () {
  // About 45 columns on a phone in portrait (a cell is 0.6 em wide in Roboto Mono), and
  // 16 px on anything wider.
  var terminal = document.getElementById("terminal");
  var size = Math.floor(window.innerWidth / (45 * 0.6));
  terminal.dataset.fontSize = String(Math.max(10, Math.min(16, size)));
  // textual-serve's xterm.js draws on canvases sized in CSS pixels but scaled by the device
  // pixel ratio, so on a high-density (phone) screen only the top-left corner shows. One
  // device pixel per CSS pixel is less crisp, but the whole screen is there.
  if (window.devicePixelRatio !== 1) {
    Object.defineProperty(window, "devicePixelRatio", { get: function () { return 1; } });
  }
})();

// Pick a font size that gives a phone in portrait about 45 columns (a cell is 0.6 em wide
// in Roboto Mono), and keep 16 px on anything wider. Runs before textual.js reads it.
(function () {
  var terminal = document.getElementById("terminal");
  var size = Math.floor(window.innerWidth / (45 * 0.6));
  terminal.dataset.fontSize = String(Math.max(10, Math.min(16, size)));
})();

// The print sheets' "Cetak" button (dashboard/web/templates/cetak_lembar.html), bound here rather than inline: the
// Content-Security-Policy runs no inline handler. Loaded by Dash pages too, where there is no such button.
document.addEventListener("DOMContentLoaded", function () {
  const tombol = document.getElementById("tombol-cetak");
  if (tombol) {
    tombol.addEventListener("click", function () { window.print(); });
  }
});

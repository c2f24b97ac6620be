// The tables' pager (dbc.Pagination) carries its labels for screen readers in English ("First", "(current)"…),
// and takes no option to change them: they are put into Indonesian as soon as they appear, and again when the
// pager draws a page's item anew.
(function () {
  const LABEL = {
    "First": "Pertama", "Previous": "Sebelumnya", "Next": "Berikutnya", "Last": "Terakhir",
    "More": "Lainnya", "(current)": "(halaman ini)"
  };
  function terjemahkan(akar) {
    if (!akar || !akar.querySelectorAll) {
      return;
    }
    akar.querySelectorAll(".pagination .visually-hidden, .pagination [aria-label]").forEach(function (el) {
      const teks = el.textContent.trim();
      if (el.classList.contains("visually-hidden") && Object.prototype.hasOwnProperty.call(LABEL, teks)) {
        el.textContent = LABEL[teks];
      }
      const label = el.getAttribute("aria-label");
      if (label && Object.prototype.hasOwnProperty.call(LABEL, label)) {
        el.setAttribute("aria-label", LABEL[label]);
      }
    });
  }
  function mulai() {
    terjemahkan(document);
    new MutationObserver(function (perubahan) {
      perubahan.forEach(function (p) {
        const sasaran = p.target.nodeType === 1 ? p.target : p.target.parentElement;
        if (sasaran && sasaran.closest && sasaran.closest(".pagination")) {
          terjemahkan(sasaran.closest(".pagination").parentElement);
        } else {
          p.addedNodes.forEach(function (n) {
            if (n.nodeType === 1) {
              terjemahkan(n.parentElement || n);
            }
          });
        }
      });
    }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mulai);
  } else {
    mulai();
  }
})();

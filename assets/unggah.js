// Upload fields (dashboard/components/unggah.py): a file the field does not take is refused here, before anything
// is sent, with the server's own words (the templates come from the page, models/umum/batas_unggah.py). dcc.Upload
// drops such a file silently; this says why, in the page's message area, and forgets the previous file so that
// nothing stale can be saved. Choosing any file clears the message an earlier file left.
(function () {
  function ukuran(byte) {  // as batas_unggah.ukuran_teks: MB, one decimal rounded up, a decimal comma
    return String(Math.ceil(byte * 10 / 1048576) / 10).replace(".", ",") + " MB";
  }

  function alasan(kotak, berkas) {
    const nama = berkas.name || "";
    const titik = nama.lastIndexOf(".");
    const ext = titik >= 0 ? nama.slice(titik + 1).toLowerCase() : "";
    if (kotak.dataset.unggahJenis.split(",").indexOf(ext) < 0) {
      return kotak.dataset.pesanJenis.replace("{nama}", nama);
    }
    if (berkas.size > Number(kotak.dataset.unggahMaks)) {
      return kotak.dataset.pesanBesar.replace("{nama}", nama).replace("{ukuran}", ukuran(berkas.size));
    }
    return null;
  }

  function dipilih(e) {
    const kotak = e.target && e.target.closest ? e.target.closest("[data-unggah-maks]") : null;
    const atur = window.dash_clientside && window.dash_clientside.set_props;
    if (!kotak || !atur) {
      return;
    }
    const daftar = e.type === "drop" ? (e.dataTransfer && e.dataTransfer.files) : e.target.files;
    if (!daftar || !daftar.length) {
      return;
    }
    const pesan = alasan(kotak, daftar[0]);
    (kotak.dataset.unggahBersihkan || "").split(",").filter(Boolean).forEach(function (id) {
      atur(id, {children: null});
    });
    if (pesan) {
      atur(kotak.dataset.unggahPesan, {children: {type: "Alert", namespace: "dash_bootstrap_components",
        props: {children: pesan, color: "danger", className: "pesan-tolak pesan-unggah"}}});
      atur(kotak.dataset.unggah, {contents: null, filename: null});
    } else {
      atur(kotak.dataset.unggahPesan, {children: null});
    }
  }

  // Capture: seen before the field's own handlers, whether the file was chosen or dropped.
  document.addEventListener("change", dipilih, true);
  document.addEventListener("drop", dipilih, true);
})();

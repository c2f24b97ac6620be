// Indonesian for the charts' toolbar and axes (config locale "id"), registered for Plotly when it loads: the
// dashboards set no other words in English.
(function () {
  var id = {
    moduleType: "locale",
    name: "id",
    dictionary: {
      "Autoscale": "Skala otomatis",
      "Box Select": "Pilih kotak",
      "Compare data on hover": "Bandingkan data saat kursor di atas",
      "Double-click on legend to isolate one trace": "Klik dua kali pada legenda untuk menampilkan satu seri saja",
      "Double-click to zoom back out": "Klik dua kali untuk kembali ke ukuran semula",
      "Download plot as a png": "Unduh grafik sebagai PNG",
      "Download plot as a PNG": "Unduh grafik sebagai PNG",
      "Download plot": "Unduh grafik",
      "Lasso Select": "Pilih laso",
      "Pan": "Geser",
      "Produced with Plotly.js": "Dibuat dengan Plotly.js",
      "Reset": "Atur ulang",
      "Reset axes": "Kembalikan sumbu",
      "Reset view": "Kembalikan tampilan",
      "Show closest data on hover": "Tampilkan data terdekat saat kursor di atas",
      "Snapshot succeeded": "Gambar berhasil dibuat",
      "Sorry, there was a problem downloading your snapshot!": "Maaf, gambar grafik gagal diunduh.",
      "Taking snapshot - this may take a few seconds": "Membuat gambar grafik; mohon tunggu beberapa detik",
      "Toggle Spike Lines": "Tampilkan atau sembunyikan garis bantu",
      "Toggle show closest data on hover": "Tampilkan data terdekat saat kursor di atas",
      "Zoom": "Perbesar area",
      "Zoom in": "Perbesar",
      "Zoom out": "Perkecil"
    },
    format: {
      days: ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
      shortDays: ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
      months: ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
               "November", "Desember"],
      shortMonths: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
      date: "%d/%m/%Y",
      decimal: ",",
      thousands: "."
    }
  };
  if (window.Plotly && window.Plotly.register) {
    window.Plotly.register(id);
  } else {
    window.PlotlyLocales = (window.PlotlyLocales || []).concat([id]);
  }
})();

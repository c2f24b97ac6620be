// A long table of the dashboards: paged, sorted by a click on a column's name and searched, all in the browser.
// Its rows arrive with the page (dashboard/components/tabel.py), so a click asks nothing of the server.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  tabel: {
    tampilkan: function (cari, halaman, _klik, data, urutan) {
      const nc = window.dash_clientside.no_update;
      if (!data) {
        return [nc, nc, nc, nc, nc, nc];
      }
      const pemicu = (window.dash_clientside.callback_context.triggered || []).map(function (t) {
        return t.prop_id;
      });
      let urut = urutan;
      pemicu.forEach(function (p) {
        if (p.indexOf('"tabel-urut"') >= 0) {
          const kolom = JSON.parse(p.slice(0, p.lastIndexOf("."))).kolom;
          urut = urut && urut.kolom === kolom ? { kolom: kolom, naik: !urut.naik } : { kolom: kolom, naik: true };
        }
      });
      const dicari = (cari || "").trim().toLocaleLowerCase("id");
      let nomor = data.baris.map(function (_b, i) { return i; });
      if (dicari) {
        nomor = nomor.filter(function (i) {
          return data.baris[i].some(function (v) { return v.toLocaleLowerCase("id").indexOf(dicari) >= 0; });
        });
      }
      if (urut) {
        const arah = urut.naik ? 1 : -1;
        nomor.sort(function (a, b) {
          const x = data.kunci[a][urut.kolom];
          const y = data.kunci[b][urut.kolom];
          if (x === null || y === null) {
            return x === y ? a - b : (x === null ? 1 : -1);  // empty cells last, whichever the direction
          }
          const beda = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "id");
          return beda !== 0 ? arah * beda : a - b;
        });
      }
      const per = data.per_halaman;
      const jumlahHalaman = Math.max(1, Math.ceil(nomor.length / per));
      const pindahHalaman = pemicu.some(function (p) { return p.indexOf('"tabel-halaman"') >= 0; });
      const aktif = pindahHalaman ? Math.min(Math.max(halaman || 1, 1), jumlahHalaman) : 1;
      const tampil = nomor.slice((aktif - 1) * per, aktif * per);
      const baris = tampil.map(function (i) {
        return {
          namespace: "dash_html_components", type: "Tr",
          props: { children: data.baris[i].map(function (v, k) {
            const alamat = data.tautan && data.tautan[i][k];
            const isi = alamat ? { namespace: "dash_html_components", type: "A", props: { children: v, href: alamat } } : v;
            return { namespace: "dash_html_components", type: "Td",
                     props: { children: isi, className: data.kanan[k] ? "text-end" : null } };
          }) }
        };
      });
      const ribuan = function (n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); };
      let keterangan;
      if (nomor.length === 0) {
        keterangan = "Tidak ada baris yang cocok dengan pencarian.";
      } else {
        keterangan = "Menampilkan " + ribuan((aktif - 1) * per + 1) + "–" + ribuan((aktif - 1) * per + tampil.length) +
          " dari " + ribuan(nomor.length) + " baris" +
          (nomor.length < data.baris.length ? " (disaring dari " + ribuan(data.baris.length) + ")." : ".");
      }
      const kepala = data.kolom.map(function (nama, k) {
        return urut && urut.kolom === k ? nama + (urut.naik ? " ▲" : " ▼") : nama;
      });
      return [baris, jumlahHalaman, aktif, urut, keterangan, kepala];
    }
  }
});

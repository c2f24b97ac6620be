// Browser-side helpers of the dashboards. The filters live in the address, so a link opens the same view.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  sakip: {
    simpanAlamat: function () {
      const nilai = Array.prototype.slice.call(arguments);
      const nama = nilai.pop() || [];
      const params = new URLSearchParams(window.location.search);
      nama.forEach(function (n, i) {
        const v = nilai[i];
        if (v === null || v === undefined || v === "") {
          params.delete(n);
        } else {
          params.set(n, v);
        }
      });
      const q = params.toString();
      window.history.replaceState(window.history.state, "", window.location.pathname + (q ? "?" + q : ""));
      return q;
    }
  }
});

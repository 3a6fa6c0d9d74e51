/// The files every page uses, served from memory under `/assets/`: the style sheet (the report's palette
/// and marks, plus the frame), the live-update script and the icon. Nothing is fetched from anywhere else.
enum WebAssets {
    /// The asset at `name` (`style.css`, `live.js`, `icon.svg`) with its content type, or nil.
    static func named(_ name: String) -> (contentType: String, body: String)? {
        switch name {
        case "style.css": ("text/css; charset=utf-8", css)
        case "live.js": ("text/javascript; charset=utf-8", script)
        case "icon.svg": ("image/svg+xml", icon)
        default: nil
        }
    }

    /// The style sheet: the report's, then the frame, forms and tables of the pages.
    static let css = ReportDocument.css + """
    body{max-width:1240px;padding:0 28px 40px}
    a{color:#1f5fa8}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #f1c40f;outline-offset:2px}
    .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:6px 10px;z-index:2}
    .top{display:flex;flex-wrap:wrap;align-items:center;gap:6px 18px;padding:14px 0 10px;border-bottom:2px solid var(--ink);margin-bottom:14px}
    .brand{font-weight:800;font-size:18px;color:var(--ink);text-decoration:none}
    .top nav{display:flex;flex-wrap:wrap;gap:2px 12px;font-size:14px}.top nav a{text-decoration:none;padding:2px 0}
    .top nav a[aria-current]{font-weight:700;color:var(--ink);border-bottom:2px solid var(--ink)}
    .top form{margin-left:auto;display:flex;gap:6px}
    input,select,button{font:inherit;font-size:14px;padding:4px 6px;border:1px solid #8a96a1;border-radius:4px;background:#fff;color:var(--ink)}
    button{background:var(--ink);color:#fff;border-color:var(--ink);cursor:pointer;padding:4px 12px}
    .moment{display:flex;flex-wrap:wrap;align-items:flex-end;gap:8px 14px;background:var(--band);border:1px solid var(--line);border-radius:6px;padding:10px 12px;margin:10px 0 16px}
    .moment fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:6px;align-items:flex-end}
    .moment legend{font-weight:600;font-size:13px;padding:0;margin-bottom:2px}
    .moment label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}
    .moment .now{font-size:13px;align-self:center}
    .phrase{color:var(--muted);margin:2px 0 10px}
    .live{background:#fff8e1;border:1px solid #f1c40f;border-radius:6px;padding:8px 12px;margin:8px 0}
    .cols{display:grid;grid-template-columns:1fr 1fr;gap:0 28px}
    .kpi-grid.small{grid-template-columns:repeat(3,1fr)}
    dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;font-size:14px}dl.fields dt{font-weight:600;color:var(--muted)}dl.fields dd{margin:0;overflow-wrap:anywhere}
    .ok{color:var(--pull);font-weight:600}.bad{color:var(--slip);font-weight:600}
    .hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;overflow-wrap:anywhere}
    .error{background:#fdecea;border:1px solid var(--slip);border-radius:6px;padding:10px 12px}
    .record .field{display:grid;grid-template-columns:minmax(160px,220px) minmax(0,520px);gap:2px 14px;margin:0 0 10px}
    .record .field label{font-weight:600;padding-top:5px}.record .req{font-weight:400;color:var(--muted);font-size:12px}
    .record .hint{grid-column:2;font-size:12px;color:var(--muted)}.record textarea{font:inherit;font-size:14px;padding:4px 6px;border:1px solid #8a96a1;border-radius:4px}
    .record .check{display:block;margin:6px 0 12px}.top nav a.record{font-weight:600}
    td.seq{white-space:nowrap}.retracted{text-decoration:line-through;color:var(--muted)}
    @media (max-width:800px){.cols{grid-template-columns:1fr}.kpi-grid.small{grid-template-columns:1fr}.top form{margin-left:0}}
    @media print{.top nav,.top form,.moment,.live,.skip{display:none}}
    """

    /// Listens for the server's word that the log grew, and then offers a reload; pages work without it.
    static let script = """
    (function () {
      var head = document.body.getAttribute('data-head');
      if (!head || !window.EventSource) return;
      var source = null;
      function stop() { if (source) { source.close(); source = null; } }
      function listen() {
        source = new EventSource('/updates?head=' + encodeURIComponent(head));
        source.addEventListener('head', function (message) {
          if (message.data === head) return;
          var note = document.getElementById('live');
          if (note) { note.hidden = false; }
          stop();
        });
      }
      // A page kept for the back button must not hold its stream: browsers allow few connections to one host.
      window.addEventListener('pagehide', stop);
      window.addEventListener('pageshow', function (event) { if (event.persisted && !source) listen(); });
      listen();
    })();
    """

    /// The tab's icon: a dot on a line, the report's mark for a launch's plan.
    static let icon = """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1d2329"/><path d="M3 11h10" stroke="#fff" stroke-width="1.5"/><circle cx="10" cy="6" r="2.5" fill="#c0392b"/></svg>
    """
}

import Foundation

/// The inline stylesheet of `index.html` and `reports/index.html` (constant text, no user data, no URLs).
public enum ReportStyle {
    /// Verdict badge rules generated from `Verdict.colour`, so HTML and SVG use the same colours.
    static var badgeRules: String {
        Verdict.allCases.map { v in
            ".badge.\(v.cssClass){background:\(v.colour)} tr.\(v.cssClass) td.verdict-cell{box-shadow:inset 4px 0 0 \(v.colour)}"
        }.joined(separator: "\n")
    }

    public static var css: String {
        """
        :root{--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa;--accent:#0969da}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;color:var(--fg);background:#fff;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",
          "Noto Sans","Helvetica Neue",Arial,sans-serif}
        main{max-width:1180px;margin:0 auto;padding:28px 32px 64px}
        h1{font-size:26px;line-height:1.25;margin:0 0 6px;font-weight:650}
        h2{font-size:19px;margin:40px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line);font-weight:600}
        h3{font-size:14px;margin:0 0 4px;font-weight:600}
        a{color:var(--accent);text-decoration:none} a:hover{text-decoration:underline}
        code,pre,.mono{font-family:ui-monospace,SFMono-Regular,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px}
        .muted{color:var(--muted)} .small{font-size:12px}
        header.report{border-bottom:1px solid var(--line);padding-bottom:18px}
        .kicker{text-transform:uppercase;letter-spacing:.06em;font-size:12px;color:var(--muted);margin:0 0 6px}
        .links{margin:4px 0 14px;color:var(--muted)} .links a,.links span{margin-right:14px}
        dl.meta{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px 20px;margin:0 0 16px}
        dl.meta div{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:8px 12px}
        dl.meta dt{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
        dl.meta dd{margin:2px 0 0;font-weight:600;overflow-wrap:anywhere}
        .counts{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
        .badge{display:inline-block;color:#fff;border-radius:999px;padding:2px 10px;font-size:12px;font-weight:600;
          white-space:nowrap;line-height:1.6}
        .badge.big{font-size:13px;padding:3px 12px}
        \(badgeRules)
        table{border-collapse:collapse;width:100%;margin:6px 0 10px}
        th,td{text-align:left;vertical-align:top;padding:7px 10px;border-bottom:1px solid var(--line)}
        th{font-size:12px;color:var(--muted);font-weight:600;background:var(--soft);border-bottom:1px solid var(--line);
          white-space:nowrap}
        tbody tr:nth-child(even) td{background:#fbfcfd}
        td.num{font-variant-numeric:tabular-nums;white-space:nowrap}
        td.wrap{overflow-wrap:anywhere} td.num.wrap{white-space:normal;min-width:90px;max-width:160px}
        table.claims td.claim{min-width:230px} table.claims .id{font-weight:600;overflow-wrap:anywhere}
        table.claims .statement{color:var(--muted);font-size:12.5px;margin-top:2px}
        .kind{display:inline-block;border:1px solid var(--line);border-radius:4px;padding:0 5px;font-size:11px;
          color:var(--muted);margin-left:6px;font-weight:400;vertical-align:1px}
        table.runs td.mono{white-space:nowrap} table.runs .statement{color:var(--muted);font-size:12.5px}
        td.message{font-size:12.5px;min-width:200px;max-width:340px;overflow-wrap:break-word}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:14px}
        .card{border:1px solid var(--line);border-radius:8px;padding:12px 14px;background:#fff}
        .card .head{display:flex;justify-content:space-between;gap:10px;align-items:baseline}
        .card .caption{font-size:12px;color:var(--muted);margin-top:2px}
        svg{max-width:100%;height:auto;display:block;font-family:inherit}
        svg.claim-chart{margin-top:6px}
        .legend-key{font-size:12px;color:var(--muted);margin:4px 0 12px}
        .answer{font-weight:600;text-transform:lowercase} .answer.yes{color:#1a7f37} .answer.no{color:#cf222e}
        .answer.partial{color:#b7791f}
        pre.spec{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:14px 16px;overflow:auto;
          max-height:640px;white-space:pre}
        .note{background:#fff8c5;border:1px solid #d4a72c66;border-radius:6px;padding:8px 12px;font-size:13px}
        footer{margin-top:48px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:10px}
        @media print{main{max-width:none;padding:0} .charts{grid-template-columns:1fr} pre.spec{max-height:none}}
        """
    }
}

/// The frame of a self-contained report: an HTML5 document with its style inline, a
/// system font stack, print rules for A4, and nothing fetched from anywhere (no script,
/// no link, no web font, no image file, no URL).
enum HTMLPage {
  /// The whole document around `body` (already escaped markup).
  static func document(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(Markup.text(title))</title>
    <style>
    \(style)
    </style>
    </head>
    <body>
    \(body)
    </body>
    </html>

    """
  }

  /// The report's style: readable on screen, printable on A4, colours from the
  /// Okabe–Ito palette (distinguishable with colour-vision deficiency), every class also
  /// told apart by shape or text.
  static let style = """
    @page { size: A4; margin: 14mm 12mm; }
    html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      color: #1a1a1a; background: #fff; max-width: 186mm; margin: 0 auto; padding: 12px;
      font-size: 11pt; line-height: 1.4; }
    h1 { font-size: 1.6em; margin: 0 0 .2em; }
    h2 { font-size: 1.25em; margin: 1.4em 0 .4em; padding-bottom: .15em; border-bottom: 1px solid #bbb;
      break-after: avoid; page-break-after: avoid; }
    h3 { font-size: 1.05em; margin: 1em 0 .3em; break-after: avoid; page-break-after: avoid; }
    p { margin: .3em 0 .6em; }
    .meta { color: #555; margin-top: 0; }
    .summary { font-size: 1.1em; background: #f2f5f8; border-left: 4px solid #0072b2;
      padding: .5em .8em; margin: .8em 0; }
    .summary p { margin: .2em 0; }
    .note { color: #555; font-style: italic; }
    .panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(84mm, 1fr)); gap: 6px 18px; }
    figure { margin: .6em 0; break-inside: avoid; page-break-inside: avoid; }
    figcaption { font-weight: 600; margin-bottom: .2em; }
    tr { break-inside: avoid; page-break-inside: avoid; }
    .panels td:first-child { white-space: nowrap; }
    svg.chart { display: block; width: 100%; height: auto; max-width: 100%; }
    table { border-collapse: collapse; font-size: .88em; margin: .3em 0 .8em; }
    caption { text-align: left; font-weight: 600; padding-bottom: .2em; }
    th, td { border-bottom: 1px solid #ddd; padding: 2px 8px 2px 0; text-align: left; vertical-align: top; }
    thead th { border-bottom: 1px solid #888; }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.statistics { font-size: .78em; width: 100%; }
    table.statistics td, table.statistics th { padding-right: 6px; }
    tr.reading td { color: #333; font-style: italic; padding-bottom: 5px; border-bottom: 1px solid #bbb; }
    tr:has(+ tr.reading) td { border-bottom: none; }
    .improved { color: #005a8c; font-weight: 600; }
    .declined { color: #a33f00; font-weight: 600; }
    .feedback dt { font-weight: 600; margin-top: .4em; }
    .feedback dd { margin: 0 0 .3em 1em; }
    blockquote { margin: .2em 0 .6em 1em; padding-left: .6em; border-left: 3px solid #ccc;
      white-space: pre-wrap; overflow-wrap: anywhere; }
    .suppressed { color: #555; }
    svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    svg .band-0 { fill: #ececec; }
    svg .band-1 { fill: #e1eaf2; }
    svg .band-2 { fill: #d2e3ee; }
    svg .band-3 { fill: #c3d9e8; }
    svg .band-label { font-size: 10px; fill: #444; }
    svg .grid { stroke: #fff; stroke-width: 1; }
    svg .baseline { stroke: #555; stroke-width: 1; }
    svg .zero { stroke: #888; stroke-width: 1; }
    svg .tick { font-size: 10px; fill: #333; }
    svg .label { font-size: 11px; fill: #1a1a1a; }
    svg .value { font-size: 10px; font-weight: 600; fill: #1a1a1a; }
    svg .note { font-size: 10px; font-style: italic; fill: #444; }
    svg .trace { fill: none; stroke: #333; stroke-width: 2; }
    svg .interval { stroke: #333; stroke-width: 1.5; }
    svg .mean-line { stroke: #000; stroke-width: 2; }
    svg .marker { stroke: #fff; stroke-width: .6; }
    svg .marker.plain { fill: #333; }
    svg .marker.improved { fill: #0072b2; }
    svg .marker.unchanged { fill: #8a8a8a; }
    svg .marker.declined { fill: #d55e00; }
    svg .marker.unknown { fill: #fff; stroke: #333; stroke-width: 1.2; }
    svg .noise-zone { fill: #f0f0f0; }
    svg .threshold { stroke: #777; stroke-width: 1; stroke-dasharray: 4 3; }
    svg .segment.improved { fill: #56b4e9; }
    svg .segment.unchanged { fill: #dcdcdc; }
    svg .segment.declined { fill: #e69f00; }
    svg .segment-label { font-size: 11px; font-weight: 600; fill: #111; }
    @media print {
      body { max-width: none; padding: 0; font-size: 10pt; }
      .panels { grid-template-columns: 1fr 1fr; }
    }
    """
}

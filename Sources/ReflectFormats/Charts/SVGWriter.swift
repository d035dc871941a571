/// Writes one inline `<svg>` element: an accessible image (`role="img"`, labelled by its
/// `<title>` and `<desc>`) drawn in a fixed coordinate system that scales to the page.
///
/// Output is deterministic: attributes in a fixed order, numbers through ``SVGNumber``,
/// every text escaped through ``Markup``. No namespace declaration is written: an
/// inline `<svg>` in HTML needs none, and leaving it out keeps the page free of URLs.
struct SVGWriter: Sendable {
  let width: Double
  let height: Double
  private var output: String

  /// Starts an image of `width` × `height` units whose `<title>` and `<desc>` get the ids
  /// `id-title` and `id-desc`; `id` must be unique in the page.
  init(width: Double, height: Double, id: String, title: String, description: String) {
    self.width = width
    self.height = height
    let w = SVGNumber.format(width)
    let h = SVGNumber.format(height)
    let ident = Markup.attribute(id)
    output =
      "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\""
      + " aria-labelledby=\"\(ident)-title \(ident)-desc\">\n"
      + "<title id=\"\(ident)-title\">\(Markup.text(title))</title>\n"
      + "<desc id=\"\(ident)-desc\">\(Markup.text(description))</desc>\n"
  }

  /// The finished element.
  var rendered: String { output + "</svg>" }

  /// An element with `attributes` (numbers already formatted) and optional text content.
  mutating func element(
    _ name: String, _ attributes: [(String, String)], text: String? = nil
  ) {
    output += "<" + name
    for (key, value) in attributes {
      output += " \(key)=\"\(Markup.attribute(value))\""
    }
    if let text {
      output += ">\(Markup.text(text))</\(name)>\n"
    } else {
      output += "/>\n"
    }
  }

  /// Opens a group with `className`; close it with ``closeGroup()``.
  mutating func openGroup(_ className: String) {
    output += "<g class=\"\(Markup.attribute(className))\">\n"
  }

  mutating func closeGroup() {
    output += "</g>\n"
  }

  mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, className: String
  ) {
    element(
      "line",
      [
        ("class", className), ("x1", n(x1)), ("y1", n(y1)), ("x2", n(x2)), ("y2", n(y2)),
      ])
  }

  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, className: String
  ) {
    element(
      "rect",
      [
        ("class", className), ("x", n(x)), ("y", n(y)), ("width", n(max(width, 0))),
        ("height", n(max(height, 0))),
      ])
  }

  mutating func circle(cx: Double, cy: Double, r: Double, className: String) {
    element("circle", [("class", className), ("cx", n(cx)), ("cy", n(cy)), ("r", n(r))])
  }

  /// A line through `points`, in order.
  mutating func polyline(_ points: [(x: Double, y: Double)], className: String) {
    let list = points.map { n($0.x) + "," + n($0.y) }.joined(separator: " ")
    element("polyline", [("class", className), ("points", list)])
  }

  /// A closed shape through `points`.
  mutating func polygon(_ points: [(x: Double, y: Double)], className: String) {
    let list = points.map { n($0.x) + "," + n($0.y) }.joined(separator: " ")
    element("polygon", [("class", className), ("points", list)])
  }

  /// Text at (`x`, `y`) on its baseline; `anchor` is `start`, `middle` or `end`.
  mutating func text(
    _ content: String, x: Double, y: Double, anchor: String = "start", className: String = "label"
  ) {
    element(
      "text", [("class", className), ("x", n(x)), ("y", n(y)), ("text-anchor", anchor)],
      text: content)
  }

  private func n(_ value: Double) -> String { SVGNumber.format(value) }
}
